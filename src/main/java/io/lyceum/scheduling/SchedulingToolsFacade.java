package io.lyceum.scheduling;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Scheduling's routes for the agents' tools: the controllers' own methods, called through their security proxies. */
@Service
class SchedulingToolsFacade implements SchedulingToolsApi {

    private final AvailableSlotsController slots;
    private final BookingController bookings;

    SchedulingToolsFacade(AvailableSlotsController slots, BookingController bookings) {
        this.slots = slots;
        this.bookings = bookings;
    }

    @Override
    public Object availableSlots(UUID tutorId, String from, String to, Integer durationMinutes, String timeZone) {
        return slots.availableSlots(tutorId, from, to, durationMinutes, timeZone, null, null, null, null)
                .getBody();
    }

    @Override
    public Object book(CurrentUser caller, NewLesson l) {
        return bookings.place(
                        caller,
                        new BookingViews.PlaceRequest(
                                l.tutorId(),
                                l.subjectId(),
                                l.level(),
                                l.startsAt(),
                                l.durationMinutes(),
                                l.trial(),
                                l.note(),
                                l.studentId()))
                .getBody();
    }

    @Override
    public Object myBookings(CurrentUser caller, List<BookingState> states, Instant from, Instant to, PageQuery page) {
        return bookings.list(caller, states, from, to, null, null, page);
    }

    @Override
    public Object cancel(CurrentUser caller, UUID bookingId, String reason) {
        return bookings.cancel(caller, bookingId, new BookingViews.ReasonRequest(reason));
    }

    @Override
    public Object reschedule(CurrentUser caller, UUID bookingId, Instant startsAt) {
        return bookings.reschedule(caller, bookingId, new BookingViews.RescheduleRequest(startsAt));
    }
}
