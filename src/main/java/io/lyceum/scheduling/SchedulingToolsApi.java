package io.lyceum.scheduling;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the agents module's tools may ask of scheduling. Each method runs the REST route's own code under the caller's
 * security context, so it answers what the route answers (the {@code Object} results are the routes' JSON bodies) and
 * refuses what the route refuses, with the same problem codes.
 */
public interface SchedulingToolsApi {

    /** {@code GET /api/v1/tutors/{id}/available-slots} (parameters as text, validated there). */
    Object availableSlots(UUID tutorId, String from, String to, Integer durationMinutes, String timeZone);

    /** The body of {@code POST /api/v1/bookings}. */
    record NewLesson(
            UUID tutorId,
            UUID subjectId,
            String level,
            Instant startsAt,
            Integer durationMinutes,
            Boolean trial,
            String note,
            UUID studentId) {}

    /** {@code POST /api/v1/bookings}: students and guardians (403 {@code auth.forbidden} for others). */
    Object book(CurrentUser caller, NewLesson lesson);

    /** {@code GET /api/v1/bookings}: the caller's bookings as the route filters them. */
    Object myBookings(CurrentUser caller, List<BookingState> states, Instant from, Instant to, PageQuery page);

    /** {@code POST /api/v1/bookings/{id}/cancel}. */
    Object cancel(CurrentUser caller, UUID bookingId, String reason);

    /** {@code POST /api/v1/bookings/{id}/reschedule}. */
    Object reschedule(CurrentUser caller, UUID bookingId, Instant startsAt);
}
