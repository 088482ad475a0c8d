package io.lyceum.scheduling;

import io.lyceum.shared.Money;
import java.time.Instant;
import java.util.List;
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

    /**
     * The lessons of a course pack to book for a student (billing's enrollments).
     *
     * @param level the pack's level, recorded on the bookings
     * @param starts the lesson starts, in order
     * @param prices each lesson's share of the pack price (they sum to the price)
     * @param holdUntil the enrollment's payment deadline: the lessons' hold
     */
    record CoursePackLessons(
            UUID coursePackId,
            UUID tutorId,
            UUID studentId,
            UUID bookedBy,
            UUID subjectId,
            String level,
            int durationMinutes,
            List<Instant> starts,
            List<Money> prices,
            Instant holdUntil) {

        public CoursePackLessons {
            starts = List.copyOf(starts);
            prices = List.copyOf(prices);
        }
    }

    /**
     * Books a course pack's lessons in the caller's transaction (required), all or nothing, with every check a
     * booking gets (the tutor's hours, notice and horizon; the exclusion constraints on the tutor's and the student's
     * time). Each booking has {@code course_pack_id} set, is PENDING_PAYMENT (a free pack's lessons are placed like
     * free bookings) and its {@link BookingPlaced} carries the pack id. Returns the booking ids in the order of the
     * starts.
     *
     * @throws io.lyceum.shared.LyceumException 409 {@code booking.slot_unavailable} / {@code booking.student_busy} /
     *     {@code booking.slot_not_offered} naming the start
     */
    List<UUID> placeCoursePackLessons(CoursePackLessons lessons);

    /**
     * Billing takes back a lesson it sold (an enrollment cancelled or refunded), in the caller's transaction:
     * PENDING_PAYMENT becomes EXPIRED ({@link BookingExpired}), REQUESTED or CONFIRMED not yet started becomes
     * CANCELLED with no fee ({@link BookingCancelled}, rule {@code BILLING_RELEASE}, refund = price: billing refunds it
     * itself); started or finished lessons are left alone. Returns the booking's state afterwards. Idempotent.
     */
    BookingState releaseForBilling(UUID bookingId, String reason);

    /**
     * Disputed bookings for the admin desk: {@code open} true lists the DISPUTED ones (oldest dispute first, the queue),
     * false the RESOLVED ones (most recently resolved first). Paged.
     */
    io.lyceum.shared.PageResponse<DisputeFacts> disputes(boolean open, io.lyceum.shared.PageQuery page);

    /** A booking that is or was disputed, with its statement, settlement and lesson record; empty otherwise. */
    Optional<DisputeFacts> dispute(UUID bookingId);
}
