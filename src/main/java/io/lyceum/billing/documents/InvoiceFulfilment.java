package io.lyceum.billing.documents;

import io.lyceum.billing.ledger.Ledger;
import io.lyceum.billing.ledger.Ledger.Line;
import io.lyceum.billing.ledger.Ledger.Posting;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.payments.Order;
import io.lyceum.billing.payments.OrderFulfilment;
import io.lyceum.billing.payments.OrderKind;
import io.lyceum.billing.payments.Orders;
import io.lyceum.scheduling.SchedulingApi;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What paying an invoice does.
 *
 * <p>The receipt entry ({@code order:<id>:paid}, posted by {@link Orders#recordPayment}) debits provider clearing and
 * credits: for an agency invoice (issued by an ADMIN or OWNER), {@code PLATFORM_REVENUE} with the whole total, the
 * agency's income; for a tutor's own invoice, the tutor's {@code TUTOR_AVAILABLE} with the whole total (the work was
 * delivered before it was invoiced, so there is no dispute window to wait out in {@code TUTOR_PENDING}).
 *
 * <p>{@link #paid} then marks the invoice PAID, emails the recipient a receipt with the paid PDF and, for a tutor's
 * invoice, posts the platform's commission as a second balanced entry ({@code invoice:<id>:commission}: Dr the tutor's
 * available earnings, Cr platform revenue) at the rate of the tenant's commission tier for the hours the tutor has
 * taught, applied to the invoice's net subtotal (tax passes through to the tutor). A tenant without commission tiers
 * takes no commission on invoices. Both entries are once-per-reference, so a redelivered payment posts nothing twice.
 */
@Component
class InvoiceFulfilment implements OrderFulfilment {

    private static final Logger log = LoggerFactory.getLogger(InvoiceFulfilment.class);

    private final DocumentStore store;
    private final DocumentMail mail;
    private final Ledger ledger;
    private final SchedulingApi scheduling;

    InvoiceFulfilment(DocumentStore store, DocumentMail mail, Ledger ledger, SchedulingApi scheduling) {
        this.store = store;
        this.mail = mail;
        this.ledger = ledger;
        this.scheduling = scheduling;
    }

    @Override
    public OrderKind kind() {
        return OrderKind.INVOICE;
    }

    @Override
    public Line receiptCredit(Order order) {
        return order.tutorId() == null
                ? Line.credit(LedgerAccountType.PLATFORM_REVENUE, null, order.amount())
                : Line.credit(LedgerAccountType.TUTOR_AVAILABLE, order.tutorId(), order.amount());
    }

    @Override
    public void paid(Order order, Instant at) {
        Optional<BillingDocument> locked = store.lock(order.referenceId());
        if (locked.isEmpty()) {
            log.error("Order {} paid for invoice {} which does not exist", order.id(), order.referenceId());
            return;
        }
        BillingDocument invoice = locked.get();
        if (invoice.status() != DocumentStatus.SENT && invoice.status() != DocumentStatus.OVERDUE) {
            // never expected: a cancelled invoice's order is cancelled with it, and Orders does not fulfil those
            log.error("Order {} paid for invoice {} in state {}", order.id(), invoice.id(), invoice.status());
            return;
        }
        store.updateStatus(invoice.id(), DocumentStatus.PAID, at);
        store.appendHistory(
                invoice.id(),
                invoice.status(),
                DocumentStatus.PAID,
                order.payerId(),
                "PAYER",
                "paid through order " + order.id(),
                at);
        UUID tutorId = order.tutorId();
        if (tutorId != null) {
            postCommission(invoice, order, tutorId, at);
        }
        mail.paid(store.find(invoice.id()).orElseThrow());
    }

    private void postCommission(BillingDocument invoice, Order order, UUID tutorId, Instant at) {
        long hours = scheduling.minutesTaught(TutorId.of(tutorId), at) / 60;
        store.commissionTier(hours).ifPresent(tier -> {
            Money commission = invoice.money(invoice.subtotal()).basisPoints(tier.rateBps());
            if (!commission.isPositive()) {
                return;
            }
            ledger.post(new Posting(
                    "COMMISSION",
                    "invoice:" + invoice.id() + ":commission",
                    "Commission on invoice " + invoice.number(),
                    order.id(),
                    null,
                    tier,
                    at,
                    List.of(
                            Line.debit(LedgerAccountType.TUTOR_AVAILABLE, tutorId, commission),
                            Line.credit(LedgerAccountType.PLATFORM_REVENUE, null, commission))));
        });
    }
}
