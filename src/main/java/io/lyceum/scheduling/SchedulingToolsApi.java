package io.lyceum.scheduling;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the agents module's tools may ask of scheduling. Each method runs the REST route's own code under the caller's
 * security context, so it answers what the route answers (each result is the route's JSON body as a tree, shaped as the API document describes the route) and
 * refuses what the route refuses, with the same problem codes.
 */
public interface SchedulingToolsApi {

    /** {@code GET /api/v1/tutors/{id}/available-slots} (parameters as text, validated there). */
    JsonNode availableSlots(
            TutorId tutorId,
            @Nullable String from,
            @Nullable String to,
            @Nullable Integer durationMinutes,
            @Nullable String timeZone);

    /** The body of {@code POST /api/v1/bookings}. */
    record NewLesson(
            TutorId tutorId,
            @Nullable UUID subjectId,
            @Nullable String level,
            Instant startsAt,
            Integer durationMinutes,
            @Nullable Boolean trial,
            @Nullable String note,
            @Nullable UserId studentId) {}

    /** {@code POST /api/v1/bookings}: students and guardians (403 {@code auth.forbidden} for others). */
    JsonNode book(CurrentUser caller, NewLesson lesson);

    /** {@code GET /api/v1/bookings}: the caller's bookings as the route filters them. */
    JsonNode myBookings(
            CurrentUser caller,
            @Nullable List<BookingState> states,
            @Nullable Instant from,
            @Nullable Instant to,
            PageQuery page);

    /** {@code POST /api/v1/bookings/{id}/cancel}. */
    JsonNode cancel(CurrentUser caller, BookingId bookingId, String reason);

    /** {@code POST /api/v1/bookings/{id}/reschedule}. */
    JsonNode reschedule(CurrentUser caller, BookingId bookingId, Instant startsAt);
}
