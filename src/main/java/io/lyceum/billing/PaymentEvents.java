package io.lyceum.billing;

import io.lyceum.billing.Ledger.Line;
import io.lyceum.billing.Ledger.Posting;
import io.lyceum.billing.PaymentProvider.ProviderEvent;
import io.lyceum.billing.PaymentProvider.ProviderRefund;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
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
    private final Ledger ledger;
    private final Clock clock;

    PaymentEvents(Orders orders, PaymentOutcomes outcomes, Refunds refunds, Ledger ledger, Clock clock) {
        this.orders = orders;
        this.outcomes = outcomes;
        this.refunds = refunds;
        this.ledger = ledger;
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

    private void refund(ProviderRefund refund) {
        if (!"SUCCEEDED".equals(refund.status())) {
            return;
        }
        var ours = refunds.findByProviderId(refund.id());
        if (ours.isPresent()) {
            refunds.settled(ours.get().id(), clock.instant());
            return;
        }
        String reference = refund.metadata().get("reference");
        if (reference != null && reference.endsWith(":duplicate")) {
            // the refund of a duplicate payment, recorded by PaymentOutcomes without a refund row
            ledger.post(new Posting(
                    "REFUND_SETTLED",
                    reference + ":refunded",
                    "duplicate payment refunded",
                    uuid(refund.metadata().get("orderId")),
                    null,
                    null,
                    clock.instant(),
                    List.of(
                            Line.debit(LedgerAccountType.REFUNDS_IN_TRANSIT, null, refund.amount()),
                            Line.credit(LedgerAccountType.PROVIDER_CLEARING, null, refund.amount()))));
            return;
        }
        if (reference != null) {
            // our side has not committed the refund yet (it asks the provider first): ask for redelivery
            throw new PaymentWebhooks.RetryLater("refund " + refund.id() + " is not recorded yet");
        }
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
