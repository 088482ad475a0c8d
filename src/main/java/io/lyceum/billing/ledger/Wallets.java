package io.lyceum.billing.ledger;

import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A user's view of their own ledger accounts: balances per currency and the journal lines, newest first. */
@Service
@Transactional(readOnly = true)
class Wallets {

    /** A user's balance in one currency; each account kind as its holder reads it. */
    record Balance(String currency, Map<LedgerAccountType, Money> accounts) {}

    /** One journal line of one of the user's accounts, with its entry. */
    record Transaction(
            UUID entryId,
            UUID lineId,
            Instant occurredAt,
            String kind,
            String description,
            LedgerAccountType account,
            Money amount,
            Money balanceAfter,
            @Nullable UUID orderId,
            @Nullable UUID bookingId,
            @Nullable String commissionTier,
            @Nullable Integer commissionRateBps) {}

    static final Set<String> SORTABLE = Set.of("occurredAt");

    private final JdbcClient jdbc;

    Wallets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Balances of the owner's accounts, grouped by currency. */
    List<Balance> balances(UUID ownerId) {
        Map<String, Map<LedgerAccountType, Money>> byCurrency = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT a.type, a.currency, coalesce(sum(l.amount), 0) AS total
                        FROM ledger_accounts a
                        LEFT JOIN journal_lines l ON l.tenant_id = a.tenant_id AND l.account_id = a.id
                        WHERE a.tenant_id = :t AND a.owner_id = :owner
                        GROUP BY a.type, a.currency
                        ORDER BY a.currency, a.type
                        """)
                .param("t", TenantContext.require().value())
                .param("owner", ownerId)
                .query((rs, n) -> {
                    LedgerAccountType type = LedgerAccountType.valueOf(rs.getString("type"));
                    String currency = rs.getString("currency");
                    byCurrency
                            .computeIfAbsent(currency, c -> new LinkedHashMap<>())
                            .put(type, Money.of(type.displayBalance(rs.getLong("total")), currency));
                    return type; // read for its side effect; the list is not used
                })
                .list();
        List<Balance> balances = new ArrayList<>();
        byCurrency.forEach((currency, accounts) -> balances.add(new Balance(currency, accounts)));
        return balances;
    }

    /**
     * The journal lines of the owner's accounts (optionally one account kind and one currency), newest first, each
     * signed as the holder reads it (money in is positive) with the account's balance after it.
     */
    PageResponse<Transaction> transactions(
            UUID ownerId, @Nullable LedgerAccountType account, @Nullable String currency, PageQuery page) {
        boolean ascending = page.sort().stream().anyMatch(s -> s.field().equals("occurredAt") && s.ascending());
        String filter =
                (account == null ? "" : " AND a.type = :type") + (currency == null ? "" : " AND a.currency = :c");
        var count = jdbc.sql("""
                        SELECT count(*) FROM journal_lines l
                        JOIN ledger_accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
                        WHERE a.tenant_id = :t AND a.owner_id = :owner""" + filter)
                .param("t", TenantContext.require().value())
                .param("owner", ownerId);
        String query = """
                        SELECT * FROM (
                            SELECT e.id AS entry_id, l.id AS line_id, e.occurred_at, e.created_at, e.kind,
                                   e.description, a.type, a.currency, l.amount, e.order_id, e.booking_id,
                                   e.commission_tier, e.commission_rate_bps,
                                   sum(l.amount) OVER (PARTITION BY a.id ORDER BY e.occurred_at, e.created_at, l.id
                                                       ROWS UNBOUNDED PRECEDING) AS running
                            FROM journal_lines l
                            JOIN ledger_accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
                            JOIN journal_entries e ON e.tenant_id = l.tenant_id AND e.id = l.entry_id
                            WHERE a.tenant_id = :t AND a.owner_id = :owner""" + filter + """
                        ) lines
                        ORDER BY occurred_at %1$s, created_at %1$s, line_id %1$s
                        LIMIT :limit OFFSET :offset
                        """;
        var select = jdbc.sql(query.formatted(ascending ? "ASC" : "DESC"))
                .param("t", TenantContext.require().value())
                .param("owner", ownerId)
                .param("limit", page.size())
                .param("offset", page.offset());
        if (account != null) {
            count = count.param("type", account.name());
            select = select.param("type", account.name());
        }
        if (currency != null) {
            count = count.param("c", currency);
            select = select.param("c", currency);
        }
        List<Transaction> content = select.query((rs, n) -> {
                    LedgerAccountType type = LedgerAccountType.valueOf(rs.getString("type"));
                    String c = rs.getString("currency");
                    int rate = rs.getInt("commission_rate_bps");
                    Integer rateBps = rs.wasNull() ? null : rate;
                    return new Transaction(
                            rs.getObject("entry_id", UUID.class),
                            rs.getObject("line_id", UUID.class),
                            io.lyceum.platform.SqlValues.requiredInstant(rs, "occurred_at"),
                            rs.getString("kind"),
                            rs.getString("description"),
                            type,
                            Money.of(type.displayBalance(rs.getLong("amount")), c),
                            Money.of(type.displayBalance(rs.getLong("running")), c),
                            rs.getObject("order_id", UUID.class),
                            rs.getObject("booking_id", UUID.class),
                            rs.getString("commission_tier"),
                            rateBps);
                })
                .list();
        return PageResponse.of(content, page, count.query(Long.class).single());
    }
}
