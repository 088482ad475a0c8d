package io.lyceum.scheduling;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.TutorId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Scheduling's routes for the agents' tools: the controllers' own methods, called through their security proxies. */
@Service
class SchedulingToolsFacade implements SchedulingToolsApi {

    private final AvailableSlotsController slots;
    private final BookingController bookings;

    private final JsonMapper json;

    SchedulingToolsFacade(AvailableSlotsController slots, BookingController bookings, JsonMapper json) {
        this.json = json;
        this.slots = slots;
        this.bookings = bookings;
    }

    @Override
    public JsonNode availableSlots(
            TutorId tutorId,
            @Nullable String from,
            @Nullable String to,
            @Nullable Integer durationMinutes,
            @Nullable String timeZone) {
        return json.readTree(
                slots.availableSlots(tutorId.value(), from, to, durationMinutes, timeZone, null, null, null, null, null)
                        .getBody());
    }

    @Override
    public JsonNode book(CurrentUser caller, NewLesson l) {
        return json.valueToTree(bookings.place(
                        caller,
                        new BookingViews.PlaceRequest(
                                l.tutorId().value(),
                                l.subjectId(),
                                l.level(),
                                l.startsAt(),
                                l.durationMinutes(),
                                l.trial(),
                                l.note(),
                                l.studentId() == null ? null : l.studentId().value()))
                .getBody());
    }

    @Override
    public JsonNode myBookings(
            CurrentUser caller,
            @Nullable List<BookingState> states,
            @Nullable Instant from,
            @Nullable Instant to,
            PageQuery page) {
        return json.valueToTree(bookings.list(caller, states, from, to, null, null, page));
    }

    @Override
    public JsonNode cancel(CurrentUser caller, BookingId bookingId, String reason) {
        return json.valueToTree(bookings.cancel(caller, bookingId.value(), new BookingViews.ReasonRequest(reason)));
    }

    @Override
    public JsonNode reschedule(CurrentUser caller, BookingId bookingId, Instant startsAt) {
        return json.valueToTree(
                bookings.reschedule(caller, bookingId.value(), new BookingViews.RescheduleRequest(startsAt)));
    }
}
