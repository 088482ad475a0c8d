package io.lyceum.catalog;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant's exchange rates and price conversion for display. A rate is used directly, inverted, or through one
 * intermediate currency (the ECB publishes EUR-based rates only, so GBP to USD goes through EUR). Converted amounts
 * are for display; money is always charged in the tutor's own currency.
 */
@Service
class ExchangeRates {

    static final BigDecimal MAX_RATE = new BigDecimal("1000000000");

    record Rate(String base, String quote, BigDecimal rate, String source, Instant asOf) {}

    /** A snapshot of the tenant's rates that converts any number of amounts without further queries. */
    static final class Table {
        private final Map<String, Map<String, Rate>> byBase = new HashMap<>();
        private final String version;

        Table(List<Rate> rates) {
            for (Rate r : rates) {
                byBase.computeIfAbsent(r.base(), k -> new HashMap<>()).put(r.quote(), r);
            }
            // changes whenever a rate is set, refreshed or removed: part of the search ETag
            version = rates.size() + "-"
                    + rates.stream()
                            .map(Rate::asOf)
                            .max(Instant::compareTo)
                            .map(Instant::toEpochMilli)
                            .orElse(0L);
        }

        String version() {
            return version;
        }

        /** The factor from one currency to another, or empty when no path of at most two rates exists. */
        Optional<BigDecimal> factor(String from, String to) {
            if (from.equals(to)) {
                return Optional.of(BigDecimal.ONE);
            }
            Optional<BigDecimal> direct = step(from, to);
            if (direct.isPresent()) {
                return direct;
            }
            for (String pivot : currencies()) {
                Optional<BigDecimal> first = step(from, pivot);
                Optional<BigDecimal> second = first.isEmpty() ? Optional.empty() : step(pivot, to);
                if (second.isPresent()) {
                    return Optional.of(first.get().multiply(second.get(), MathContext.DECIMAL64));
                }
            }
            return Optional.empty();
        }

        private Optional<BigDecimal> step(String from, String to) {
            Rate direct = byBase.getOrDefault(from, Map.of()).get(to);
            if (direct != null) {
                return Optional.of(direct.rate());
            }
            Rate inverse = byBase.getOrDefault(to, Map.of()).get(from);
            return inverse == null
                    ? Optional.empty()
                    : Optional.of(BigDecimal.ONE.divide(inverse.rate(), MathContext.DECIMAL64));
        }

        private List<String> currencies() {
            return java.util.stream.Stream.concat(
                            byBase.keySet().stream(), byBase.values().stream().flatMap(m -> m.keySet().stream()))
                    .distinct()
                    .sorted()
                    .toList();
        }

