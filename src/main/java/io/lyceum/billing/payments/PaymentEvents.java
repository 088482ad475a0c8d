package io.lyceum.billing.payments;

import io.lyceum.billing.provider.PaymentProvider.ProviderEvent;
import io.lyceum.billing.provider.PaymentProvider.ProviderRefund;
import io.lyceum.billing.provider.ProviderEventHandler;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Payment-intent and refund webhooks: a payment's news goes to {@link PaymentOutcomes} for the order named in its
 * metadata; a refund the provider confirms settles ours.
 */
@Component
class PaymentEvents implements ProviderEventHandler {

    private final Orders orders;
    private final PaymentOutcomes outcomes;
    private final Refunds refunds;
    private final Clock clock;

    PaymentEvents(Orders orders, PaymentOutcomes outcomes, Refunds refunds, Clock clock) {
        this.orders = orders;
        this.outcomes = outcomes;
        this.refunds = refunds;
        this.clock = clock;
    }

    @Override
    public void handle(ProviderEvent event) {
        if (event.payment() != null && event.type().startsWith("payment_intent.")) {
            UUID orderId = uuid(event.metadata().get("orderId"));
            if (orderId != null && orders.find(orderId).isPresent()) {
                outcomes.apply(orderId, event.payment(), Orders.Actor.PROVIDER);
            }
        } else if (event.refund() != null) {
            refund(event.refund());
        }
    }

    /**
     * A refund's news: ours is found by the provider's id or, before our side has stored that id (the webhook may
     * overtake the provider's answer), by the reference in its metadata; both reach {@link Refunds#providerNews}.
     */
    private void refund(ProviderRefund refund) {
        String reference = refund.metadata() == null ? null : refund.metadata().get("reference");
        var ours = refunds.findByProviderId(refund.id())
                .or(() -> reference == null ? java.util.Optional.empty() : refunds.findByReference(reference));
        if (ours.isPresent()) {
            refunds.providerNews(ours.get().id(), refund, clock.instant());
            return;
        }
        if (!"SUCCEEDED".equals(refund.status())) {
            return;
        }
        if (reference != null && reference.endsWith(":duplicate")) {
            // the refund of a duplicate payment, recorded by PaymentOutcomes without a refund row
            outcomes.duplicateRefunded(uuid(refund.metadata().get("orderId")), reference, refund.amount());
            return;
        }
        if (reference != null) {
            // our side has not committed the refund yet: ask for redelivery
            throw new PaymentWebhooks.RetryLater("refund " + refund.id() + " is not recorded yet");
        }
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
