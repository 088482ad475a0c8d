package io.lyceum.scheduling;

import java.util.UUID;

/**
 * Service provider interface billing implements so that the demo loader pays its demo bookings the way a student
 * would (an order, a sandbox card payment, a ledger entry) before moving them on. Without an implementation the
 * loader marks them paid with a {@code demo-payment-} reference.
 */
public interface DemoBookingPayments {

    /** Pays the PENDING_PAYMENT booking (current tenant) and returns the payment reference billing announces. */
    String pay(UUID bookingId);
}
