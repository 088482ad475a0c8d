package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admins' and owners' console: the hub of every admin page, users (search, suspend, reinstate, ban, password
 * reset), payment reconciliation, exchange rates, the owner's commission tiers and the tenant's settings and
 * cancellation policy. Every rule and permission is the API's: a page only shows what it answers.
 */
@Controller
class AdminConsolePages {

    /** The most tiers the commission form offers (the API accepts up to 20). */
    private static final int TIER_ROWS = 8;

    private final Api api;
    private final Viewers viewers;
    private final PageAdvice advice;

    AdminConsolePages(Api api, Viewers viewers, PageAdvice advice) {
        this.api = api;
        this.viewers = viewers;
        this.advice = advice;
    }

    @GetMapping("/admin")
    String hub(HttpServletRequest request) {
        return signedIn(request) ? "admin/hub" : "redirect:/signin?next=/admin";
    }

    // ---- users

    @GetMapping("/admin/users")
    String users(
            HttpServletRequest request,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String role,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        if (!signedIn(request)) {
            return "redirect:/signin?next=/admin/users";
        }
        model.addAttribute(
                "users",
                api.get(
                        "/api/v1/admin/users",
                        "q",
                        q,
                        "role",
                        role,
                        "status",
                        status,
                        "page",
                        Math.max(page, 0),
                        "size",
                        25,
                        "sort",
                        "createdAt,desc"));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("role", role == null ? "" : role);
        model.addAttribute("status", status == null ? "" : status);
        model.addAttribute("query", Api.queryString("q", q, "role", role, "status", status));
        return "admin/users";
    }

    @GetMapping("/admin/users/{id}")
    String user(@PathVariable UUID id, Model model) {
        model.addAttribute("user", api.get("/api/v1/admin/users/" + id));
        return "admin/user";
    }

    @PostMapping("/admin/users/{id}/suspend")
    String suspendUser(@PathVariable UUID id, @RequestParam String reason, RedirectAttributes flash) {
        return advice.act(
                () -> api.post("/api/v1/admin/users/" + id + "/suspend", Map.of("reason", reason)),
                "console.user.suspended",
                flash,
                "/admin/users/" + id);
    }

    @PostMapping("/admin/users/{id}/ban")
    String banUser(@PathVariable UUID id, @RequestParam String reason, RedirectAttributes flash) {
        return advice.act(
                () -> api.post("/api/v1/admin/users/" + id + "/ban", Map.of("reason", reason)),
                "console.user.banned",
                flash,
                "/admin/users/" + id);
    }

    @PostMapping("/admin/users/{id}/reinstate")
    String reinstateUser(@PathVariable UUID id, RedirectAttributes flash) {
        return advice.act(
                () -> api.post("/api/v1/admin/users/" + id + "/reinstate", Map.of()),
                "console.user.reinstated",
                flash,
                "/admin/users/" + id);
    }

    @PostMapping("/admin/users/{id}/password-reset")
    String resetPassword(@PathVariable UUID id, RedirectAttributes flash) {
        return advice.act(
                () -> api.post("/api/v1/admin/users/" + id + "/password-reset", null),
                "console.user.resetSent",
                flash,
                "/admin/users/" + id);
    }

    // ---- bookings and refund requests

    private static final java.util.List<String> BOOKING_STATES = java.util.List.of(
            "PENDING_PAYMENT",
            "REQUESTED",
            "CONFIRMED",
            "COMPLETED",
            "CANCELLED",
            "DECLINED",
            "EXPIRED",
            "NO_SHOW_STUDENT",
            "NO_SHOW_TUTOR",
            "DISPUTED",
            "RESOLVED");

