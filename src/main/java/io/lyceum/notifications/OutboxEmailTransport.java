package io.lyceum.notifications;

import io.lyceum.mail.Outbox;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The development default: the email is stored in the outbox (plain text and files), where the dev reader shows it. */
@Component
@ConditionalOnProperty(name = "lyceum.notifications.email-transport", havingValue = "outbox", matchIfMissing = true)
class OutboxEmailTransport implements EmailTransport {

    private final Outbox outbox;
    private final TransactionTemplate transactions;

    OutboxEmailTransport(Outbox outbox, TransactionTemplate transactions) {
        this.outbox = outbox;
        this.transactions = transactions;
    }

    @Override
    public String send(EmailMessage message) {
        transactions.executeWithoutResult(status -> {
            if (message.attachments().isEmpty()) {
                outbox.email(message.to(), message.subject(), message.text());
            } else {
                outbox.email(message.to(), message.subject(), message.text(), message.attachments());
            }
        });
        return "outbox:" + message.reference();
    }
}
