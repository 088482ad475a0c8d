package io.lyceum.scheduling;

import java.util.Set;

/** The states of a booking; see {@code docs/bookings.md} for the transitions. */
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

    /** States that no longer occupy the slot (the exclusion constraints ignore them). */
    public static final Set<BookingState> RELEASED = Set.of(CANCELLED, DECLINED, EXPIRED);

    public boolean occupiesSlot() {
        return !RELEASED.contains(this);
    }
}
