package io.lyceum.analytics;

import io.lyceum.analytics.DashboardViews.MonthlyRevenue;
import io.lyceum.analytics.DashboardViews.RecentActivities;
import io.lyceum.analytics.DashboardViews.SessionMetrics;
import io.lyceum.analytics.DashboardViews.Stats;
import io.lyceum.analytics.DashboardViews.SubjectDistribution;
import io.lyceum.analytics.DashboardViews.UpcomingSession;
import io.lyceum.analytics.DashboardViews.UserGrowth;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admins' dashboard (seed 004's routes). Periods are {@code from}/{@code to} dates in the tenant's time zone, both
 * included; without them the last twelve calendar months (upcoming sessions: the next 30 days).
 */
@RestController
@RequestMapping("/api/v1/admin/dashboard")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Analytics: admin dashboard")
class AdminDashboardController {

    private static final String PERIOD = " Period: `from` and `to` (YYYY-MM-DD, both included) in the tenant's time"
            + " zone, default the last twelve calendar months; 422 `analytics.invalid_period` lists every problem"
            + " (unparsable date, from after to, longer than the maximum span).";

    private final Dashboards dashboards;

    AdminDashboardController(Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping("/stats")
    @Operation(
            summary = "Dashboard headline figures",
            description = "ADMIN or OWNER. Users per role, tutor profiles per approval state, the outcomes of the"
                    + " lessons starting in the period, and the period's money per currency from the ledger (gross"
                    + " payments, commission, refunds, payouts, net = gross - refunds)." + PERIOD)
    Stats stats(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return dashboards.stats(dashboards.lastTwelveMonths(from, to));
    }

    @GetMapping("/recent-activities")
    @Operation(
            summary = "The latest activity of the marketplace",
            description = "ADMIN or OWNER. Registrations, booking state changes and payments, refunds and payouts,"
                    + " merged newest first: the latest `limit` (1-100, default 20).")
    RecentActivities recentActivities(@RequestParam(required = false, defaultValue = "20") String limit) {
        return dashboards.recentActivities(limit(limit));
    }

    @GetMapping("/upcoming-sessions")
    @Operation(
            summary = "Lessons still to happen",
            description = "ADMIN or OWNER. Pending payment, requested and confirmed lessons starting from now within"
                    + " the period (default today and the next 29 days), soonest first, paged, with the tutor's,"
                    + " student's and subject's names." + " `from`/`to` as the other dashboard routes.")
    PageResponse<UpcomingSession> upcomingSessions(
            @Parameter(hidden = true) PageQuery page,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        page.requireSortable(java.util.Set.of());
        return dashboards.upcomingSessions(dashboards.comingDays(from, to, 30), page);
    }

    @GetMapping("/session-metrics")
    @Operation(
            summary = "Outcomes of the lessons in the period",
            description = "ADMIN or OWNER. Lessons starting in the period: total, completed (done), upcoming,"
                    + " cancelled (cancelled, declined, expired), no-shows, disputed, hours taught, completion and"
                    + " cancellation rates (4 decimals, null without lessons)." + PERIOD)
    SessionMetrics sessionMetrics(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return dashboards.sessionMetrics(dashboards.lastTwelveMonths(from, to));
    }

    @GetMapping("/monthly-revenue")
    @Operation(
            summary = "Money per month and currency",
            description = "ADMIN or OWNER. Every calendar month (tenant's zone) the period touches, each with one row"
                    + " per currency that moved in the period: gross, commission, refunds, payouts and net, from the"
                    + " ledger; totals per currency. Currencies are never added together." + PERIOD)
    MonthlyRevenue monthlyRevenue(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return dashboards.monthlyRevenue(dashboards.lastTwelveMonths(from, to));
    }

    @GetMapping("/subject-distribution")
    @Operation(
            summary = "Bookings per subject",
            description = "ADMIN or OWNER. Bookings starting in the period that held a slot (not cancelled, declined"
                    + " or expired) per subject, most booked first, with each subject's share." + PERIOD)
    SubjectDistribution subjectDistribution(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return dashboards.subjectDistribution(dashboards.lastTwelveMonths(from, to));
    }

    @GetMapping("/user-growth")
    @Operation(
            summary = "Registrations and bookings placed per month",
            description = "ADMIN or OWNER. Every calendar month of the period: registrations per role and bookings"
                    + " placed." + PERIOD)
    UserGrowth userGrowth(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return dashboards.userGrowth(dashboards.lastTwelveMonths(from, to));
    }

    static int limit(String value) {
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= Dashboards.MAX_ACTIVITIES) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw LyceumException.invalid(
                "analytics.invalid_limit",
                "limit must be a whole number from 1 to " + Dashboards.MAX_ACTIVITIES + ".",
                List.of(new FieldError("limit", "must be a whole number from 1 to " + Dashboards.MAX_ACTIVITIES)));
    }
}
