package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The admins' view of tutors' withdrawals (payouts) across the tenant, by state. The provider's events finish a payout,
 * so the API offers admins no action on one: the page shows what happened, with the provider's reason for a failure.
 */
@Controller
class PayoutPages {

    static final List<String> STATUSES = List.of("PENDING", "PAID", "FAILED");

    private final Api api;
    private final Viewers viewers;

    PayoutPages(Api api, Viewers viewers) {
        this.api = api;
        this.viewers = viewers;
    }

    @GetMapping("/admin/payouts")
    String payouts(
            HttpServletRequest request,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        if (!viewers.current(request).signedIn()) {
            return "redirect:/signin?next=/admin/payouts";
        }
        String filter = status != null && STATUSES.contains(status) ? status : null;
        Map<String, Object> withdrawals =
                api.get("/api/v1/admin/payments/withdrawals", "status", filter, "page", Math.max(page, 0), "size", 25);
        UserNames names = new UserNames(api);
        for (Map<String, Object> withdrawal : BookingPages.list(withdrawals)) {
            withdrawal.put("tutorName", names.of(withdrawal.get("tutorId")));
        }
        model.addAttribute("withdrawals", withdrawals);
        model.addAttribute("rows", BookingPages.list(withdrawals));
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("status", filter == null ? "" : filter);
        return "billingpages/payouts";
    }
}
