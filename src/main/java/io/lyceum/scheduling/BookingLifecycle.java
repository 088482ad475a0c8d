package io.lyceum.scheduling;

import static io.lyceum.scheduling.BookingAction.ASSIGN_STUDENT;
import static io.lyceum.scheduling.BookingAction.AUTO_COMPLETE;
import static io.lyceum.scheduling.BookingAction.AUTO_DECLINE;
import static io.lyceum.scheduling.BookingAction.BILLING_RELEASE;
import static io.lyceum.scheduling.BookingAction.CANCEL;
import static io.lyceum.scheduling.BookingAction.CONFIRM;
import static io.lyceum.scheduling.BookingAction.DECLINE;
import static io.lyceum.scheduling.BookingAction.DISPUTE;
import static io.lyceum.scheduling.BookingAction.HOLD_EXPIRY;
import static io.lyceum.scheduling.BookingAction.MARK_NO_SHOW_STUDENT;
import static io.lyceum.scheduling.BookingAction.MARK_NO_SHOW_TUTOR;
import static io.lyceum.scheduling.BookingAction.PAYMENT_FAILED;
import static io.lyceum.scheduling.BookingAction.PAYMENT_SUCCEEDED;
import static io.lyceum.scheduling.BookingAction.RESCHEDULE;
import static io.lyceum.scheduling.BookingAction.RESOLVE;
import static io.lyceum.scheduling.BookingState.CANCELLED;
import static io.lyceum.scheduling.BookingState.COMPLETED;
import static io.lyceum.scheduling.BookingState.CONFIRMED;
import static io.lyceum.scheduling.BookingState.DECLINED;
import static io.lyceum.scheduling.BookingState.DISPUTED;
import static io.lyceum.scheduling.BookingState.EXPIRED;
import static io.lyceum.scheduling.BookingState.NO_SHOW_STUDENT;
import static io.lyceum.scheduling.BookingState.NO_SHOW_TUTOR;
import static io.lyceum.scheduling.BookingState.PENDING_PAYMENT;
import static io.lyceum.scheduling.BookingState.REQUESTED;
import static io.lyceum.scheduling.BookingState.RESOLVED;

