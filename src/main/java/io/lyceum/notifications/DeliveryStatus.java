package io.lyceum.notifications;

/**
 * Where a delivery stands. PENDING waits for {@code nextAttemptAt} (a retry, or the end of quiet hours); SENDING is
 * claimed by one instance; SENT was accepted by the provider; DELIVERED was confirmed by it; FAILED gave up (or the
 * provider refused for good); HELD_FOR_DIGEST waits for the daily digest, DIGESTED went out in one; CANCELLED became
 * pointless before it left.
 */
public enum DeliveryStatus {
    PENDING,
    SENDING,
    SENT,
    DELIVERED,
    FAILED,
    HELD_FOR_DIGEST,
    DIGESTED,
    CANCELLED
}
