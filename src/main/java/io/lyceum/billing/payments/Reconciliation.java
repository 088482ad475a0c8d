package io.lyceum.billing.payments;

import io.lyceum.billing.ReconciliationDifferencesFound;
import io.lyceum.billing.ledger.Ledger;
import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayment;
import io.lyceum.billing.provider.PaymentProvider.ProviderPaymentStatus;
import io.lyceum.billing.provider.ProviderException;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Compares, for the current tenant and a window (by default the last three days), the payment provider's payments
 * with our orders, refunds and ledger: a payment that succeeded at the provider with no paid order (a double charge, a
 * lost webhook), amounts or refunded amounts that differ, a paid order without its ledger entry, provider clearing
 * for an order that differs from the provider's net (paid minus refunded), and a paid order the provider does not know
 * as succeeded. Each run and its differences are stored; differences are announced as
 * {@link ReconciliationDifferencesFound}.
 */
@Service
class Reconciliation {

    enum Kind {
        PAYMENT_WITHOUT_PAID_ORDER,
        AMOUNT_MISMATCH,
        REFUND_MISMATCH,
        LEDGER_ENTRY_MISSING,
        CLEARING_MISMATCH,
        PAID_ORDER_UNKNOWN_TO_PROVIDER
    }

    record Difference(
            Kind kind,
            @Nullable UUID orderId,
            @Nullable String providerPaymentId,
            @Nullable String currency,
            @Nullable Long ours,
            @Nullable Long theirs,
            String detail) {}

    record Run(
            UUID id,
            String trigger,
            @Nullable UUID requestedBy,
            Instant windowFrom,
            Instant windowTo,
            int providerPayments,
            int paidOrders,
            int differenceCount,
            Instant startedAt,
            Instant finishedAt,
            List<Difference> differences) {}

    private record PaidOrder(UUID id, String paymentId, long amount, long refunded, String currency, String status) {}

    private final JdbcClient jdbc;
    private final PaymentProvider provider;
    private final Ledger ledger;
    private final ApplicationEventPublisher events;
    private final ReconciliationProperties properties;
    private final Clock clock;

