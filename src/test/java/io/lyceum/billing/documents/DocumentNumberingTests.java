package io.lyceum.billing.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Parallel;
import io.lyceum.testsupport.Tenants;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Numbers are gapless per tenant, type and year: many invoices sent at once, one of them in a transaction that rolls
 * back after taking its number, end up numbered 1..N with no gap and no duplicate.
 */
class DocumentNumberingTests extends DocumentTestBase {

    private static final int SENDS = 16;

    @Autowired
    Documents documents;

    @Test
    void parallelSendsWithARollbackAreNumberedOneToNWithoutGapsOrDuplicates() {
        String slug = Tenants.uniqueSlug("numbers");
        SignedIn owner = Tenants.newTenantWithOwner(slug);
        TenantId tenant = Tenants.idOf(jdbc, slug);
        SignedIn student = Accounts.newUser("STUDENT", slug);
        List<String> drafts = new ArrayList<>();
        for (int i = 0; i <= SENDS; i++) {
            drafts.add(create(owner, INVOICES, body(student.userId())).getString("id"));
        }
        String rolledBack = drafts.get(SENDS);
        CurrentUser ownerInProcess = new CurrentUser(UserId.of(owner.userId()), tenant, Role.OWNER, owner.sessionId());

        List<String> numbers = Parallel.run(SENDS + 1, i -> {
            if (i == SENDS) {
                // takes a number inside a transaction that then rolls back: the number must be given back
                return TenantContext.callAs(
                        tenant,
                        () -> transactions.execute(status -> {
                            BillingDocument sent = documents.send(
                                    ownerInProcess, DocumentType.INVOICE, UUID.fromString(rolledBack), null);
                            status.setRollbackOnly();
                            return "rolled back " + sent.number();
                        }));
            }
            return owner.api()
                    .post(INVOICES + "/" + drafts.get(i) + "/send")
                    .then()
                    .statusCode(200)
                    .extract()
                    .<String>path("number");
        });

        assertThat(numbers.getLast()).startsWith("rolled back INV-");
        int year = LocalDate.now(ZoneOffset.UTC).getYear();
        List<String> expected = IntStream.rangeClosed(1, SENDS)
                .mapToObj(n -> "INV-%d-%06d".formatted(year, n))
                .toList();
        assertThat(numbers.subList(0, SENDS)).containsExactlyInAnyOrderElementsOf(expected);
        owner.api()
                .get(INVOICES + "/" + rolledBack)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("DRAFT"))
                .body("number", org.hamcrest.Matchers.nullValue());

        // the next number continues the series; quotes have their own
        assertThat(send(owner, INVOICES, rolledBack).getString("number"))
                .isEqualTo("INV-%d-%06d".formatted(year, SENDS + 1));
        assertThat(sent(owner, QUOTES, student.userId()).getString("number"))
                .isEqualTo("QUO-%d-%06d".formatted(year, 1));

        // every issued invoice of the tenant, in order, has exactly the numbers 1..N+1
        List<Integer> sequences = TenantContext.callAs(tenant, () -> jdbc.sql(
                        "SELECT number_seq FROM billing_documents WHERE type = 'INVOICE' AND number IS NOT NULL "
                                + "ORDER BY number_seq")
                .query(Integer.class)
                .list());
        assertThat(sequences)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, SENDS + 1).boxed().toList());
    }
}
