package io.lyceum.analytics;

import io.lyceum.analytics.DashboardViews.Health;
import io.lyceum.analytics.DashboardViews.OwnerDashboard;
import io.lyceum.analytics.DashboardViews.OwnerRevenue;
import io.lyceum.analytics.DashboardViews.UserGrowth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The owner's view of the business (seed 004's owner routes): money, growth and the marketplace's health. */
@RestController
@RequestMapping("/api/v1/owner")
@PreAuthorize("hasRole('OWNER')")
@Tag(name = "Analytics: owner")
class OwnerDashboardController {

    private static final String PERIOD = " Period: `from` and `to` (YYYY-MM-DD, both included) in the tenant's time"
            + " zone, default the last twelve calendar months; 422 `analytics.invalid_period` lists every problem.";

    private final Dashboards dashboards;

    OwnerDashboardController(Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping("/dashboard")
    @Operation(
            summary = "The owner's dashboard",
            description = "OWNER. The period's money per currency, growth per month, lesson outcomes and marketplace"
                    + " health in one answer." + PERIOD)
    OwnerDashboard dashboard(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return dashboards.ownerDashboard(dashboards.lastTwelveMonths(from, to));
    }

    @GetMapping("/revenue")
    @Operation(
            summary = "Revenue by month and currency",
            description = "OWNER. From the ledger, per calendar month (tenant's zone) and currency: gross payments,"
                    + " commission (the platform's net revenue), refunds, payouts to tutors and net; totals per"
                    + " currency, never added across currencies." + PERIOD)
    OwnerRevenue revenue(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return dashboards.ownerRevenue(dashboards.lastTwelveMonths(from, to));
    }

    @GetMapping("/growth")
    @Operation(
            summary = "Growth per month",
            description = "OWNER. Registrations per role and bookings placed, per calendar month." + PERIOD)
    UserGrowth growth(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return dashboards.userGrowth(dashboards.lastTwelveMonths(from, to));
    }

    @GetMapping("/health")
    @Operation(
            summary = "Marketplace health",
            description = "OWNER. Search-to-booking conversion (bookings placed per tutor search; searches are counted"
                    + " in memory and flushed every minute), tutor utilisation (tutors who taught per tutor with"
                    + " availability), repeat-booking rate, median time from registration to first booking of the"
                    + " period's new students (ISO-8601 duration), refund rate per currency (refunds / gross) and"
                    + " disputes per 100 lessons taught. Rates have 4 decimals and are null when nothing was there to"
                    + " divide by." + PERIOD)
    Health health(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return dashboards.health(dashboards.lastTwelveMonths(from, to));
    }
}
