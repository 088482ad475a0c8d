package io.lyceum.scheduling;

import java.util.Optional;
import java.util.UUID;

/** What other modules may ask of scheduling. Queries run in the current tenant. */
public interface SchedulingApi {

    Optional<BookingSummary> findBooking(UUID bookingId);

    /** Whether the tutor has taught the student: at least one of their bookings was completed. */
    boolean hasTaught(UUID tutorId, UUID studentId);

    /**
     * Whether the student has an APPROVED preliminary meeting for the course pack. Billing refuses enrollment in a pack
     * whose {@code CatalogApi.coursePack(...).preliminaryMeetingRequired()} is true until this is.
     */
    boolean preliminaryMeetingApproved(UUID studentId, UUID coursePackId);

    /**
     * The minutes of lessons the tutor has taught that ended before {@code before}: bookings that were completed (and
     * possibly disputed and resolved since). Billing's commission tiers are keyed on the hours this makes.
     */
    long minutesTaught(UUID tutorId, java.time.Instant before);
}
