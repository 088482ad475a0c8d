package io.lyceum.webhooks;

import java.util.Arrays;
import java.util.Optional;

/** The event types integrators subscribe to, by their wire names, with the module event each comes from. */
enum EventType {
    BOOKING_CREATED("booking.created", "A booking was placed (scheduling's BookingPlaced)."),
    BOOKING_CONFIRMED("booking.confirmed", "A booking was confirmed by the tutor or automatically."),
    BOOKING_CANCELLED("booking.cancelled", "A booking was cancelled, with the refund and fee the policy decided."),
    BOOKING_COMPLETED("booking.completed", "A confirmed lesson took place."),
    PAYMENT_SUCCEEDED("payment.succeeded", "A payment provider took an order's money."),
    PAYMENT_REFUNDED("payment.refunded", "A refund of an order's payment was confirmed by the provider."),
    PAYOUT_PAID("payout.paid", "A tutor's withdrawal was paid out."),
    REVIEW_CREATED("review.created", "A review was posted."),
    USER_REGISTERED("user.registered", "A new account was created."),
    ENROLLMENT_STARTED("enrollment.started", "A course-pack enrollment became active.");

    private final String wireName;
    private final String description;

    EventType(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    String wireName() {
        return wireName;
    }

    String description() {
        return description;
    }

    static Optional<EventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
