package io.lyceum.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admins' dashboard, their analytics reports and the owner's dashboard. Every figure comes from the analytics API
 * ({@code /api/v1/admin/dashboard/*}, {@code /api/v1/admin/analytics-reports}, {@code /api/v1/owner/*}); the bars of
 * the monthly revenue are drawn here as inline SVG widths, no script.
 */
@Controller
class AnalyticsPages {

    private final Api api;
    private final PageAdvice advice;

    AnalyticsPages(Api api, PageAdvice advice) {
        this.api = api;
        this.advice = advice;
    }

    /** One bar of the revenue chart: a month's gross in one currency, as a share of the currency's best month. */
    record Bar(String month, String currency, Object gross, BigDecimal percent) {
        /** The bar's width in the SVG: the label column leaves 60 % of the width for the longest bar. */
        public String width() {
            return percent.multiply(BigDecimal.valueOf(6)).divide(BigDecimal.TEN, 1, RoundingMode.HALF_UP) + "%";
        }
    }

    @GetMapping("/admin/dashboard")
    String dashboard(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            Model model) {
        Object[] period = period(from, to);
        try {
            model.addAttribute("stats", api.get("/api/v1/admin/dashboard/stats", period));
            Map<String, Object> revenue = api.get("/api/v1/admin/dashboard/monthly-revenue", period);
            model.addAttribute("revenue", revenue);
            model.addAttribute("bars", bars(revenue));
            model.addAttribute("subjects", api.get("/api/v1/admin/dashboard/subject-distribution", period));
        } catch (ApiProblem problem) {
            if (problem.status() != 422) {
                throw problem;
            }
            model.addAttribute("error", advice.message(problem));
            model.addAttribute("fieldErrors", PageAdvice.fieldErrors(problem));
            Map<String, Object> fallback = api.get("/api/v1/admin/dashboard/stats");
            model.addAttribute("stats", fallback);
            Map<String, Object> revenue = api.get("/api/v1/admin/dashboard/monthly-revenue");
            model.addAttribute("revenue", revenue);
            model.addAttribute("bars", bars(revenue));
            model.addAttribute("subjects", api.get("/api/v1/admin/dashboard/subject-distribution"));
        }
        model.addAttribute(
                "upcoming",
                api.get("/api/v1/admin/dashboard/upcoming-sessions", "size", 10).get("content"));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "analytics/dashboard";
    }

    @GetMapping("/admin/analytics-reports")
    String reports(Model model) {
        model.addAttribute(
                "reports",
                api.get("/api/v1/admin/analytics-reports", "size", 50).get("content"));
        return "analytics/reports";
    }

    @PostMapping("/admin/analytics-reports")
    String requestReport(
            @RequestParam String type,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            RedirectAttributes flash) {
        try {
            Map<String, Object> body = new java.util.HashMap<>();
            body.put("type", type);
            body.put("from", blankToNull(from));
            body.put("to", blankToNull(to));
            api.post("/api/v1/admin/analytics-reports", body);
            flash.addFlashAttribute("notice", "analytics.reports.requested");
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            flash.addFlashAttribute("error", advice.message(problem));
            flash.addFlashAttribute("fieldErrors", PageAdvice.fieldErrors(problem));
        }
        return "redirect:/admin/analytics-reports";
    }

    @GetMapping("/admin/analytics-reports/{id}/download")
    ResponseEntity<byte[]> download(@PathVariable UUID id) {
        HttpResponse<byte[]> csv = api.download("/api/v1/admin/analytics-reports/" + id + "/download");
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        csv.headers()
                                .firstValue(HttpHeaders.CONTENT_DISPOSITION)
                                .orElse("attachment; filename=\"report.csv\""))
                .header("X-Content-Type-Options", "nosniff")
                .body(csv.body());
    }

    @GetMapping("/owner/dashboard")
    String owner(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            Model model) {
        Object[] period = period(from, to);
        Map<String, Object> dashboard;
        try {
            dashboard = api.get("/api/v1/owner/dashboard", period);
        } catch (ApiProblem problem) {
            if (problem.status() != 422) {
                throw problem;
            }
            model.addAttribute("error", advice.message(problem));
            model.addAttribute("fieldErrors", PageAdvice.fieldErrors(problem));
            dashboard = api.get("/api/v1/owner/dashboard");
        }
        model.addAttribute("owner", dashboard);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "analytics/owner";
    }

    private static Object[] period(@Nullable String from, @Nullable String to) {
        List<Object> query = new ArrayList<>();
        if (from != null && !from.isBlank()) {
            query.add("from");
            query.add(from);
        }
        if (to != null && !to.isBlank()) {
            query.add("to");
            query.add(to);
        }
        return query.toArray();
    }

    private static @Nullable String blankToNull(@Nullable String value) {

        return value == null || value.isBlank() ? null : value;
    }

    /** The bars of every month and currency, each currency scaled to its own best month (never mixed). */
    @SuppressWarnings("unchecked")
    static List<Bar> bars(Map<String, Object> revenue) {
        List<Map<String, Object>> months = (List<Map<String, Object>>) revenue.getOrDefault("months", List.of());
        Map<String, Long> best = new java.util.HashMap<>();
        for (Map<String, Object> month : months) {
            for (Map<String, Object> row : ApiFields.objects(month, "currencies")) {
                long gross = ApiFields.number(ApiFields.object(row, "gross"), "amount")
                        .longValue();
                best.merge(ApiFields.text(row, "currency"), gross, Math::max);
            }
        }
        List<Bar> bars = new ArrayList<>();
        for (Map<String, Object> month : months) {
            for (Map<String, Object> row : ApiFields.objects(month, "currencies")) {
                String currency = ApiFields.text(row, "currency");
                Map<String, Object> grossMoney = ApiFields.object(row, "gross");
                long gross = ApiFields.number(grossMoney, "amount").longValue();
                long max = best.getOrDefault(currency, 0L);
                BigDecimal percent = max == 0
                        ? BigDecimal.ZERO
                        : BigDecimal.valueOf(gross * 100).divide(BigDecimal.valueOf(max), 1, RoundingMode.HALF_UP);
                bars.add(new Bar(ApiFields.text(month, "month"), currency, grossMoney, percent));
            }
        }
        return bars;
    }
}
