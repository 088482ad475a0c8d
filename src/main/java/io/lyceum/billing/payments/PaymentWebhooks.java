package io.lyceum.billing.payments;

import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.provider.PaymentProvider.ProviderEvent;
import io.lyceum.billing.provider.ProviderEventHandler;
import io.lyceum.billing.provider.ProviderException;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.Tenant;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Incoming provider webhooks: the signature is checked before the body is parsed, the tenant comes from the object's
 * metadata, each event id is recorded once and every {@link ProviderEventHandler} runs in the same transaction as that
 * record, so an event's effects and the fact that it was processed commit together or not at all.
 */
@Service
class PaymentWebhooks {

    private static final Logger log = LoggerFactory.getLogger(PaymentWebhooks.class);
    /** A handler that cannot act yet (its object is not committed on our side) asks for redelivery this long. */
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(1);

    enum Outcome {
        PROCESSED,
        DUPLICATE,
        IGNORED
    }

    /** A handler found the event ahead of the record it concerns; the provider should deliver it again later. */
    static final class RetryLater extends RuntimeException {
        RetryLater(String message) {
            super(message, null, false, false);
        }
    }

    private final PaymentProvider provider;
    private final List<ProviderEventHandler> handlers;
    private final JdbcClient jdbc;
    private final TenancyApi tenancy;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PaymentWebhooks(
            PaymentProvider provider,
            List<ProviderEventHandler> handlers,
            JdbcClient jdbc,
            TenancyApi tenancy,
            TransactionTemplate transactions,
            Clock clock) {
        this.tenancy = tenancy;
        this.provider = provider;
        this.handlers = handlers;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    Outcome receive(String payload, String signature) {
        ProviderEvent event;
        try {
            event = provider.parseWebhook(payload, signature);
        } catch (ProviderException e) {
            if ("webhook.invalid_signature".equals(e.code())) {
                throw new LyceumException(
                        ErrorKind.UNAUTHORIZED, e.code(), "The webhook signature is invalid or stale.");
            }
            throw new LyceumException(ErrorKind.BAD_REQUEST, e.code(), e.getMessage());
        }
        TenantId tenant = tenantOf(event);
        if (tenant == null) {
            log.info("Webhook {} ({}) names no tenant of ours; acknowledged and ignored", event.id(), event.type());
            return Outcome.IGNORED;
        }
        try {
            return TenantContext.callAs(tenant, () -> transactions.execute(tx -> process(event)));
        } catch (RetryLater e) {
            if (event.created().plus(GIVE_UP_AFTER).isBefore(clock.instant())) {
                log.warn(
                        "Webhook {} ({}) still cannot be applied ({}); acknowledged for reconciliation",
                        event.id(),
                        event.type(),
                        e.getMessage());
                return Outcome.IGNORED;
            }
            throw new LyceumException(ErrorKind.UNAVAILABLE, "webhook.retry_later", e.getMessage());
        }
    }

    private Outcome process(ProviderEvent event) {
        int recorded = jdbc.sql("""
                        INSERT INTO webhook_events (provider, event_id, tenant_id, type, object_id, created_at,
                                                    processed_at)
                        VALUES (:p, :id, :t, :type, :object, :created, :now)
                        ON CONFLICT (provider, event_id) DO NOTHING
                        """)
                .param("p", provider.name())
                .param("id", event.id())
                .param("t", TenantContext.require().value())
                .param("type", event.type())
                .param("object", objectId(event))
                .param("created", event.created().atOffset(ZoneOffset.UTC))
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        if (recorded == 0) {
            return Outcome.DUPLICATE;
        }
        for (ProviderEventHandler handler : handlers) {
            handler.handle(event);
        }
        return Outcome.PROCESSED;
    }

    private static @Nullable String objectId(ProviderEvent event) {
        if (event.payment() != null) {
            return event.payment().id();
        }
        if (event.refund() != null) {
            return event.refund().id();
        }
        return event.payout() == null ? null : event.payout().id();
    }

    /** The tenant named in the object's metadata, if it exists here. */
    private @Nullable TenantId tenantOf(ProviderEvent event) {
        String value = event.metadata().get("tenantId");
        if (value == null) {
            return null;
        }
        UUID id;
        try {
            id = UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return tenancy.findById(new TenantId(id)).map(Tenant::id).orElse(null);
    }
}
