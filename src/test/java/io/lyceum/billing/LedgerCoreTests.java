package io.lyceum.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lyceum.billing.ledger.Ledger;
import io.lyceum.billing.ledger.Ledger.Line;
import io.lyceum.billing.ledger.Ledger.Posting;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.ApiTestBase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The ledger's guarantees, checked in PostgreSQL: entries balance, post once per reference, and never change. */
class LedgerCoreTests extends ApiTestBase {

    @Autowired
    Ledger ledger;

    @Autowired
    TransactionTemplate transactions;

    private TenantId defaultTenant() {
        return new TenantId(jdbc.sql("SELECT id FROM tenants WHERE slug = 'default'")
                .query(UUID.class)
                .single());
    }

    private static Posting payment(String reference, UUID tutor, long amount) {
        Money money = Money.of(amount, "GBP");
        return new Posting(
                "PAYMENT",
                reference,
                "test",
                null,
                null,
                null,
                Instant.parse("2026-11-21T10:00:00Z"),
                List.of(
                        Line.debit(LedgerAccountType.PROVIDER_CLEARING, null, money),
                        Line.credit(LedgerAccountType.TUTOR_AVAILABLE, tutor, money)));
    }

    @Test
    void anEntryIsPostedOncePerReferenceAndMovesBalances() {
        UUID tutor = UUID.randomUUID();
        String reference = "test:" + UUID.randomUUID();
        TenantContext.runAs(defaultTenant(), () -> {
            assertThat((Boolean) transactions.execute(s -> ledger.post(payment(reference, tutor, 2500))))
                    .isTrue();
            assertThat((Boolean) transactions.execute(s -> ledger.post(payment(reference, tutor, 2500))))
                    .isFalse();
            assertThat(ledger.balance(LedgerAccountType.TUTOR_AVAILABLE, tutor, Money.currency("GBP")))
                    .isEqualTo(Money.of(2500, "GBP"));
        });
    }

    @Test
    void postgresRefusesAnUnbalancedEntryAtCommit() {
        UUID tutor = UUID.randomUUID();
        String reference = "test:" + UUID.randomUUID();
        TenantContext.runAs(defaultTenant(), () -> {
            transactions.executeWithoutResult(s -> ledger.post(payment(reference, tutor, 100)));
            UUID entry = jdbc.sql("SELECT id FROM journal_entries WHERE reference = :r")
                    .param("r", reference)
                    .query(UUID.class)
                    .single();
            UUID account = jdbc.sql("SELECT account_id FROM journal_lines WHERE entry_id = :e LIMIT 1")
                    .param("e", entry)
                    .query(UUID.class)
                    .single();
            assertThatThrownBy(() -> transactions.executeWithoutResult(s ->
                            jdbc.sql("""
                                    INSERT INTO journal_lines (id, tenant_id, entry_id, account_id, amount, currency)
                                    VALUES (gen_random_uuid(), lyceum_current_tenant(), :e, :a, 1, 'GBP')
                                    """).param("e", entry).param("a", account).update()))
                    .hasMessageContaining("does not balance");
            assertThatThrownBy(() -> jdbc.sql("UPDATE journal_lines SET amount = amount + 1 WHERE entry_id = :e")
                            .param("e", entry)
                            .update())
                    .rootCause()
                    .hasMessageContaining("permission denied");
            assertThat(ledger.balance(LedgerAccountType.TUTOR_AVAILABLE, tutor, Money.currency("GBP")))
                    .isEqualTo(Money.of(100, "GBP"));
        });
    }

    @Test
    void anUnbalancedPostingIsRefusedBeforeTouchingTheDatabase() {
        UUID tutor = UUID.randomUUID();
        Posting unbalanced = new Posting(
                "PAYMENT",
                "test:" + UUID.randomUUID(),
                "test",
                null,
                null,
                null,
                Instant.now(),
                List.of(
                        Line.debit(LedgerAccountType.PROVIDER_CLEARING, null, Money.of(100, "GBP")),
                        Line.credit(LedgerAccountType.TUTOR_AVAILABLE, tutor, Money.of(99, "GBP"))));
        TenantContext.runAs(defaultTenant(), () -> assertThatThrownBy(
                        () -> transactions.executeWithoutResult(s -> ledger.post(unbalanced)))
                .isInstanceOf(IllegalArgumentException.class));
    }
}