    Reconciliation(
            JdbcClient jdbc,
            PaymentProvider provider,
            Ledger ledger,
            ApplicationEventPublisher events,
            ReconciliationProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.provider = provider;
        this.ledger = ledger;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs a reconciliation of the current tenant; {@code requestedBy} null means the daily job. */
    @Transactional
    Run run(@Nullable Instant from, @Nullable Instant to, @Nullable UUID requestedBy) {
        Instant started = clock.instant();
        Instant windowTo = to != null ? to : started.minus(properties.settleGrace());
        Instant windowFrom = from != null ? from : windowTo.minus(properties.window());
        if (!windowFrom.isBefore(windowTo)) {
            throw LyceumException.invalid(
                    "reconciliation.invalid_window",
                    "The window's start must be before its end.",
                    List.of(new io.lyceum.shared.FieldError("from", "must be before to")));
        }
        String tenant = tenant().toString();
        List<ProviderPayment> theirs = provider.listPayments(windowFrom, windowTo).stream()
                .filter(p -> p.metadata() != null && tenant.equals(p.metadata().get("tenantId")))
                .toList();
        Map<String, ProviderPayment> succeeded = new HashMap<>();
        List<Difference> differences = new ArrayList<>();
        for (ProviderPayment payment : theirs) {
            if (payment.status() != ProviderPaymentStatus.SUCCEEDED) {
                continue;
            }
            succeeded.put(payment.id(), payment);
            Optional<PaidOrder> order = orderFor(payment.id());
            if (order.isEmpty() || !paid(order.get().status())) {
                differences.add(new Difference(
                        Kind.PAYMENT_WITHOUT_PAID_ORDER,
                        order.map(PaidOrder::id).orElse(metadataOrder(payment)),
                        payment.id(),
                        payment.amount().currencyCode(),
                        null,
                        payment.amount().amount(),
                        "The provider took " + payment.amount() + " but "
                                + (order.isEmpty()
                                        ? "no order records this payment"
                                        : "its order is " + order.get().status())));
                continue;
            }
            compare(order.get(), payment, differences);
        }
        List<PaidOrder> paidOrders = paidOrdersIn(windowFrom, windowTo);
        for (PaidOrder order : paidOrders) {
            if (succeeded.containsKey(order.paymentId())) {
                continue;
            }
            ProviderPayment payment = null;
            try {
                payment = provider.retrievePayment(order.paymentId());
            } catch (ProviderException e) {
                // unknown at the provider
            }
            if (payment == null || payment.status() != ProviderPaymentStatus.SUCCEEDED) {
                differences.add(new Difference(
                        Kind.PAID_ORDER_UNKNOWN_TO_PROVIDER,
                        order.id(),
                        order.paymentId(),
                        order.currency(),
                        order.amount(),
                        payment == null ? null : 0L,
                        payment == null
                                ? "The order is paid but the provider does not know its payment"
                                : "The order is paid but the provider's payment is " + payment.status()));
            } else {
                compare(order, payment, differences);
            }
        }
        Instant finished = clock.instant();
        UUID runId = Ids.newId();
        jdbc.sql("""
                        INSERT INTO reconciliation_runs (id, tenant_id, trigger, requested_by, window_from, window_to,
                                                         provider_payments, paid_orders, differences, started_at,
                                                         finished_at)
                        VALUES (:id, :t, :trigger, :by, :from, :to, :pp, :po, :d, :started, :finished)
                        """)
                .param("id", runId)
                .param("t", tenant())
                .param("trigger", requestedBy == null ? "SCHEDULED" : "MANUAL")
                .param("by", requestedBy)
                .param("from", windowFrom.atOffset(ZoneOffset.UTC))
                .param("to", windowTo.atOffset(ZoneOffset.UTC))
                .param("pp", theirs.size())
                .param("po", paidOrders.size())
                .param("d", differences.size())
                .param("started", started.atOffset(ZoneOffset.UTC))
                .param("finished", finished.atOffset(ZoneOffset.UTC))
                .update();
        Map<String, Integer> counts = new TreeMap<>();
        for (Difference d : differences) {
            counts.merge(d.kind().name(), 1, Integer::sum);
            jdbc.sql("""
                            INSERT INTO reconciliation_differences (id, tenant_id, run_id, kind, order_id,
                                                                    provider_payment_id, currency, ours, theirs, detail)
                            VALUES (:id, :t, :run, :kind, :order, :pid, :c, :ours, :theirs, :detail)
                            """)
                    .param("id", Ids.newId())
                    .param("t", tenant())
                    .param("run", runId)
                    .param("kind", d.kind().name())
                    .param("order", d.orderId())
                    .param("pid", d.providerPaymentId())
                    .param("c", d.currency())
                    .param("ours", d.ours())
                    .param("theirs", d.theirs())
                    .param("detail", d.detail())
                    .update();
        }
        if (!differences.isEmpty()) {
            events.publishEvent(new ReconciliationDifferencesFound(
                    TenantContext.require(),
                    runId,
                    windowFrom,
                    windowTo,
                    differences.size(),
                    counts,
                    requestedBy,
                    finished));
        }
        return find(runId, 1000).orElseThrow();
    }

    private void compare(PaidOrder order, ProviderPayment payment, List<Difference> differences) {
        String currency = order.currency();
        if (order.amount() != payment.amount().amount()
                || !currency.equals(payment.amount().currencyCode())) {
            differences.add(new Difference(
                    Kind.AMOUNT_MISMATCH,
                    order.id(),
                    payment.id(),
                    currency,
                    order.amount(),
                    payment.amount().amount(),
                    "The order is for " + order.amount() + " " + currency + ", the provider took " + payment.amount()));
        }
        if (order.refunded() != payment.amountRefunded()) {
            differences.add(new Difference(
                    Kind.REFUND_MISMATCH,
                    order.id(),
                    payment.id(),
                    currency,
                    order.refunded(),
                    payment.amountRefunded(),
                    "We refunded " + order.refunded() + ", the provider " + payment.amountRefunded()));
        }
        if (!ledger.posted("order:" + order.id() + ":paid")) {
            differences.add(new Difference(
                    Kind.LEDGER_ENTRY_MISSING,
                    order.id(),
                    payment.id(),
                    currency,
                    0L,
                    payment.amount().amount(),
                    "The order is paid but the ledger has no payment entry for it"));
        }
        long clearing = clearingFor(order.id(), currency);
        long net = payment.amount().amount() - payment.amountRefunded();
        if (clearing != net) {
            differences.add(new Difference(
                    Kind.CLEARING_MISMATCH,
                    order.id(),
                    payment.id(),
                    currency,
                    clearing,
                    net,
                    "Provider clearing (with refunds in transit) holds " + clearing + " for the order, the provider "
                            + net + " (paid minus refunded)"));
        }
    }

    /** What the ledger says the provider holds for the order: clearing minus refunds on their way. */
    private long clearingFor(UUID orderId, String currency) {
        return jdbc.sql("""
                        SELECT coalesce(sum(l.amount), 0)
                        FROM journal_entries e
                        JOIN journal_lines l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id
                        JOIN ledger_accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
                        WHERE e.tenant_id = :t AND e.order_id = :o AND a.currency = :c
                          AND a.type IN ('PROVIDER_CLEARING', 'REFUNDS_IN_TRANSIT')
                        """)
                .param("t", tenant())
                .param("o", orderId)
                .param("c", currency)
                .query(Long.class)
                .single();
    }

    private Optional<PaidOrder> orderFor(String paymentId) {
        return jdbc.sql("""
                        SELECT id, provider_payment_id, amount, refunded_amount, currency, status FROM orders
                        WHERE tenant_id = :t AND provider = :p AND provider_payment_id = :pid
                        """)
                .param("t", tenant())
                .param("p", provider.name())
                .param("pid", paymentId)
                .query(Reconciliation::mapOrder)
                .optional();
    }

    private List<PaidOrder> paidOrdersIn(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT id, provider_payment_id, amount, refunded_amount, currency, status FROM orders
                        WHERE tenant_id = :t AND provider = :p AND paid_at >= :from AND paid_at < :to
                          AND status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED') AND provider_payment_id IS NOT NULL
                        ORDER BY paid_at
                        """)
                .param("t", tenant())
                .param("p", provider.name())
                .param("from", from.atOffset(ZoneOffset.UTC))
                .param("to", to.atOffset(ZoneOffset.UTC))
                .query(Reconciliation::mapOrder)
                .list();
    }

    private static @Nullable UUID metadataOrder(ProviderPayment payment) {
        try {
            String id = payment.metadata().get("orderId");
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean paid(String status) {
        return status.equals("PAID") || status.equals("PARTIALLY_REFUNDED") || status.equals("REFUNDED");
    }

    // ---- reading

    PageResponse<Run> page(boolean differencesOnly, PageQuery page) {
        String where = "tenant_id = :t" + (differencesOnly ? " AND differences > 0" : "");
        List<UUID> ids = jdbc.sql("SELECT id FROM reconciliation_runs WHERE " + where
                        + " ORDER BY started_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .param("t", tenant())
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(UUID.class)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM reconciliation_runs WHERE " + where)
                .param("t", tenant())
                .query(Long.class)
                .single();
        return PageResponse.of(
                ids.stream().map(id -> find(id, 100).orElseThrow()).toList(), page, total);
    }

    Optional<Run> find(UUID runId, int maxDifferences) {
        List<Difference> differences = jdbc.sql("""
                        SELECT * FROM reconciliation_differences WHERE tenant_id = :t AND run_id = :r
                        ORDER BY kind, id LIMIT :limit
                        """)
                .param("t", tenant())
                .param("r", runId)
                .param("limit", maxDifferences)
                .query((rs, n) -> new Difference(
                        Kind.valueOf(rs.getString("kind")),
                        rs.getObject("order_id", UUID.class),
                        rs.getString("provider_payment_id"),
                        rs.getString("currency"),
                        (Long) rs.getObject("ours"),
                        (Long) rs.getObject("theirs"),
                        rs.getString("detail")))
                .list();
        return jdbc.sql("SELECT * FROM reconciliation_runs WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", runId)
                .query((rs, n) -> new Run(
                        rs.getObject("id", UUID.class),
                        rs.getString("trigger"),
                        rs.getObject("requested_by", UUID.class),
                        io.lyceum.platform.SqlValues.requiredInstant(rs, "window_from"),
                        io.lyceum.platform.SqlValues.requiredInstant(rs, "window_to"),
                        rs.getInt("provider_payments"),
                        rs.getInt("paid_orders"),
                        rs.getInt("differences"),
                        io.lyceum.platform.SqlValues.requiredInstant(rs, "started_at"),
                        io.lyceum.platform.SqlValues.requiredInstant(rs, "finished_at"),
                        differences))
                .optional();
    }

    private static PaidOrder mapOrder(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new PaidOrder(
                rs.getObject("id", UUID.class),
                rs.getString("provider_payment_id"),
                rs.getLong("amount"),
                rs.getLong("refunded_amount"),
                rs.getString("currency"),
                rs.getString("status"));
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
