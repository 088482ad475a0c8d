package io.lyceum.scheduling;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What the agents module's tools may ask of scheduling. Each method runs the REST route's own code under the caller's
 * security context, so it answers what the route answers (each result is the route's JSON body as a tree, shaped as the API document describes the route) and
 * refuses what the route refuses, with the same problem codes.
 */
public interface SchedulingToolsApi {

    /** {@code GET /api/v1/tutors/{id}/available-slots} (parameters as text, validated there). */
    JsonNode availableSlots(TutorId tutorId, String from, String to, Integer durationMinutes, String timeZone);

    /** The body of {@code POST /api/v1/bookings}. */
    record NewLesson(
            TutorId tutorId,
            UUID subjectId,
            String level,
            Instant startsAt,
            Integer durationMinutes,
            Boolean trial,
            String note,
            UserId studentId) {}

    /** {@code POST /api/v1/bookings}: students and guardians (403 {@code auth.forbidden} for others). */
    JsonNode book(CurrentUser caller, NewLesson lesson);

    /** {@code GET /api/v1/bookings}: the caller's bookings as the route filters them. */
    JsonNode myBookings(CurrentUser caller, List<BookingState> states, Instant from, Instant to, PageQuery page);

    /** {@code POST /api/v1/bookings/{id}/cancel}. */
    JsonNode cancel(CurrentUser caller, BookingId bookingId, String reason);

    /** {@code POST /api/v1/bookings/{id}/reschedule}. */
    JsonNode reschedule(CurrentUser caller, BookingId bookingId, Instant startsAt);
}