import io.lyceum.shared.LyceumException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The booking state machine as one table: for each state, the actions allowed in it and the states each may lead to
 * (several when a rule picks one, such as a paid booking becoming REQUESTED or CONFIRMED by the tutor's setting).
 * Every state change goes through {@link #require} or {@link #check}; who may act, which timer runs an action and
 * which events it publishes are on {@link BookingAction}. A state with no entry accepts no action. {@code
 * docs/bookings.md}'s diagram is this table drawn ({@code BookingLifecycleTests} compares them).
 */
final class BookingLifecycle {

    /** The states a booking is placed in: PENDING_PAYMENT when it has a price, else by the tutor's setting. */
    static final Set<BookingState> INITIAL =
            Collections.unmodifiableSet(EnumSet.of(PENDING_PAYMENT, REQUESTED, CONFIRMED));

    private static final Map<BookingState, Map<BookingAction, Set<BookingState>>> TABLE = table();

    private BookingLifecycle() {}

    /** The actions allowed in {@code state} and where each may lead. Exhaustive: a new state must be placed here. */
    private static Map<BookingAction, Set<BookingState>> allowedIn(BookingState state) {
        return switch (state) {
            case PENDING_PAYMENT ->
                Map.of(
                        // a payment arriving after the start finds the slot's time gone: the hold expires instead
                        PAYMENT_SUCCEEDED, EnumSet.of(REQUESTED, CONFIRMED, EXPIRED),
                        PAYMENT_FAILED, EnumSet.of(EXPIRED),
                        HOLD_EXPIRY, EnumSet.of(EXPIRED),
                        BILLING_RELEASE, EnumSet.of(EXPIRED),
                        CANCEL, EnumSet.of(CANCELLED),
                        ASSIGN_STUDENT, EnumSet.of(PENDING_PAYMENT));
            case REQUESTED ->
                Map.of(
                        CONFIRM, EnumSet.of(CONFIRMED),
                        DECLINE, EnumSet.of(DECLINED),
                        AUTO_DECLINE, EnumSet.of(DECLINED),
                        CANCEL, EnumSet.of(CANCELLED),
                        BILLING_RELEASE, EnumSet.of(CANCELLED),
                        RESCHEDULE, EnumSet.of(REQUESTED),
                        ASSIGN_STUDENT, EnumSet.of(REQUESTED));
            case CONFIRMED ->
                Map.of(
                        CANCEL, EnumSet.of(CANCELLED),
                        BILLING_RELEASE, EnumSet.of(CANCELLED),
                        // a student's move of a booking the tutor had to confirm needs the tutor's confirmation again
                        RESCHEDULE, EnumSet.of(CONFIRMED, REQUESTED),
                        ASSIGN_STUDENT, EnumSet.of(CONFIRMED),
                        AUTO_COMPLETE, EnumSet.of(COMPLETED),
                        MARK_NO_SHOW_STUDENT, EnumSet.of(NO_SHOW_STUDENT),
                        MARK_NO_SHOW_TUTOR, EnumSet.of(NO_SHOW_TUTOR));
            case COMPLETED, NO_SHOW_STUDENT, NO_SHOW_TUTOR -> Map.of(DISPUTE, EnumSet.of(DISPUTED));
            case DISPUTED -> Map.of(RESOLVE, EnumSet.of(RESOLVED));
            case CANCELLED, DECLINED, EXPIRED, RESOLVED -> Map.of();
        };
    }

    private static Map<BookingState, Map<BookingAction, Set<BookingState>>> table() {
        Map<BookingState, Map<BookingAction, Set<BookingState>>> table = new EnumMap<>(BookingState.class);
        for (BookingState state : BookingState.values()) {
            Map<BookingAction, Set<BookingState>> row = new EnumMap<>(BookingAction.class);
            allowedIn(state).forEach((action, targets) -> row.put(action, Collections.unmodifiableSet(targets)));
            table.put(state, Collections.unmodifiableMap(row));
        }
        return Collections.unmodifiableMap(table);
    }

    /** Where {@code action} may take a booking in {@code state}; empty when the table does not allow it. */
    static Set<BookingState> targets(BookingState state, BookingAction action) {
        return row(state).getOrDefault(action, Set.of());
    }

    static boolean allows(BookingState state, BookingAction action) {
        return !targets(state, action).isEmpty();
    }

    /** The actions allowed in {@code state}, in {@link BookingAction}'s order. */
    static Set<BookingAction> actionsIn(BookingState state) {
        return row(state).keySet();
    }

    private static Map<BookingAction, Set<BookingState>> row(BookingState state) {
        return Objects.requireNonNull(TABLE.get(state)); // the table has a row for every state
    }

    /** The states {@code action} is allowed in, in declaration order (a timer's sweep claims these). */
    static List<BookingState> sources(BookingAction action) {
        return Arrays.stream(BookingState.values())
                .filter(state -> allows(state, action))
                .toList();
    }

    /** The one state {@code action} is allowed in: a timer's sweep names it in its SQL (and its partial index). */
    static BookingState onlySource(BookingAction action) {
        List<BookingState> sources = sources(action);
        if (sources.size() != 1) {
            throw new IllegalStateException(action + " is allowed in " + sources + ", not one state");
        }
        return sources.getFirst();
    }

    /** The booking's state allows the action (else 409 {@code booking.illegal_transition}); returns its targets. */
    static Set<BookingState> require(Booking booking, BookingAction action) {
        Set<BookingState> targets = targets(booking.state(), action);
        if (targets.isEmpty()) {
            throw illegal(booking.state(), action);
        }
        return targets;
    }

    /** A change the code is about to write is one the table allows; anything else is a bug, not a user's mistake. */
    static void check(BookingState from, BookingAction action, BookingState to) {
        if (!targets(from, action).contains(to)) {
            throw new IllegalStateException(
                    "The booking state machine has no " + from + " --" + action + "--> " + to + " transition");
        }
    }

    static void checkInitial(BookingState state) {
        if (!INITIAL.contains(state)) {
            throw new IllegalStateException("A booking cannot be placed in " + state);
        }
    }

    static LyceumException illegal(BookingState state, BookingAction action) {
        return LyceumException.conflict(
                "booking.illegal_transition", "A booking in state " + state + " cannot be " + action.pastTense + ".");
    }
}
