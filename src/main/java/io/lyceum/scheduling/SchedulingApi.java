package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What other modules may ask of scheduling. Queries run in the current tenant. */
public interface SchedulingApi {

    Optional<BookingSummary> findBooking(BookingId bookingId);

    /**
     * The lesson's iCalendar file as one participant's calendar should hold it now (REQUEST while it occupies its
     * slot, CANCEL after), the same document the invite emails carry; empty for a non-participant or no booking.
     */
    Optional<io.lyceum.mail.Attachment> calendarInvite(BookingId bookingId, UserId participantId);

    /** Whether the tutor has taught the student: at least one of their bookings was completed. */
    boolean hasTaught(TutorId tutorId, UserId studentId);

    /**
     * Whether the student has an APPROVED preliminary meeting for the course pack. Billing refuses enrollment in a pack
     * whose {@code CatalogApi.coursePack(...).preliminaryMeetingRequired()} is true until this is.
     */
    boolean preliminaryMeetingApproved(UserId studentId, CoursePackId coursePackId);

    /**
     * The minutes of lessons the tutor has taught that ended before {@code before}: bookings that were completed (and
     * possibly disputed and resolved since). Billing's commission tiers are keyed on the hours this makes.
     */
    long minutesTaught(TutorId tutorId, java.time.Instant before);

    /**
     * The lessons of a course pack to book for a student (billing's enrollments).
     *
     * @param level the pack's level, recorded on the bookings
     * @param starts the lesson starts, in order
     * @param prices each lesson's share of the pack price (they sum to the price)
     * @param holdUntil the enrollment's payment deadline: the lessons' hold
     */
    record CoursePackLessons(
            CoursePackId coursePackId,
            TutorId tutorId,
            UserId studentId,
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
    List<BookingId> placeCoursePackLessons(CoursePackLessons lessons);

    /**
     * Billing takes back a lesson it sold (an enrollment cancelled or refunded), in the caller's transaction:
     * PENDING_PAYMENT becomes EXPIRED ({@link BookingExpired}), REQUESTED or CONFIRMED not yet started becomes
     * CANCELLED with no fee ({@link BookingCancelled}, rule {@code BILLING_RELEASE}, refund = price: billing refunds it
     * itself); started or finished lessons are left alone. Returns the booking's state afterwards. Idempotent.
     */
    BookingState releaseForBilling(BookingId bookingId, String reason);

    /**
     * The tutor's oldest (first requested) REQUESTED booking that has not started yet: the one a tutor's SMS reply
     * {@code YES} confirms. Runs in the current tenant.
     */
    Optional<BookingSummary> oldestRequestedFor(TutorId tutorId);

    /** The tutor's most recently ended lesson with the student that counts as done (taught); empty when none. */
    Optional<BookingId> latestDoneLessonBetween(TutorId tutorId, UserId studentId);

    /**
     * The user's lessons that have not started yet and are still on (PENDING_PAYMENT, REQUESTED or CONFIRMED), soonest
     * first, at most {@code limit}: the lessons {@code GET /api/v1/bookings} shows them (their own as student or
     * tutor, their linked students' as guardian).
     */
    List<BookingSummary> upcomingLessons(io.lyceum.accounts.CurrentUser user, int limit);

    /**
     * Confirms a booking as {@code user}, with exactly the rules of {@code POST /api/v1/bookings/{id}/confirm} (404
     * for a booking they may not see, 403 when they may not confirm, 409 for a wrong state or a passed deadline).
     * Opens its own transaction: call it with none open.
     */
    BookingSummary confirmAs(io.lyceum.accounts.CurrentUser user, BookingId bookingId);

    /**
     * Cancels a booking as {@code user}, with exactly the rules of {@code POST /api/v1/bookings/{id}/cancel}: the
     * cancellation policy decides the refund and the late fee. Opens its own transaction: call it with none open.
     */
    CancelledLesson cancelAs(io.lyceum.accounts.CurrentUser user, BookingId bookingId, String reason);

    /** A booking cancelled through {@link #cancelAs}, with what the policy decided. */
    record CancelledLesson(
            BookingSummary booking,
            Money refund,
            Money fee,
            @Nullable String rule) {}

    /**
     * A tutor's record over their bookings, for the credibility score.
     *
     * @param lessonsDone lessons that took place and are settled ({@link BookingState#done()})
     * @param cancelledByTutor bookings the tutor cancelled
     * @param noShows lessons the tutor missed ({@code NO_SHOW_TUTOR})
     * @param disputesLost disputes settled with money back to the student (whole or split)
     * @param requestsAnswered booking requests the tutor confirmed or declined themself
     * @param medianResponse the median time from request to the tutor's answer; null when none was answered
     */
    record TutorRecord(
            long lessonsDone,
            long cancelledByTutor,
            long noShows,
            long disputesLost,
            long requestsAnswered,
            java.time.Duration medianResponse) {}

    TutorRecord tutorRecord(TutorId tutorId);

    /**
     * A client's (a student's) record over the bookings made for them, for the credibility score.
     *
     * @param bookingsToPay bookings with a price
     * @param paymentsLapsed holds that expired because the payment never came
     * @param lessonsDone lessons that took place and are settled
     * @param lateCancellations cancellations inside the policy's late window (a fee was due)
     * @param noShows lessons the student missed ({@code NO_SHOW_STUDENT})
     * @param disputesLost disputes settled wholly for the tutor
     */
    record ClientRecord(
            long bookingsToPay,
            long paymentsLapsed,
            long lessonsDone,
            long lateCancellations,
            long noShows,
            long disputesLost) {}

    ClientRecord clientRecord(UserId studentId);

    /**
     * Disputed bookings for the admin desk: {@code open} true lists the DISPUTED ones (oldest dispute first, the queue),
     * false the RESOLVED ones (most recently resolved first). Paged.
     */
    io.lyceum.shared.PageResponse<DisputeFacts> disputes(boolean open, io.lyceum.shared.PageQuery page);

    /** A booking that is or was disputed, with its statement, settlement and lesson record; empty otherwise. */
    Optional<DisputeFacts> dispute(BookingId bookingId);
}
