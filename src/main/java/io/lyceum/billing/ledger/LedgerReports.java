package io.lyceum.billing.ledger;

import io.lyceum.billing.BillingReporting;
import io.lyceum.platform.SqlValues;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link BillingReporting} over the ledger tables: one aggregate query per figure, nothing computed row by row. */
@Component
class LedgerReports implements BillingReporting {

    private final JdbcClient jdbc;

    LedgerReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<MonthlyMoney> moneyByMonth(Instant from, Instant to, ZoneId zone) {
        // entries first (occurred_at is on the entry), then their lines on the four accounts that make the figures
        return jdbc.sql("""
                        SELECT to_char(e.occurred_at AT TIME ZONE :zone, 'YYYY-MM') AS month, l.currency,
                               coalesce(sum(l.amount) FILTER (WHERE a.type = 'PROVIDER_CLEARING' AND e.kind = 'PAYMENT'
                                                               AND l.amount > 0), 0) AS gross,
                               coalesce(-sum(l.amount) FILTER (WHERE a.type = 'PLATFORM_REVENUE'), 0) AS commission,
                               coalesce(-sum(l.amount) FILTER (WHERE a.type = 'REFUNDS_IN_TRANSIT' AND l.amount < 0), 0)
                                   AS refunds,
                               coalesce(-sum(l.amount) FILTER (WHERE a.type = 'PROVIDER_CLEARING' AND e.kind = 'PAYOUT'
                                                                AND l.amount < 0), 0) AS payouts
                        FROM journal_entries e
                        JOIN journal_lines l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id
                        JOIN ledger_accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
                        WHERE e.tenant_id = :t AND e.occurred_at >= :from AND e.occurred_at < :to
                          AND a.type IN ('PROVIDER_CLEARING', 'PLATFORM_REVENUE', 'REFUNDS_IN_TRANSIT')
                        GROUP BY 1, 2
                        ORDER BY 1, 2
                        """)
                .param("zone", zone.getId())
                .param("t", TenantContext.require().value())
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, n) -> {
                    String currency = rs.getString("currency");
                    return new MonthlyMoney(
                            YearMonth.parse(rs.getString("month")),
                            Money.of(rs.getLong("gross"), currency),
                            Money.of(rs.getLong("commission"), currency),
                            Money.of(rs.getLong("refunds"), currency),
                            Money.of(rs.getLong("payouts"), currency));
                })
                .list();
    }

    @Override
    public List<MoneyMovement> recentMovements(int limit) {
        return jdbc.sql("""
                        SELECT e.id, e.kind, e.booking_id, e.occurred_at, l.amount, l.currency
                        FROM (SELECT id, tenant_id, kind, booking_id, occurred_at
                              FROM journal_entries
                              WHERE tenant_id = :t AND kind IN ('PAYMENT', 'REFUND', 'PAYOUT')
                              ORDER BY occurred_at DESC, id DESC
                              LIMIT :limit) e
                        JOIN journal_lines l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id
                        JOIN ledger_accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
                        WHERE (e.kind = 'PAYMENT' AND a.type = 'PROVIDER_CLEARING')
                           OR (e.kind = 'REFUND' AND a.type = 'REFUNDS_IN_TRANSIT')
                           OR (e.kind = 'PAYOUT' AND a.type = 'PROVIDER_CLEARING')
                        ORDER BY e.occurred_at DESC, e.id DESC
                        """)
                .param("t", TenantContext.require().value())
                .param("limit", limit)
                .query((rs, n) -> new MoneyMovement(
                        rs.getObject("id", java.util.UUID.class),
                        rs.getString("kind"),
                        Money.of(Math.abs(rs.getLong("amount")), rs.getString("currency")),
                        bookingId(rs.getObject("booking_id", java.util.UUID.class)),
                        SqlValues.requiredInstant(rs, "occurred_at")))
                .list();
    }

    @Override
    public void forEachPayout(Instant from, Instant to, Consumer<Payout> sink) {
        jdbc.sql("""
                        SELECT id, tutor_id, amount, currency, status, requested_at, completed_at
                        FROM withdrawals
                        WHERE tenant_id = :t AND requested_at >= :from AND requested_at < :to
                        ORDER BY requested_at, id
                        """)
                .param("t", TenantContext.require().value())
                .param("from", utc(from))
                .param("to", utc(to))
                .withFetchSize(1000) // streamed inside the caller's transaction
                .query(rs -> {
                    sink.accept(new Payout(
                            rs.getObject("id", java.util.UUID.class),
                            TutorId.of(rs.getObject("tutor_id", java.util.UUID.class)),
                            Money.of(rs.getLong("amount"), rs.getString("currency")),
                            rs.getString("status"),
                            SqlValues.requiredInstant(rs, "requested_at"),
                            instant(rs, "completed_at")));
                });
    }

    private static @Nullable BookingId bookingId(java.util.@Nullable UUID id) {
        return id == null ? null : BookingId.of(id);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
