package io.lyceum.billing;

import io.lyceum.shared.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * Something a user pays for.
 *
 * @param payerId who pays (a student, or a guardian for a linked student)
 * @param studentId whom it is for, when that is a student
 * @param tutorId who earns from it, when that is a tutor
 * @param refunded how much of {@code amount} has been refunded so far
 */
record Order(
        UUID id,
        OrderKind kind,
        UUID referenceId,
        UUID payerId,
        UUID studentId,
        UUID tutorId,
        String description,
        Money amount,
        Money refunded,
        OrderStatus status,
        String provider,
        String providerPaymentId,
        String failureCode,
        String failureMessage,
        Instant expiresAt,
        Instant paidAt,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** What may still be refunded. */
    Money refundable() {
        return status.paid() ? amount.minus(refunded) : Money.zero(amount.currency());
    }

    Order withStatus(OrderStatus next, Instant at) {
        return new Order(
                id,
                kind,
                referenceId,
                payerId,
                studentId,
                tutorId,
                description,
                amount,
                refunded,
                next,
                provider,
                providerPaymentId,
                failureCode,
                failureMessage,
                expiresAt,
                paidAt,
                version,
                createdAt,
                at);
    }
}
