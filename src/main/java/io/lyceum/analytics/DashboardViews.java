package io.lyceum.analytics;

import io.lyceum.accounts.Role;
import io.lyceum.catalog.TutorProfileStatus;
import io.lyceum.scheduling.BookingState;
import io.lyceum.shared.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of the dashboards. Money is always per currency: amounts in different currencies never add up. */
final class DashboardViews {

    private DashboardViews() {}

    /** The period a figure covers: whole days in the tenant's time zone, both ends included. */
    record PeriodView(@Nullable LocalDate from, @Nullable LocalDate to, String timeZone) {
        static PeriodView of(Period period) {
            return new PeriodView(period.from(), period.to(), period.zone().getId());
        }
    }

    /** One currency's money over a period or a month. */
    record MoneyFigures(String currency, Money gross, Money commission, Money refunds, Money payouts, Money net) {}

    record UserCount(Role role, long total, long active) {}

    record Stats(
            PeriodView period,
            List<UserCount> users,
            Map<TutorProfileStatus, Long> tutorProfiles,
            SessionMetrics sessions,
            List<MoneyFigures> revenue) {}

    /** Booking outcomes of the lessons starting in the period. */
    record SessionMetrics(
            PeriodView period,
            long total,
            long completed,
            long upcoming,
            long cancelled,
            long noShows,
            long disputed,
            long hoursTaught,
            @Nullable BigDecimal completionRate,
            @Nullable BigDecimal cancellationRate) {}

    record Party(UUID id, @Nullable String name) {}

    record UpcomingSession(
            UUID bookingId,
            Party tutor,
            Party student,
            Party subject,
            BookingState state,
            Instant startsAt,
            Instant endsAt,
            Money price) {}

    /**
     * One entry of the activity feed.
     *
     * @param type USER_REGISTERED, BOOKING_STATE_CHANGED, PAYMENT, REFUND or PAYOUT
     * @param subjectId the user (registrations), the booking (state changes) or the ledger entry (money)
     */
    record Activity(
            String type,
            Instant occurredAt,
            UUID subjectId,
            @Nullable String name,
            @Nullable Role role,
            @Nullable BookingState fromState,
            @Nullable BookingState toState,
            @Nullable UUID bookingId,
            @Nullable Money amount) {}

    record RecentActivities(List<Activity> content) {}

    record RevenueMonth(YearMonth month, List<MoneyFigures> currencies) {}

    record MonthlyRevenue(PeriodView period, List<RevenueMonth> months, List<MoneyFigures> totals) {}

    record SubjectShare(
            UUID subjectId,
            @Nullable String name,
            long bookings,
            long completed,
            @Nullable BigDecimal share) {}

    record SubjectDistribution(PeriodView period, long totalBookings, List<SubjectShare> subjects) {}

    record GrowthMonth(YearMonth month, Map<Role, Long> signups, long totalSignups, long bookingsPlaced) {}

    record UserGrowth(PeriodView period, List<GrowthMonth> months, Map<Role, Long> totals) {}

    /**
     * The marketplace's health over a period. A rate is null when its denominator is zero.
     *
     * @param searchToBooking bookings placed per tutor search served
     * @param tutorUtilisation tutors who taught at least one lesson, per tutor with availability
     * @param repeatBookingRate students with two or more bookings, per student with a booking
     * @param medianTimeToFirstBooking of the students who registered in the period and have booked: the median time
     *     from registration to their first booking
     * @param refundRates per currency: refunds divided by gross payments
     * @param disputesPer100Lessons disputed lessons per 100 lessons taught
     */
    record Health(
            PeriodView period,
            long searches,
            long bookingsPlaced,
            @Nullable BigDecimal searchToBooking,
            long tutorsWithAvailability,
            long tutorsTeaching,
            @Nullable BigDecimal tutorUtilisation,
            long studentsBooking,
            long repeatStudents,
            @Nullable BigDecimal repeatBookingRate,
            long newStudents,
            long newStudentsWhoBooked,
            @Nullable Duration medianTimeToFirstBooking,
            List<CurrencyRate> refundRates,
            long lessonsTaught,
            long disputedLessons,
            @Nullable BigDecimal disputesPer100Lessons) {}

    record CurrencyRate(String currency, @Nullable BigDecimal rate) {}

    record OwnerRevenue(PeriodView period, List<RevenueMonth> months, List<MoneyFigures> totals) {}

    record OwnerDashboard(
            PeriodView period, List<MoneyFigures> revenue, UserGrowth growth, SessionMetrics sessions, Health health) {}
}
