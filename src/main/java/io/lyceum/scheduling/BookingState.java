package io.lyceum.scheduling;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The states of a booking and their categories, the one place that says which states occupy a slot, count as taught
 * and so on. The transitions between them are {@link BookingLifecycle}'s table; {@code docs/bookings.md} draws it.
 *
 * <p>Every category is an exhaustive {@code switch} without {@code default}: a new state does not compile until each
 * category has placed it. PostgreSQL has the same categories as functions (migration {@code
 * V202612063001__scheduling_booking_state_categories.sql}); {@code BookingStateCategoriesTests} checks that both
 * answer alike for every state.
 */
public enum BookingState {
    /** A hold on the slot while the student pays; expires after the hold period. */
    PENDING_PAYMENT,
    /** Waiting for the tutor to confirm. */
    REQUESTED,
    CONFIRMED,
    COMPLETED,
    CANCELLED,
    DECLINED,
    EXPIRED,
    NO_SHOW_STUDENT,
    NO_SHOW_TUTOR,
    DISPUTED,
    RESOLVED;

    /**
     * Whether the booking holds the tutor's and the student's time: the exclusion constraints compare these rows, free
     * time and available slots leave them out, a trial in one of them uses up the student's trial with the tutor. SQL:
     * {@code booking_occupies_slot(state)}.
     */
    public boolean occupiesSlot() {
        return switch (this) {
            case PENDING_PAYMENT, REQUESTED, CONFIRMED, COMPLETED, NO_SHOW_STUDENT, NO_SHOW_TUTOR, DISPUTED, RESOLVED ->
                true;
            case CANCELLED, DECLINED, EXPIRED -> false;
        };
    }

    /** The lesson has not happened yet and may still be cancelled, moved or handed back: pending, requested, confirmed. */
    public boolean upcoming() {
        return switch (this) {
            case PENDING_PAYMENT, REQUESTED, CONFIRMED -> true;
            case COMPLETED, CANCELLED, DECLINED, EXPIRED, NO_SHOW_STUDENT, NO_SHOW_TUTOR, DISPUTED, RESOLVED -> false;
        };
    }

    /**
     * The lesson took place and its outcome is settled: completed, or disputed and resolved. "The tutor has taught the
     * student" means a booking of theirs is done. SQL: {@code booking_done(state)}.
     */
    public boolean done() {
        return switch (this) {
            case COMPLETED, RESOLVED -> true;
            case PENDING_PAYMENT,
                    REQUESTED,
                    CONFIRMED,
                    CANCELLED,
                    DECLINED,
                    EXPIRED,
                    NO_SHOW_STUDENT,
                    NO_SHOW_TUTOR,
                    DISPUTED -> false;
        };
    }

    /**
     * The lesson's minutes count towards the tutor's taught hours (commission tiers): a done lesson, and one under
     * dispute, whose time was spent whatever the outcome. SQL: {@code booking_counts_as_taught(state)}.
     */
    public boolean countsAsTaught() {
        return switch (this) {
            case COMPLETED, DISPUTED, RESOLVED -> true;
            case PENDING_PAYMENT, REQUESTED, CONFIRMED, CANCELLED, DECLINED, EXPIRED, NO_SHOW_STUDENT, NO_SHOW_TUTOR ->
                false;
        };
    }

    /** Something about the lesson may still change its money: it is upcoming or under dispute. */
    public boolean awaitingOutcome() {
        return switch (this) {
            case PENDING_PAYMENT, REQUESTED, CONFIRMED, DISPUTED -> true;
            case COMPLETED, CANCELLED, DECLINED, EXPIRED, NO_SHOW_STUDENT, NO_SHOW_TUTOR, RESOLVED -> false;
        };
    }

    /**
     * Whether calendar feeds list the booking: everything that was agreed with the tutor, cancelled and declined ones
     * included (as {@code STATUS:CANCELLED}, so subscribed calendars drop them). An unpaid hold and its expiry were
     * never in anyone's calendar.
     */
    public boolean listedInCalendar() {
        return switch (this) {
            case REQUESTED,
                    CONFIRMED,
                    COMPLETED,
                    NO_SHOW_STUDENT,
                    NO_SHOW_TUTOR,
                    DISPUTED,
                    RESOLVED,
                    CANCELLED,
                    DECLINED -> true;
            case PENDING_PAYMENT, EXPIRED -> false;
        };
    }

    /** One side did not attend (reported by the other), before any dispute about it. */
    public boolean noShow() {
        return switch (this) {
            case NO_SHOW_STUDENT, NO_SHOW_TUTOR -> true;
            case PENDING_PAYMENT, REQUESTED, CONFIRMED, COMPLETED, CANCELLED, DECLINED, EXPIRED, DISPUTED, RESOLVED ->
                false;
        };
    }

    /** A participant disputed the lesson: under dispute or resolved after one (dashboards' dispute rate). */
    public boolean disputed() {
        return switch (this) {
            case DISPUTED, RESOLVED -> true;
            case PENDING_PAYMENT,
                    REQUESTED,
                    CONFIRMED,
                    COMPLETED,
                    CANCELLED,
                    DECLINED,
                    EXPIRED,
                    NO_SHOW_STUDENT,
                    NO_SHOW_TUTOR -> false;
        };
    }

    /** The states of a category, in declaration order, e.g. to bind as a SQL list parameter. */
    public static List<BookingState> where(Predicate<BookingState> category) {
        return Arrays.stream(values()).filter(category).toList();
    }

    /** The names of a category's states, e.g. to bind as a SQL list parameter. */
    static List<String> namesWhere(Predicate<BookingState> category) {
        return where(category).stream().map(Enum::name).toList();
    }
}
