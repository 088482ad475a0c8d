package io.lyceum.notifications;

import io.lyceum.mail.Outbox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Without a telephony module: texts go to the outbox (readable at {@code /api/v1/dev/outbox}); calls cannot be placed
 * and fail for good with {@code voice.unavailable}.
 */
@Component
class OutboxPhoneGateway implements PhoneGateway {

    private final Outbox outbox;
    private final TransactionTemplate transactions;

    OutboxPhoneGateway(Outbox outbox, TransactionTemplate transactions) {
        this.outbox = outbox;
        this.transactions = transactions;
    }

    @Override
    public Delivery.Outcome sendSms(Delivery delivery) {
        transactions.executeWithoutResult(status -> outbox.sms(delivery.address(), delivery.textBody()));
        return Delivery.Outcome.sent("outbox:" + delivery.id());
    }

    @Override
    public Delivery.Outcome placeCall(Delivery delivery) {
        return Delivery.Outcome.failed("voice.unavailable: no voice provider is configured");
    }
}