        /** The amount in the target currency, rounded half-even to its minor unit; empty without a rate. */
        Optional<Money> convert(Money money, String target) {
            return factor(money.currencyCode(), target).map(f -> {
                Currency from = money.currency();
                Currency to = Money.currency(target);
                BigDecimal major = BigDecimal.valueOf(money.amount(), from.getDefaultFractionDigits());
                BigDecimal converted =
                        major.multiply(f).setScale(Math.max(0, to.getDefaultFractionDigits()), RoundingMode.HALF_EVEN);
                return Money.of(converted.unscaledValue().longValueExact(), target);
            });
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ExchangeRates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<Rate> list() {
        return jdbc.sql("SELECT base, quote, rate, source, as_of FROM exchange_rates WHERE tenant_id = :t"
                        + " ORDER BY base, quote")
                .param("t", tenant())
                .query((rs, n) -> new Rate(
                        rs.getString("base"),
                        rs.getString("quote"),
                        rs.getBigDecimal("rate").stripTrailingZeros(),
                        rs.getString("source"),
                        rs.getTimestamp("as_of").toInstant()))
                .list();
    }

    /** One page of the tenant's rates, by base, then quote. */
    @Transactional(readOnly = true)
    io.lyceum.shared.PageResponse<Rate> list(io.lyceum.shared.PageQuery page) {
        long total = jdbc.sql("SELECT count(*) FROM exchange_rates WHERE tenant_id = :t")
                .param("t", tenant())
                .query(Long.class)
                .single();
        List<Rate> rows = jdbc.sql("SELECT base, quote, rate, source, as_of FROM exchange_rates WHERE tenant_id = :t"
                        + " ORDER BY base, quote LIMIT :limit OFFSET :offset")
                .param("t", tenant())
                .param("limit", page.size())
                .param("offset", page.offset())
                .query((rs, n) -> new Rate(
                        rs.getString("base"),
                        rs.getString("quote"),
                        rs.getBigDecimal("rate").stripTrailingZeros(),
                        rs.getString("source"),
                        rs.getTimestamp("as_of").toInstant()))
                .list();
        return io.lyceum.shared.PageResponse.of(rows, page, total);
    }

    @Transactional(readOnly = true)
    Table table() {
        return new Table(list());
    }

    @Transactional
    Rate setManual(CurrentUser admin, String base, String quote, BigDecimal rate) {
        String b = currency("base", base);
        String q = currency("quote", quote);
        if (b.equals(q)) {
            throw LyceumException.invalid(
                    "exchange_rate.invalid",
                    "A rate needs two different currencies.",
                    List.of(new FieldError("quote", "must differ from base")));
        }
        if (rate == null || rate.signum() <= 0 || rate.compareTo(MAX_RATE) > 0 || rate.scale() > 12) {
            throw LyceumException.invalid(
                    "exchange_rate.invalid",
                    "The rate must be a positive number (at most 12 decimals).",
                    List.of(new FieldError("rate", "must be a positive number with at most 12 decimals")));
        }
        Instant now = clock.instant();
        // one direction per pair: an inverse row would contradict this one
        jdbc.sql("DELETE FROM exchange_rates WHERE tenant_id = :t AND base = :q AND quote = :b")
                .param("t", tenant())
                .param("b", b)
                .param("q", q)
                .update();
        jdbc.sql("""
                        INSERT INTO exchange_rates (tenant_id, base, quote, rate, source, as_of, updated_by)
                        VALUES (:t, :b, :q, :rate, 'MANUAL', :now, :by)
                        ON CONFLICT (tenant_id, base, quote) DO UPDATE
                            SET rate = excluded.rate, source = 'MANUAL', as_of = excluded.as_of,
                                updated_by = excluded.updated_by
                        """)
                .param("t", tenant())
                .param("b", b)
                .param("q", q)
                .param("rate", rate)
                .param("now", Timestamp.from(now))
                .param("by", admin.userId().value())
                .update();
        return new Rate(b, q, rate.stripTrailingZeros(), "MANUAL", now);
    }

    @Transactional
    void delete(String base, String quote) {
        int deleted = jdbc.sql("DELETE FROM exchange_rates WHERE tenant_id = :t AND base = :b AND quote = :q")
                .param("t", tenant())
                .param("b", base == null ? "" : base.toUpperCase(java.util.Locale.ROOT))
                .param("q", quote == null ? "" : quote.toUpperCase(java.util.Locale.ROOT))
                .update();
        if (deleted == 0) {
            throw LyceumException.notFound("exchange_rate.not_found", "No rate for this pair.");
        }
    }

    /**
     * Stores reference rates from a feed for the current tenant ({@code 1 base = rate quote}), leaving the admin's
     * MANUAL rows untouched; returns how many rows were written.
     */
    @Transactional
    int storeReferenceRates(String base, Map<String, BigDecimal> rates, Instant asOf, String source) {
        int written = 0;
        for (Map.Entry<String, BigDecimal> e : rates.entrySet()) {
            written += jdbc.sql("""
                            INSERT INTO exchange_rates (tenant_id, base, quote, rate, source, as_of)
                            SELECT :t, :b, :q, :rate, :source, :asOf
                            WHERE NOT EXISTS (SELECT 1 FROM exchange_rates WHERE tenant_id = :t AND source = 'MANUAL'
                                              AND ((base = :b AND quote = :q) OR (base = :q AND quote = :b)))
                            ON CONFLICT (tenant_id, base, quote) DO UPDATE
                                SET rate = excluded.rate, as_of = excluded.as_of
                                WHERE exchange_rates.source <> 'MANUAL'
                            """)
                    .param("t", tenant())
                    .param("b", base)
                    .param("q", e.getKey())
                    .param("rate", e.getValue())
                    .param("source", source)
                    .param("asOf", Timestamp.from(asOf))
                    .update();
        }
        return written;
    }

    static String currency(String field, String code) {
        try {
            Currency currency = Money.currency(code == null ? "" : code.trim().toUpperCase(java.util.Locale.ROOT));
            if (currency.getDefaultFractionDigits() < 0) {
                throw new IllegalArgumentException();
            }
            return currency.getCurrencyCode();
        } catch (IllegalArgumentException | LyceumException e) {
            throw LyceumException.invalid(
                    "exchange_rate.invalid",
                    "Unknown currency.",
                    List.of(new FieldError(field, "must be an ISO 4217 currency code such as GBP")));
        }
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
