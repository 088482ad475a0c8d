package io.lyceum.billing.payments;

import io.lyceum.shared.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Something a user pays for.
 *
 * @param payerId who pays (a student, or a guardian for a linked student)
 * @param studentId whom it is for, when that is a student
 * @param tutorId who earns from it, when that is a tutor
 * @param refunded how much of {@code amount} has been refunded so far
 */
public record Order(
        UUID id,
        OrderKind kind,
        UUID referenceId,
        UUID payerId,
        @Nullable UUID studentId,
        @Nullable UUID tutorId,
        String description,
        Money amount,
        Money refunded,
        OrderStatus status,
        @Nullable String provider,
        @Nullable String providerPaymentId,
        @Nullable String failureCode,
        @Nullable String failureMessage,
        @Nullable Instant expiresAt,
        @Nullable Instant paidAt,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** What may still be refunded. */
    public Money refundable() {
        return status.paid() ? amount.minus(refunded) : Money.zero(amount.currency());
    }

    Order withStatus(OrderStatus next, Instant at) {
        return copy(refunded, next, provider, providerPaymentId, failureCode, failureMessage, paidAt, at);
    }

    /** Paid through the provider's payment: PAID, its ids recorded, any earlier failure cleared. */
    Order withPayment(String byProvider, String paymentId, Instant at) {
        return copy(refunded, OrderStatus.PAID, byProvider, paymentId, null, null, at, at);
    }

    /** Why the last payment attempt failed, in the provider's words. */
    Order withFailure(@Nullable String code, @Nullable String message, Instant at) {
        return copy(refunded, status, provider, providerPaymentId, code, message, paidAt, at);
    }

    Order withRefunded(Money total, Instant at) {
        return copy(total, status, provider, providerPaymentId, failureCode, failureMessage, paidAt, at);
    }

    private Order copy(
            Money newRefunded,
            OrderStatus newStatus,
            @Nullable String newProvider,
            @Nullable String newPaymentId,
            @Nullable String newFailureCode,
            @Nullable String newFailureMessage,
            @Nullable Instant newPaidAt,
            Instant at) {
        return new Order(
                id,
                kind,
                referenceId,
                payerId,
                studentId,
                tutorId,
                description,
                amount,
                newRefunded,
                newStatus,
                newProvider,
                newPaymentId,
                newFailureCode,
                newFailureMessage,
                expiresAt,
                newPaidAt,
                version,
                createdAt,
                at);
    }
}