    @GetMapping("/admin/bookings")
    String bookings(
            HttpServletRequest request,
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        if (!signedIn(request)) {
            return "redirect:/signin?next=/admin/bookings";
        }
        String filter = state != null && BOOKING_STATES.contains(state) ? state : null;
        Map<String, Object> bookings = api.get(
                "/api/v1/bookings", "state", filter, "page", Math.max(page, 0), "size", 25, "sort", "startsAt,desc");
        if (bookings.get("content") instanceof List<?> content) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) content;
            new Names(api).decorate(rows);
        }
        model.addAttribute("bookings", bookings);
        model.addAttribute("states", BOOKING_STATES);
        model.addAttribute("state", filter == null ? "" : filter);
        return "admin/bookings";
    }

    @GetMapping("/admin/refund-requests")
    String refundRequests(
            HttpServletRequest request,
            @RequestParam(defaultValue = "PENDING") String status,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        if (!signedIn(request)) {
            return "redirect:/signin?next=/admin/refund-requests";
        }
        String filter = "ALL".equals(status) ? null : status;
        model.addAttribute(
                "requests",
                api.get("/api/v1/refund-requests", "status", filter, "page", Math.max(page, 0), "size", 25));
        model.addAttribute("status", status);
        return "admin/refund-requests";
    }

    @PostMapping("/admin/refund-requests/{id}")
    String decideRefund(
            @PathVariable UUID id,
            @RequestParam String decision,
            @RequestParam String adminNote,
            RedirectAttributes flash) {
        return advice.act(
                () -> api.patch("/api/v1/refund-requests/" + id, Map.of("decision", decision, "adminNote", adminNote)),
                "APPROVE".equals(decision) ? "console.refunds.approved" : "console.refunds.rejected",
                flash,
                "/admin/refund-requests");
    }

    // ---- payments

    @GetMapping("/admin/payments")
    String payments(
            HttpServletRequest request,
            @RequestParam(defaultValue = "false") boolean differencesOnly,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        if (!signedIn(request)) {
            return "redirect:/signin?next=/admin/payments";
        }
        model.addAttribute(
                "runs",
                api.get(
                        "/api/v1/admin/payments/reconciliation",
                        "differencesOnly",
                        differencesOnly,
                        "page",
                        Math.max(page, 0),
                        "size",
                        20));
        model.addAttribute("differencesOnly", differencesOnly);
        return "admin/payments";
    }

    @PostMapping("/admin/payments/reconciliation")
    String reconcile(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            RedirectAttributes flash) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (from != null && !from.isBlank()) {
            body.put("from", from + "T00:00:00Z");
        }
        if (to != null && !to.isBlank()) {
            body.put("to", to + "T00:00:00Z");
        }
        return advice.act(
                () -> api.post("/api/v1/admin/payments/reconciliation", body),
                "console.payments.reconciled",
                flash,
                "/admin/payments");
    }

    @GetMapping("/admin/payments/reconciliation/{id}")
    String reconciliationRun(@PathVariable UUID id, Model model) {
        model.addAttribute("run", api.get("/api/v1/admin/payments/reconciliation/" + id));
        return "admin/reconciliation-run";
    }

    // ---- exchange rates

    @GetMapping("/admin/exchange-rates")
    String exchangeRates(HttpServletRequest request, Model model) {
        if (!signedIn(request)) {
            return "redirect:/signin?next=/admin/exchange-rates";
        }
        // a page of 100 holds every pair of the ECB feed (about 30) and the manual ones a tenant keeps
        model.addAttribute("rates", api.items("/api/v1/admin/exchange-rates", "size", 100));
        return "admin/exchange-rates";
    }

    @PostMapping("/admin/exchange-rates")
    String setExchangeRate(
            @RequestParam String base,
            @RequestParam String quote,
            @RequestParam String rate,
            RedirectAttributes flash) {
        return advice.act(
                () -> api.put(
                        "/api/v1/admin/exchange-rates/" + currency(base) + "/" + currency(quote),
                        Map.of("rate", number(rate))),
                "console.rates.saved",
                flash,
                "/admin/exchange-rates");
    }

    @PostMapping("/admin/exchange-rates/{base}/{quote}/delete")
    String deleteExchangeRate(@PathVariable String base, @PathVariable String quote, RedirectAttributes flash) {
        return advice.act(
                () -> {
                    api.delete("/api/v1/admin/exchange-rates/" + currency(base) + "/" + currency(quote));
                    return null;
                },
                "console.rates.deleted",
                flash,
                "/admin/exchange-rates");
    }

    /** A currency code for a path segment: letters only, so a form value cannot reach another route. */
    private static String currency(String code) {
        String trimmed = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        return trimmed.matches("[A-Z]{1,8}") ? trimmed : "INVALID";
    }

    // ---- commission (owner)

    @GetMapping("/owner/commission")
    String commission(HttpServletRequest request, Model model) {
        if (!signedIn(request)) {
            return "redirect:/signin?next=/owner/commission";
        }
        Map<String, Object> tiers = api.get("/api/v1/owner/commission-tiers");
        List<Map<String, Object>> rows = new ArrayList<>();
        if (tiers.get("tiers") instanceof List<?> list) {
            for (Object tier : list) {
                if (tier instanceof Map<?, ?> map) {
                    rows.add(new LinkedHashMap<>(stringKeys(map)));
                }
            }
        }
        while (rows.size() < TIER_ROWS) {
            rows.add(new LinkedHashMap<>());
        }
        model.addAttribute("commission", tiers);
        model.addAttribute("rows", rows);
        return "admin/commission";
    }

    @PostMapping("/owner/commission")
    String saveCommission(
            @RequestParam long version,
            @RequestParam(name = "name") List<String> names,
            @RequestParam(name = "minHours") List<String> minHours,
            @RequestParam(name = "ratePercent") List<String> rates,
            @RequestParam(required = false) @Nullable String trialRatePercent,
            RedirectAttributes flash) {
        List<Map<String, Object>> tiers = new ArrayList<>();
        for (int i = 0; i < names.size() && i < minHours.size() && i < rates.size(); i++) {
            if (names.get(i).isBlank()
                    && minHours.get(i).isBlank()
                    && rates.get(i).isBlank()) {
                continue; // an empty row of the form
            }
            Map<String, Object> tier = new LinkedHashMap<>();
            tier.put("name", names.get(i).trim());
            tier.put("minHours", number(minHours.get(i)));
            tier.put("ratePercent", number(rates.get(i)));
            tiers.add(tier);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tiers", tiers);
        if (trialRatePercent != null && !trialRatePercent.isBlank()) {
            body.put("trialRatePercent", number(trialRatePercent));
        }
        return advice.act(
                () -> api.sendIfMatch("PUT", "/api/v1/owner/commission-tiers", body, version),
                "console.commission.saved",
                flash,
                "/owner/commission");
    }

    /** A number as typed; left as text when unreadable, so the API names the field in its 422. */
    private static Object number(String typed) {
        String trimmed = typed == null ? "" : typed.trim();
        try {
            return new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            return trimmed;
        }
    }

    // ---- tenant settings and cancellation policy

    @GetMapping("/admin/settings")
    String settings(HttpServletRequest request, Model model) {
        if (!signedIn(request)) {
            return "redirect:/signin?next=/admin/settings";
        }
        model.addAttribute("tenant", api.get("/api/v1/tenants/me"));
        model.addAttribute("policy", api.get("/api/v1/admin/scheduling/policy"));
        return "admin/settings";
    }

    @PostMapping("/admin/settings/tenant")
    String saveTenant(
            @RequestParam long version,
            @RequestParam String name,
            @RequestParam String defaultCurrency,
            @RequestParam String timeZone,
            @RequestParam(defaultValue = "false") boolean requireEmailVerification,
            RedirectAttributes flash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("defaultCurrency", defaultCurrency.trim().toUpperCase(Locale.ROOT));
        body.put("timeZone", timeZone.trim());
        body.put("settings", Map.of("requireEmailVerification", requireEmailVerification));
        return advice.act(
                () -> api.sendIfMatch("PATCH", "/api/v1/tenants/me", body, version),
                "console.settings.saved",
                flash,
                "/admin/settings");
    }

    @PostMapping("/admin/settings/policy")
    String savePolicy(
            @RequestParam String freeCancellationHours,
            @RequestParam String lateFeePercent,
            @RequestParam String maxReschedules,
            @RequestParam String rescheduleUntilHours,
            RedirectAttributes flash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("freeCancellationHours", number(freeCancellationHours));
        body.put("lateFeePercent", number(lateFeePercent));
        body.put("maxReschedules", number(maxReschedules));
        body.put("rescheduleUntilHours", number(rescheduleUntilHours));
        return advice.act(
                () -> api.put("/api/v1/admin/scheduling/policy", body),
                "console.policy.saved",
                flash,
                "/admin/settings");
    }

    private boolean signedIn(HttpServletRequest request) {
        return viewers.current(request).signedIn();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
