package io.lyceum.scheduling;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Billing's answers to {@link BookingPlaced}, handled after billing's transaction commits, from the event publication
 * registry (redelivered until handled). Handling is idempotent: a redelivered success finds the booking no longer
 * PENDING_PAYMENT, a late success is handed back once per payment reference.
 */
@Component
class BookingPaymentListener {

    private final Bookings bookings;

    BookingPaymentListener(Bookings bookings) {
        this.bookings = bookings;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(BookingPaymentSucceeded event) {
        bookings.paymentSucceeded(event.bookingId().value(), event.paymentReference());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(BookingPaymentFailed event) {
        bookings.paymentFailed(event.bookingId().value(), event.reason());
    }
}
