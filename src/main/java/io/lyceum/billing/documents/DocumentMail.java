package io.lyceum.billing.documents;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.UserSummary;
import io.lyceum.billing.BillingProperties;
import io.lyceum.billing.InvoiceNotice;
import io.lyceum.mail.Attachment;
import io.lyceum.mail.Outbox;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.Tenant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A document's PDF, its pay link and the emails about it (sent, due soon, paid, overdue, expired), written to the outbox in the
 * caller's transaction. Emails go to the document's billing email when it has one, else to the recipient's account.
 */
@Component
class DocumentMail {

    private final Outbox outbox;
    private final DocumentPdf pdf;
    private final AccountsApi accounts;
    private final TenancyApi tenancy;
    private final BillingProperties properties;

    DocumentMail(
            Outbox outbox,
            DocumentPdf pdf,
            AccountsApi accounts,
            TenancyApi tenancy,
            BillingProperties properties,
            org.springframework.context.ApplicationEventPublisher events,
            java.time.Clock clock) {
        this.events = events;
        this.clock = clock;
        this.outbox = outbox;
        this.pdf = pdf;
        this.accounts = accounts;
        this.tenancy = tenancy;
        this.properties = properties;
    }

    /** Where the recipient pays an unpaid sent invoice ({@code POST}, through checkout); null otherwise. */
    @Nullable
    String payLink(BillingDocument doc) {
        if (doc.type() != DocumentType.INVOICE
                || (doc.status() != DocumentStatus.SENT && doc.status() != DocumentStatus.OVERDUE)) {
            return null;
        }
        String base = properties.publicBaseUrl() == null ? "" : properties.publicBaseUrl();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/api/v1/invoices/" + doc.id() + "/pay";
    }

    byte[] pdf(BillingDocument doc) {
        Tenant tenant = tenancy.current();
        String issuedBy = doc.issuerKind() == IssuerKind.TUTOR
                ? accounts.findUser(UserId.of(doc.issuerId()))
                        .map(UserSummary::fullName)
                        .orElse(null)
                : null;
        String recipient = accounts.findUser(UserId.of(doc.recipientId()))
                .map(UserSummary::fullName)
                .orElse("");
        return pdf.render(doc, new DocumentPdf.Parties(tenant.name(), issuedBy, recipient, payLink(doc), zone(tenant)));
    }

    static String filename(BillingDocument doc) {
        return (doc.number() == null ? doc.type().prefix() + "-draft" : doc.number()) + ".pdf";
    }

    ZoneId zone() {
        return zone(tenancy.current());
    }

    private static ZoneId zone(Tenant tenant) {
        try {
            return ZoneId.of(tenant.timeZone());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private final org.springframework.context.ApplicationEventPublisher events;
    private final java.time.Clock clock;

    private void notice(BillingDocument doc, String notice) {
        if (doc.type() == DocumentType.INVOICE) {
            events.publishEvent(new InvoiceNotice(
                    io.lyceum.tenancy.TenantContext.require(),
                    doc.id(),
                    doc.recipientId(),
                    doc.number(),
                    new io.lyceum.shared.Money(doc.total(), doc.currency()),
                    doc.dueDate(),
                    notice,
                    clock.instant()));
        }
    }

    void sent(BillingDocument doc) {
        notice(doc, InvoiceNotice.SENT);
        String tenantName = tenancy.current().name();
        String body = doc.type() == DocumentType.INVOICE
                ? "%s has sent you invoice %s for %s, due on %s.%n%nPay it online: %s%n%nThe invoice is attached."
                        .formatted(tenantName, doc.number(), doc.money(doc.total()), doc.dueDate(), payLink(doc))
                : "%s has sent you quote %s for %s, valid until %s.%n%nAccept or reject it in your account. The quote is attached."
                        .formatted(tenantName, doc.number(), doc.money(doc.total()), doc.validUntil());
        send(doc, doc.type().title() + " " + doc.number() + " from " + tenantName, body, true);
    }

    void paid(BillingDocument doc) {
        send(
                doc,
                "Receipt for invoice " + doc.number(),
                "Thank you: we received your payment of %s for invoice %s. The paid invoice is attached."
                        .formatted(doc.money(doc.total()), doc.number()),
                true);
    }

    /** An unpaid invoice comes due: the other channels through {@link InvoiceNotice}, the email here (with the link). */
    void dueSoon(BillingDocument doc) {
        notice(doc, InvoiceNotice.DUE_SOON);
        send(
                doc,
                "Invoice " + doc.number() + " is due on " + doc.dueDate(),
                "A reminder: invoice %s for %s is due on %s.%n%nPay it online: %s"
                        .formatted(doc.number(), doc.money(doc.total()), doc.dueDate(), payLink(doc)),
                false);
    }

    void lapsed(BillingDocument doc) {
        notice(doc, InvoiceNotice.OVERDUE);
        if (doc.type() == DocumentType.INVOICE) {
            send(
                    doc,
                    "Invoice " + doc.number() + " is overdue",
                    "Invoice %s for %s was due on %s and is now overdue.%n%nPay it online: %s"
                            .formatted(doc.number(), doc.money(doc.total()), doc.dueDate(), payLink(doc)),
                    false);
        } else {
            send(
                    doc,
                    "Quote " + doc.number() + " has expired",
                    "Quote %s for %s was valid until %s and has expired. Ask us for a new one if you are still interested."
                            .formatted(doc.number(), doc.money(doc.total()), doc.validUntil()),
                    false);
        }
    }

    private void send(BillingDocument doc, String subject, String body, boolean attachPdf) {
        Optional<String> to = Optional.ofNullable(doc.billingEmail())
                .filter(email -> !email.isBlank())
                .or(() -> accounts.findUser(UserId.of(doc.recipientId())).map(UserSummary::email));
        if (to.isEmpty()) {
            return;
        }
        if (attachPdf) {
            outbox.email(to.get(), subject, body, List.of(new Attachment(filename(doc), "application/pdf", pdf(doc))));
        } else {
            outbox.email(to.get(), subject, body);
        }
    }
}
