package io.lyceum.billing.documents;

import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily sweep of {@link DocumentJobs}: SENT invoices due within three days are reminded of once, SENT invoices past their due date become OVERDUE and SENT quotes past
 * their valid-until date become EXPIRED, each with history and an email to the recipient. Tenant by tenant (each
 * tenant's "today" in its own time zone; a date is inclusive, so a document lapses the day after it), rows claimed in
 * batches with {@code FOR UPDATE SKIP LOCKED} so two sweepers never handle one document and a document being changed
 * right now waits for the next run.
 */
@Component
class DocumentTimers {

    private static final Logger log = LoggerFactory.getLogger(DocumentTimers.class);
    static final int BATCH = 100;
    /** How many days before its due date an unpaid invoice's recipient is reminded. */
    static final int DUE_SOON_DAYS = 3;

    private static final int MAX_BATCHES_PER_TENANT = 100;

    private final DocumentStore store;
    private final DocumentMail mail;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final TenancyApi tenancy;

    DocumentTimers(
            TenancyApi tenancy, DocumentStore store, DocumentMail mail, TransactionTemplate transactions, Clock clock) {
        this.tenancy = tenancy;
        this.store = store;
        this.mail = mail;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Runs the sweeps in every tenant (invoices coming due, invoices overdue, quotes expired); returns how many
     * documents were reminded of or lapsed.
     */
    int sweep() {
        int handled = 0;
        for (TenantId tenant : tenancy.tenantIds()) {
            try {
                handled += TenantContext.callAs(
                        tenant, () -> remindDueSoon() + lapse(DocumentType.INVOICE) + lapse(DocumentType.QUOTE));
            } catch (RuntimeException e) {
                // one tenant's failure must not starve the others; the next run tries again
                log.error("Invoice and quote sweep failed in tenant {}", tenant, e);
            }
        }
        if (handled > 0) {
            log.info("Invoices overdue and quotes expired: {}", handled);
        }
        return handled;
    }

    /**
     * SENT invoices due within {@link #DUE_SOON_DAYS} days (today included) get one reminder, marked on the row in the
     * same transaction; an invoice issued in the last day is left for the next run (its email just told the date).
     */
    private int remindDueSoon() {
        int handled = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_TENANT; batch++) {
            Integer count = transactions.execute(status -> {
                Instant now = clock.instant();
                LocalDate today = now.atZone(mail.zone()).toLocalDate();
                List<BillingDocument> due = store.claimDueSoon(
                        today, today.plusDays(DUE_SOON_DAYS), now.minus(java.time.Duration.ofDays(1)), BATCH);
                for (BillingDocument doc : due) {
                    store.markDueSoonNotified(doc.id(), now);
                    mail.dueSoon(doc);
                }
                return due.size();
            });
            handled += count == null ? 0 : count;
            if (count == null || count < BATCH) {
                break;
            }
        }
        return handled;
    }

    private int lapse(DocumentType type) {
        DocumentStatus next = type == DocumentType.INVOICE ? DocumentStatus.OVERDUE : DocumentStatus.EXPIRED;
        int handled = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_TENANT; batch++) {
            Integer count = transactions.execute(status -> {
                Instant now = clock.instant();
                LocalDate today = now.atZone(mail.zone()).toLocalDate();
                List<BillingDocument> due = store.claimLapsed(type, today, BATCH);
                for (BillingDocument doc : due) {
                    store.updateStatus(doc.id(), next, now);
                    store.appendHistory(
                            doc.id(),
                            DocumentStatus.SENT,
                            next,
                            null,
                            "SYSTEM",
                            type == DocumentType.INVOICE ? "due date passed" : "valid-until date passed",
                            now);
                    mail.lapsed(store.find(doc.id()).orElseThrow());
                }
                return due.size();
            });
            handled += count == null ? 0 : count;
            if (count == null || count < BATCH) {
                break;
            }
        }
        return handled;
    }
}
