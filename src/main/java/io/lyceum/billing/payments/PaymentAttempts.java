package io.lyceum.billing.payments;

import io.lyceum.billing.provider.PaymentProvider.ProviderPayment;
import io.lyceum.billing.provider.PaymentProvider.ProviderPaymentStatus;
import io.lyceum.shared.Ids;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Attempts to take an order's money at the provider, one row per payment intent. Checkout records an attempt as
 * {@link AttemptStatus#STARTED} with its idempotency key and commits before it asks the provider, so the row exists
 * whatever happens to the request afterwards. A status only moves forward (see {@link #rank}), so the provider's
 * answer, webhooks and the recovery job, arriving in any order, leave the attempt in its latest state.
 */
@Repository
class PaymentAttempts {

    /**
     * An attempt's state: the provider's intent statuses plus three of ours for the time before the provider's answer.
     */
    enum AttemptStatus {
        /** Recorded and being asked of the provider; live (no second attempt may start). */
        STARTED,
        /** The provider could not be reached: it may or may not have made the intent; not live. */
        UNKNOWN,
        /** The provider made no intent for this attempt (it refused the request, or none was found later). */
        ABANDONED,
        REQUIRES_PAYMENT_METHOD,
        REQUIRES_ACTION,
        PROCESSING,
        SUCCEEDED,
        CANCELED;

        static AttemptStatus of(ProviderPaymentStatus status) {
            return switch (status) {
                case REQUIRES_PAYMENT_METHOD -> REQUIRES_PAYMENT_METHOD;
                case REQUIRES_ACTION -> REQUIRES_ACTION;
                case PROCESSING -> PROCESSING;
                case SUCCEEDED -> SUCCEEDED;
                case CANCELED -> CANCELED;
            };
        }
    }

    record Attempt(
            UUID id,
            UUID orderId,
            String provider,
            @Nullable String providerPaymentId,
            AttemptStatus status,
            @Nullable String nextActionUrl,
            @Nullable String failureCode,
            @Nullable String failureMessage,
            @Nullable String idempotencyKey,
            Money amount,
            @Nullable String paymentMethodId,
            Instant createdAt) {}

    private final JdbcClient jdbc;

    PaymentAttempts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How far along an attempt's life a status is; a later event never moves an attempt back. */
    static int rank(AttemptStatus status) {
        return switch (status) {
            case STARTED, UNKNOWN, ABANDONED -> 0;
            case REQUIRES_ACTION -> 1;
            case PROCESSING -> 2;
            case REQUIRES_PAYMENT_METHOD, CANCELED -> 3;
            case SUCCEEDED -> 4;
        };
    }

    int count(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM payment_attempts WHERE tenant_id = :t AND order_id = :o")
                .param("t", tenant())
                .param("o", orderId)
                .query(Integer.class)
                .single();
    }

    Optional<Attempt> find(UUID id) {
        return jdbc.sql("SELECT * FROM payment_attempts WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .query(PaymentAttempts::map)
                .optional();
    }

    /** The order's attempt that is started, under way or succeeded, if any. */
    Optional<Attempt> live(UUID orderId) {
        return jdbc.sql("""
                        SELECT * FROM payment_attempts WHERE tenant_id = :t AND order_id = :o
                          AND status IN ('STARTED', 'REQUIRES_ACTION', 'PROCESSING', 'SUCCEEDED')
                        """)
                .param("t", tenant())
                .param("o", orderId)
                .query(PaymentAttempts::map)
                .optional();
    }

    /** The most recent attempt of the order. */
    Optional<Attempt> latest(UUID orderId) {
        return jdbc.sql("SELECT * FROM payment_attempts WHERE tenant_id = :t AND order_id = :o"
                        + " ORDER BY created_at DESC, id DESC LIMIT 1")
                .param("t", tenant())
                .param("o", orderId)
                .query(PaymentAttempts::map)
                .optional();
    }

    /**
     * Records a new attempt as {@code STARTED} before the provider is asked. Returns empty when the order already has
     * a live attempt (the partial unique index decides, whichever instance asks).
     */
    Optional<Attempt> start(
            UUID orderId, String provider, String idempotencyKey, Money amount, String paymentMethodId, Instant at) {
        UUID id = Ids.newId();
        int inserted = jdbc.sql("""
                        INSERT INTO payment_attempts (id, tenant_id, order_id, provider, status, amount, currency,
                                                      payment_method_id, idempotency_key, created_at, updated_at)
                        VALUES (:id, :t, :o, :p, 'STARTED', :amount, :currency, :pm, :key, :at, :at)
                        ON CONFLICT DO NOTHING
                        """)
                .param("id", id)
                .param("t", tenant())
                .param("o", orderId)
                .param("p", provider)
                .param("amount", amount.amount())
                .param("currency", amount.currencyCode())
                .param("pm", paymentMethodId)
                .param("key", idempotencyKey)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
        if (inserted == 0) {
            return Optional.empty();
        }
        return Optional.of(new Attempt(
                id,
                orderId,
                provider,
                null,
                AttemptStatus.STARTED,
                null,
                null,
                null,
                idempotencyKey,
                amount,
                paymentMethodId,
                at));
    }

    /**
     * Closes an attempt the provider gave no intent for: {@code UNKNOWN} when it could not be reached (the recovery
     * job finds out), {@code ABANDONED} when it refused. Only an attempt still without an intent changes.
     */
    void close(
            UUID attemptId,
            AttemptStatus status,
            @Nullable String failureCode,
            @Nullable String failureMessage,
            Instant at) {
        jdbc.sql("""
                        UPDATE payment_attempts SET status = :s, failure_code = :code, failure_message = :message,
                               updated_at = :at
                        WHERE tenant_id = :t AND id = :id AND provider_payment_id IS NULL
                          AND status IN ('STARTED', 'UNKNOWN')
                        """)
                .param("s", status.name())
                .param("code", failureCode)
                .param("message", failureMessage)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("t", tenant())
                .param("id", attemptId)
                .update();
    }

    /**
     * The tenants where the recovery job has something to ask the provider about: an attempt as {@link #open} finds
     * it, or a refund or withdrawal never answered since before {@code startedBefore} (as {@code Refunds.unanswered}
     * and {@code Withdrawals.unanswered} find them). Across tenants, through a SECURITY DEFINER lookup that returns only
     * tenant ids.
     */
    List<TenantId> tenantsWithOpenProviderCalls(Instant startedBefore, Instant underWayBefore) {
        return jdbc.sql("SELECT billing_tenants_with_open_provider_calls(:started, :underway)")
                .param("started", startedBefore.atOffset(ZoneOffset.UTC))
                .param("underway", underWayBefore.atOffset(ZoneOffset.UTC))
                .query((rs, row) -> new TenantId(rs.getObject(1, UUID.class)))
                .list();
    }

    /**
     * Attempts whose outcome is not known yet and that nobody has touched since {@code before}, oldest first: started
     * or unknown ones (the provider's answer never arrived) and intents still waiting for the cardholder or the bank
     * whose news may have been lost.
     */
    List<Attempt> open(Instant startedBefore, Instant underWayBefore, int limit) {
        return jdbc.sql("""
                        SELECT * FROM payment_attempts
                        WHERE tenant_id = :t
                          AND ((status IN ('STARTED', 'UNKNOWN') AND updated_at < :started)
                               OR (status IN ('REQUIRES_ACTION', 'PROCESSING') AND updated_at < :underway))
                        ORDER BY updated_at LIMIT :limit
                        """)
                .param("t", tenant())
                .param("started", startedBefore.atOffset(ZoneOffset.UTC))
                .param("underway", underWayBefore.atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .query(PaymentAttempts::map)
                .list();
    }

    /** Marks an attempt as looked at, so the recovery job does not ask about it again at once. */
    void touch(UUID attemptId, Instant at) {
        jdbc.sql("UPDATE payment_attempts SET updated_at = :at WHERE tenant_id = :t AND id = :id")
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("t", tenant())
                .param("id", attemptId)
                .update();
    }

    /**
     * Records the intent's state: completes the attempt it was made for (named by the intent's {@code attemptId}
     * metadata) if that one has no intent yet, inserts the attempt if it is new (a webhook or the recovery job may be
     * the first news of an intent), else moves its status forward. Returns the attempt as stored. The caller holds
     * the order's row lock, so the check that no other attempt of the order is live holds until it commits.
     */
    Attempt upsert(UUID orderId, String provider, ProviderPayment payment, Instant at) {
        AttemptStatus status = AttemptStatus.of(payment.status());
        Optional<Attempt> existing = lockIfPresent(provider, payment.id());
        if (existing.isEmpty()) {
            UUID attemptId = attemptIdOf(payment);
            if (attemptId != null) {
                int claimed = jdbc.sql("""
                                UPDATE payment_attempts SET provider_payment_id = :pid, status = :status,
                                       next_action_url = :next, failure_code = :fcode, failure_message = :fmsg,
                                       updated_at = :at
                                WHERE tenant_id = :t AND id = :id AND order_id = :o AND provider = :p
                                  AND provider_payment_id IS NULL
                                  AND (:status NOT IN ('REQUIRES_ACTION', 'PROCESSING', 'SUCCEEDED')
                                       OR NOT EXISTS (SELECT 1 FROM payment_attempts l
                                                      WHERE l.tenant_id = :t AND l.order_id = :o AND l.id <> :id
                                                        AND l.status IN ('STARTED', 'REQUIRES_ACTION', 'PROCESSING',
                                                                         'SUCCEEDED')))
                                """)
                        .param("pid", payment.id())
                        .param("status", status.name())
                        .param("next", payment.nextActionUrl())
                        .param("fcode", payment.failureCode())
                        .param("fmsg", payment.failureMessage())
                        .param("at", at.atOffset(ZoneOffset.UTC))
                        .param("t", tenant())
                        .param("id", attemptId)
                        .param("o", orderId)
                        .param("p", provider)
                        .update();
                if (claimed == 1) {
                    return lock(provider, payment.id());
                }
            }
            UUID newId = Ids.newId();
            jdbc.sql("""
                            INSERT INTO payment_attempts (id, tenant_id, order_id, provider, provider_payment_id,
                                                          status, amount, currency, payment_method_id,
                                                          next_action_url, failure_code, failure_message, created_at,
                                                          updated_at)
                            VALUES (:id, :t, :o, :p, :pid, :status, :amount, :currency, :pm, :next, :fcode, :fmsg,
                                    :at, :at)
                            ON CONFLICT DO NOTHING
                            """)
                    .param("id", newId)
                    .param("t", tenant())
                    .param("o", orderId)
                    .param("p", provider)
                    .param("pid", payment.id())
                    .param("status", status.name())
                    .param("amount", payment.amount().amount())
                    .param("currency", payment.amount().currencyCode())
                    .param("pm", payment.paymentMethodId())
                    .param("next", payment.nextActionUrl())
                    .param("fcode", payment.failureCode())
                    .param("fmsg", payment.failureMessage())
                    .param("at", at.atOffset(ZoneOffset.UTC))
                    .update();
            existing = lockIfPresent(provider, payment.id());
            if (existing.isEmpty()) {
                // refused by "one live or succeeded attempt per order": a second payment for an order that already
                // has one (only a crash between the provider and us can make it); the caller refunds it, nothing is
                // stored: the attempt as the refused insert would have stored it
                return new Attempt(
                        newId,
                        orderId,
                        provider,
                        payment.id(),
                        status,
                        payment.nextActionUrl(),
                        payment.failureCode(),
                        payment.failureMessage(),
                        null,
                        payment.amount(),
                        payment.paymentMethodId(),
                        at);
            }
            return existing.get();
        }
        Attempt stored = existing.get();
        if (rank(status) > rank(stored.status())) {
            jdbc.sql("""
                            UPDATE payment_attempts SET status = :status, next_action_url = :next,
                                   failure_code = :fcode, failure_message = :fmsg, updated_at = :at
                            WHERE tenant_id = :t AND id = :id
                            """)
                    .param("t", tenant())
                    .param("id", stored.id())
                    .param("status", status.name())
                    .param("next", payment.nextActionUrl())
                    .param("fcode", payment.failureCode())
                    .param("fmsg", payment.failureMessage())
                    .param("at", at.atOffset(ZoneOffset.UTC))
                    .update();
            return lock(provider, payment.id());
        }
        return stored;
    }

    private static @Nullable UUID attemptIdOf(ProviderPayment payment) {
        String value = payment.metadata() == null ? null : payment.metadata().get("attemptId");
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Attempt lock(String provider, String providerPaymentId) {
        return lockIfPresent(provider, providerPaymentId).orElseThrow();
    }

    private Optional<Attempt> lockIfPresent(String provider, String providerPaymentId) {
        return jdbc.sql("SELECT * FROM payment_attempts WHERE tenant_id = :t AND provider = :p"
                        + " AND provider_payment_id = :pid FOR UPDATE")
                .param("t", tenant())
                .param("p", provider)
                .param("pid", providerPaymentId)
                .query(PaymentAttempts::map)
                .optional();
    }

    private static Attempt map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Attempt(
                rs.getObject("id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getString("provider"),
                rs.getString("provider_payment_id"),
                AttemptStatus.valueOf(rs.getString("status")),
                rs.getString("next_action_url"),
                rs.getString("failure_code"),
                rs.getString("failure_message"),
                rs.getString("idempotency_key"),
                Money.of(rs.getLong("amount"), rs.getString("currency")),
                rs.getString("payment_method_id"),
                io.lyceum.platform.SqlValues.requiredInstant(rs, "created_at"));
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
