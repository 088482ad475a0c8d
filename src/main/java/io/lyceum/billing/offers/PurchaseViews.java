package io.lyceum.billing.offers;

import io.lyceum.billing.payments.Order;
import io.lyceum.billing.payments.Refunds;
import io.lyceum.shared.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The response bodies the package and enrollment routes share: an order's payment and a refund made. */
final class PurchaseViews {

    private PurchaseViews() {}

    record PaymentView(
            UUID orderId,
            String status,
            Money amount,
            Money refunded,
            @Nullable Instant paidAt,
            @Nullable Instant expiresAt) {

        static @Nullable PaymentView of(@Nullable Order o) {
            return o == null
                    ? null
                    : new PaymentView(o.id(), o.status().name(), o.amount(), o.refunded(), o.paidAt(), o.expiresAt());
        }
    }

    record RefundView(UUID id, UUID orderId, Money amount, String status, String reason, Instant createdAt) {

        static RefundView of(Refunds.Refund r) {
            return new RefundView(r.id(), r.orderId(), r.amount(), r.status(), r.reason(), r.createdAt());
        }
    }

    record AdminRefundView(RefundView refund, @Nullable PaymentView order) {}
}
