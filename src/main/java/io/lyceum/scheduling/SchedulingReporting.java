package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Scheduling's read-only figures for dashboards and reports, computed in SQL over the bookings of the current tenant.
 * Periods are half-open {@code [from, to)} on the lesson's start unless a method says otherwise; the states are
 * grouped by {@link BookingState}'s categories (the same SQL functions).
 */
public interface SchedulingReporting {

    /** Counts of the bookings whose lesson starts in the period, by outcome. */
    SessionMetrics sessionMetrics(Instant from, Instant to);

    /**
     * @param total every booking starting in the period
     * @param done completed, or disputed and resolved ({@link BookingState#done()})
     * @param upcoming pending payment, requested or confirmed ({@link BookingState#upcoming()})
     * @param cancelled cancelled, declined or expired (never occupied the slot)
     * @param noShows either side did not attend
     * @param disputed disputed or resolved after a dispute
     * @param taught lessons that count as taught: done or under dispute ({@link BookingState#countsAsTaught()})
     * @param minutesTaught the minutes of lessons that count as taught
     * @param tutorsTeaching distinct tutors with a lesson that counts as taught
     * @param studentsBooking distinct students with a booking that occupied a slot
     * @param repeatStudents of those, the students with two or more such bookings
     */
    record SessionMetrics(
            long total,
            long done,
            long upcoming,
            long cancelled,
            long noShows,
            long disputed,
            long taught,
            long minutesTaught,
            long tutorsTeaching,
            long studentsBooking,
            long repeatStudents) {}

    /** The lessons starting in the period that are still to happen (upcoming states), soonest first: one page. */
    List<UpcomingSession> upcomingSessions(Instant from, Instant to, long offset, int limit);

    /** How many lessons {@link #upcomingSessions} has in the period. */
    long upcomingSessionCount(Instant from, Instant to);

    record UpcomingSession(
            BookingId bookingId,
            TutorId tutorId,
            UserId studentId,
            UUID subjectId,
            BookingState state,
            Instant startsAt,
            Instant endsAt,
            Money price) {}

    /** Bookings per subject that occupied a slot (not cancelled, declined or expired), most booked first. */
    List<SubjectCount> subjectDistribution(Instant from, Instant to);

    record SubjectCount(UUID subjectId, long bookings, long done) {}

    /** Bookings placed (by creation time) per month in the zone, oldest first. */
    List<MonthlyCount> bookingsPlacedByMonth(Instant from, Instant to, ZoneId zone);

    record MonthlyCount(YearMonth month, long count) {}

    /** The latest booking state changes (the booking history), newest first. */
    List<BookingChange> recentChanges(int limit);

    record BookingChange(BookingId bookingId, @Nullable BookingState from, BookingState to, Instant occurredAt) {}

    /** Bookings placed (by creation time) in the period: the denominator's counterpart of search conversion. */
    long bookingsPlaced(Instant from, Instant to);

    /** Each student's first booking ever placed (creation time), for the students given that have one. */
    Map<UUID, Instant> firstBookingPlaced(Collection<UUID> studentIds);

    /** How many tutors have a weekly schedule (availability) in this tenant. */
    long tutorsWithSchedule();

    /** Every booking whose lesson starts in the period, by start, handed to {@code sink} one by one. */
    void forEachBooking(Instant from, Instant to, Consumer<BookingRow> sink);

    record BookingRow(
            BookingId bookingId,
            TutorId tutorId,
            UserId studentId,
            UUID subjectId,
            BookingState state,
            boolean trial,
            Instant startsAt,
            Instant endsAt,
            Money price,
            Instant createdAt) {}

    /** Per tutor with a booking starting in the period: their bookings by outcome, most minutes taught first. */
    void forEachTutorActivity(Instant from, Instant to, Consumer<TutorActivity> sink);

    record TutorActivity(
            TutorId tutorId,
            long bookings,
            long done,
            long cancelled,
            long noShows,
            long disputed,
            long minutesTaught) {}
}
