package io.lyceum.billing.ledger;

import io.lyceum.shared.Ids;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The double-entry ledger. Money moves only by posting a journal entry whose lines sum to zero per currency (checked
 * here and again by PostgreSQL at commit); entries are never changed, corrections are new entries. Each entry has a
 * unique {@code reference} naming the business event it records, so posting the same event twice is a no-op: this is
 * what makes redelivered webhooks and events count once.
 */
@Component
public class Ledger {

    /** One line of an entry: a positive amount debits the account, a negative one credits it. */
    public record Line(LedgerAccountType type, @Nullable UUID ownerId, Money amount) {

        public Line {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(amount, "amount");
            if (type.perUser() != (ownerId != null)) {
                throw new IllegalArgumentException(type + (type.perUser() ? " needs" : " takes no") + " owner");
            }
        }

        public static Line debit(LedgerAccountType type, @Nullable UUID ownerId, Money amount) {
            return new Line(type, ownerId, amount);
        }

        public static Line credit(LedgerAccountType type, @Nullable UUID ownerId, Money amount) {
            return new Line(type, ownerId, amount.negate());
        }
    }

    /** The commission tier applied to an entry, recorded with it. */
    public record AppliedCommission(String tier, int rateBps) {}

    /**
     * A journal entry to post.
     *
     * @param kind what happened, for example {@code PAYMENT}, {@code REFUND}, {@code EARNING}, {@code PAYOUT}
     * @param reference unique per tenant: the business event, for example {@code order:<id>:paid}
     */
    public record Posting(
            String kind,
            String reference,
            String description,
            @Nullable UUID orderId,
            @Nullable UUID bookingId,
            @Nullable AppliedCommission commission,
            Instant occurredAt,
            List<Line> lines) {

        public Posting {
            lines = lines.stream().filter(line -> !line.amount().isZero()).toList();
        }
    }

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Posts the entry unless an entry with the same reference exists. Joins the caller's transaction so the entry
     * commits with the business change it records. Returns false when the reference was already posted.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean post(Posting posting) {
        requireBalanced(posting);
        UUID tenant = TenantContext.require().value();
        UUID entryId = Ids.newId();
        int inserted = jdbc.sql("""
                        INSERT INTO journal_entries (id, tenant_id, kind, reference, description, order_id, booking_id,
                                                     commission_tier, commission_rate_bps, occurred_at, created_at)
                        VALUES (:id, :t, :kind, :ref, :description, :order, :booking, :tier, :rate, :at, now())
                        ON CONFLICT (tenant_id, reference) DO NOTHING
                        """)
                .param("id", entryId)
                .param("t", tenant)
                .param("kind", posting.kind())
                .param("ref", posting.reference())
                .param("description", posting.description())
                .param("order", posting.orderId())
                .param("booking", posting.bookingId())
                .param(
                        "tier",
                        posting.commission() == null
                                ? null
                                : posting.commission().tier())
                .param(
                        "rate",
                        posting.commission() == null
                                ? null
                                : posting.commission().rateBps())
                .param("at", utc(posting.occurredAt()))
                .update();
        if (inserted == 0) {
            return false;
        }
        for (Line line : posting.lines()) {
            jdbc.sql("""
                            INSERT INTO journal_lines (id, tenant_id, entry_id, account_id, amount, currency)
                            VALUES (:id, :t, :entry, :account, :amount, :currency)
                            """)
                    .param("id", Ids.newId())
                    .param("t", tenant)
                    .param("entry", entryId)
                    .param(
                            "account",
                            accountId(line.type(), line.ownerId(), line.amount().currency()))
                    .param("amount", line.amount().amount())
                    .param("currency", line.amount().currencyCode())
                    .update();
        }
        return true;
    }

    /** Whether an entry with this reference has been posted. */
    public boolean posted(String reference) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM journal_entries WHERE tenant_id = :t AND reference = :ref)")
                .param("t", TenantContext.require().value())
                .param("ref", reference)
                .query(Boolean.class)
                .single();
    }

    /** The balance of an account as its holder reads it (see {@link LedgerAccountType#displayBalance}). */
    public Money balance(LedgerAccountType type, UUID ownerId, Currency currency) {
        long sum = jdbc.sql("""
                        SELECT coalesce(sum(l.amount), 0)
                        FROM journal_lines l
                        JOIN ledger_accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
                        WHERE a.tenant_id = :t AND a.type = :type AND a.currency = :currency
                          AND a.owner_id IS NOT DISTINCT FROM :owner
                        """)
                .param("t", TenantContext.require().value())
                .param("type", type.name())
                .param("currency", currency.getCurrencyCode())
                .param("owner", ownerId)
                .query(Long.class)
                .single();
        return new Money(type.displayBalance(sum), currency);
    }

    private UUID accountId(LedgerAccountType type, @Nullable UUID ownerId, Currency currency) {
        UUID tenant = TenantContext.require().value();
        jdbc.sql("""
                        INSERT INTO ledger_accounts (id, tenant_id, type, owner_id, currency, created_at)
                        VALUES (:id, :t, :type, :owner, :currency, now())
                        ON CONFLICT (tenant_id, type, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'::uuid),
                                     currency) DO NOTHING
                        """)
                .param("id", Ids.newId())
                .param("t", tenant)
                .param("type", type.name())
                .param("owner", ownerId)
                .param("currency", currency.getCurrencyCode())
                .update();
        return jdbc.sql("""
                        SELECT id FROM ledger_accounts
                        WHERE tenant_id = :t AND type = :type AND currency = :currency
                          AND owner_id IS NOT DISTINCT FROM :owner
                        """)
                .param("t", tenant)
                .param("type", type.name())
                .param("owner", ownerId)
                .param("currency", currency.getCurrencyCode())
                .query(UUID.class)
                .single();
    }

    private static void requireBalanced(Posting posting) {
        if (posting.lines().size() < 2) {
            throw new IllegalArgumentException("A journal entry needs at least two lines: " + posting.reference());
        }
        Map<Currency, Long> sums = new HashMap<>();
        for (Line line : posting.lines()) {
            sums.merge(line.amount().currency(), line.amount().amount(), Math::addExact);
        }
        sums.forEach((currency, sum) -> {
            if (sum != 0) {
                throw new IllegalArgumentException(
                        "Journal entry " + posting.reference() + " does not balance: " + sum + " " + currency);
            }
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
