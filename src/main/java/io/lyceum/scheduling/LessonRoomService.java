package io.lyceum.scheduling;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.UserSummary;
import io.lyceum.scheduling.LessonRoomStore.RoomBooking;
import io.lyceum.scheduling.LessonRooms.Participant;
import io.lyceum.scheduling.LessonRooms.Room;
import io.lyceum.scheduling.LessonRooms.RoomRequest;
import io.lyceum.shared.LyceumException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A confirmed booking's lesson room: made when the booking is confirmed (or on the first launch), opened to the
 * booking's participants from {@code launch-lead-time} before the start until the end, replaced on request. Calls to a
 * provider never run inside a database transaction.
 */
@Service
class LessonRoomService {

    private static final Logger log = LoggerFactory.getLogger(LessonRoomService.class);
    static final String TOPIC = "Lyceum lesson";

    private final LessonRoomStore store;
    private final LessonRoomProviders providers;
    private final AccountsApi accounts;
    private final RoomsProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    LessonRoomService(
            LessonRoomStore store,
            LessonRoomProviders providers,
            AccountsApi accounts,
            RoomsProperties properties,
            TransactionTemplate transactions,
            Clock clock) {
        this.store = store;
        this.providers = providers;
        this.accounts = accounts;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    record Launch(String joinUrl, String provider, Instant opensAt, Instant closesAt) {}

    record Regenerated(UUID bookingId, String provider, Instant regeneratedAt) {}

    /** Makes the room of a confirmed booking that has none; does nothing otherwise, so it may run any number of times. */
    void ensureRoom(UUID bookingId) {
        RoomBooking booking = store.find(bookingId).orElse(null);
        if (booking == null || booking.state() != BookingState.CONFIRMED || booking.meetingRoom() != null) {
            return;
        }
        LessonRooms adapter = providers.current();
        Room room = adapter.create(request(booking));
        Boolean attached = transactions.execute(status -> store.attachFirstRoom(bookingId, room, clock.instant()));
        if (!Boolean.TRUE.equals(attached)) {
            adapter.close(room); // another instance was quicker, or the booking changed meanwhile
        }
    }

    Launch launch(CurrentUser user, UUID bookingId) {
        RoomBooking booking = store.find(bookingId)
                .filter(b -> b.participant(user.userId().value()))
                .orElseThrow(LessonRoomService::notFound);
        requireConfirmed(booking);
        Instant opensAt = booking.startsAt().minus(properties.launchLeadTime());
        Instant closesAt = booking.endsAt();
        Instant now = clock.instant();
        if (now.isBefore(opensAt)) {
            throw LyceumException.conflict(
                    "booking.room_not_open",
                    "The lesson room opens at " + opensAt + ", "
                            + properties.launchLeadTime().toMinutes() + " minutes before the lesson starts.");
        }
        if (!now.isBefore(closesAt)) {
            throw LyceumException.conflict(
                    "booking.room_not_open", "The lesson room closed at " + closesAt + ", when the lesson ended.");
        }
        Room room = usableRoom(booking);
        LessonRooms adapter = providers.forProvider(room.provider()).orElseThrow();
        String name =
                accounts.findUser(user.userId()).map(UserSummary::fullName).orElse("Participant");
        String url = adapter.joinUrl(
                room,
                new Participant(
                        user.userId().value(), name, user.userId().value().equals(booking.tutorId())),
                opensAt,
                closesAt);
        return new Launch(url, room.provider(), opensAt, closesAt);
    }

    Regenerated regenerate(CurrentUser user, UUID bookingId) {
        RoomBooking booking = store.find(bookingId)
                .filter(b -> user.isStaff() || b.tutorId().equals(user.userId().value()))
                .orElseThrow(LessonRoomService::notFound);
        requireConfirmed(booking);
        if (!clock.instant().isBefore(booking.endsAt())) {
            throw LyceumException.conflict("booking.lesson_ended", "The lesson has ended; its room cannot change.");
        }
        Room room = replace(booking, user.userId().value(), user.role().name(), "meeting regenerated");
        return new Regenerated(bookingId, room.provider(), clock.instant());
    }

    /** The booking's room, made now when it has none, or replaced when its provider is no longer configured. */
    private Room usableRoom(RoomBooking booking) {
        if (booking.meetingRoom() == null) {
            ensureRoom(booking.id());
            booking = store.find(booking.id()).orElseThrow(LessonRoomService::notFound);
            requireConfirmed(booking);
        }
        Room room = booking.room().orElseThrow(() -> new IllegalStateException("The booking's room was not made"));
        if (providers.forProvider(room.provider()).isPresent()) {
            return room;
        }
        log.info(
                "Booking {} has a {} room, which is no longer configured: replacing it", booking.id(), room.provider());
        return replace(booking, null, "SYSTEM", "meeting provider changed");
    }

    private Room replace(RoomBooking booking, @Nullable UUID actorId, String actorRole, String reason) {
        LessonRooms adapter = providers.current();
        Room fresh = adapter.create(request(booking));
        RoomBooking before;
        try {
            before = transactions.execute(status -> {
                RoomBooking locked = store.lock(booking.id()).orElseThrow(LessonRoomService::notFound);
                requireConfirmed(locked);
                Instant now = clock.instant();
                store.replaceRoom(locked.id(), fresh, now);
                store.historyNote(
                        locked.id(),
                        locked.state(),
                        actorId,
                        actorRole,
                        reason,
                        "{\"provider\":\"" + fresh.provider() + "\""
                                + (locked.meetingProvider() == null
                                        ? ""
                                        : ",\"previousProvider\":\"" + locked.meetingProvider() + "\"")
                                + "}",
                        now);
                return locked;
            });
        } catch (RuntimeException e) {
            adapter.close(fresh);
            throw e;
        }
        if (before != null) {
            before.room().ifPresent(old -> providers.forProvider(old.provider()).ifPresent(a -> a.close(old)));
        }
        return fresh;
    }

    private static RoomRequest request(RoomBooking booking) {
        return new RoomRequest(booking.id(), TOPIC, booking.startsAt(), booking.endsAt());
    }

    private static void requireConfirmed(RoomBooking booking) {
        if (booking.state() != BookingState.CONFIRMED) {
            throw LyceumException.conflict(
                    "booking.not_confirmed",
                    "Only a confirmed booking has a lesson room; this booking is " + booking.state() + ".");
        }
    }

    static LyceumException notFound() {
        return LyceumException.notFound("booking.not_found", "No such booking.");
    }
}
