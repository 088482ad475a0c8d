package io.lyceum.billing.documents;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.billing.documents.Documents.Draft;
import io.lyceum.billing.documents.Documents.LineDraft;
import io.lyceum.billing.payments.Checkout;
import io.lyceum.platform.DemoDataContributor;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Demo data (order 60, after accounts and bookings): the agency's quotes and invoices, made through the same service as
 * the API. Helen Clarke (the demo guardian) accepted a quote for a summer intensive; it was converted into an invoice
 * she paid with the sandbox's test Visa through checkout. Aisha Khan has an unpaid invoice with a pay link, and Noah
 * Patel a quote awaiting his answer.
 */
@Component
class DocumentDemoData implements DemoDataContributor {

    private final Documents documents;
    private final Checkout checkout;
    private final AccountsApi accounts;

    DocumentDemoData(Documents documents, Checkout checkout, AccountsApi accounts) {
        this.documents = documents;
        this.checkout = checkout;
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "billing-documents";
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public void contribute() {
        TenantId tenant = TenantContext.require();
        CurrentUser admin = new CurrentUser(UserId.of(userId("demo.admin")), tenant, Role.ADMIN, null);
        CurrentUser guardian = new CurrentUser(UserId.of(userId("demo.guardian")), tenant, Role.GUARDIAN, null);

        BillingDocument intensive = documents.create(
                admin,
                DocumentType.QUOTE,
                new Draft(
                        guardian.userId().value(),
                        "GBP",
                        0,
                        List.of(
                                new LineDraft("GCSE Maths summer intensive (hours)", 1000, 3000, null, null, null),
                                new LineDraft("Past-paper workbook", 100, 1850, null, null, null)),
                        "Helen Clarke",
                        "14 Riverside Walk, Bristol BS1 4RB",
                        null,
                        "Ten one-hour lessons for Sophie over the summer holidays.",
                        null));
        documents.send(admin, DocumentType.QUOTE, intensive.id(), null);
        documents.answer(guardian, intensive.id(), true, "Sophie is keen to start");
        BillingDocument invoice = documents.convert(admin, intensive.id(), true, null);
        checkout.pay(guardian, Objects.requireNonNull(invoice.orderId()), "pm_card_visa", null);

        BillingDocument marking = documents.create(
                admin,
                DocumentType.INVOICE,
                new Draft(
                        userId("aisha.khan"),
                        "GBP",
                        2000,
                        List.of(
                                new LineDraft("Mock exam marking and feedback", 300, 2500, null, null, null),
                                new LineDraft("Written progress report", 100, 1500, null, null, null)),
                        null,
                        null,
                        null,
                        "Payable online with the link below.",
                        null));
        documents.send(admin, DocumentType.INVOICE, marking.id(), null);

        BillingDocument chemistry = documents.create(
                admin,
                DocumentType.QUOTE,
                new Draft(
                        userId("noah.patel"),
                        "GBP",
                        0,
                        List.of(new LineDraft("A-level Chemistry block of 6 lessons", 600, 3500, null, null, null)),
                        null,
                        null,
                        null,
                        null,
                        null));
        documents.send(admin, DocumentType.QUOTE, chemistry.id(), null);
    }

    private UUID userId(String name) {
        return accounts.findUserByEmail(name + "@lyceum.local")
                .orElseThrow(() -> new IllegalStateException("No demo user " + name + "@lyceum.local"))
                .id();
    }
}
