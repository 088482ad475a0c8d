package io.lyceum.telephony;

import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Webhook requests already accepted, one row each: recorded in the transaction of the request's effects, so a replay
 * of the same request (an attacker resending a captured one, or a provider's retry of one we applied) is refused
 * with 409 {@code webhook.replayed} and changes nothing.
 */
@Repository
class WebhookReceipts {

    private final JdbcClient jdbc;
    private final Clock clock;

    WebhookReceipts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the receipt or throws 409 {@code webhook.replayed} when this request was accepted before. */
    void recordOrRefuse(String provider, String key) {
        int recorded = jdbc.sql("""
                        INSERT INTO telephony_webhook_receipts (provider, receipt_key, tenant_id, received_at)
                        VALUES (:provider, :key, :t, :now) ON CONFLICT (provider, receipt_key) DO NOTHING
                        """)
                .param("provider", provider)
                .param("key", key.length() > 500 ? key.substring(0, 500) : key)
                .param("t", TenantContext.require().value())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        if (recorded == 0) {
            throw replayed();
        }
    }

    static LyceumException replayed() {
        return new LyceumException(
                ErrorKind.CONFLICT,
                "webhook.replayed",
                "This webhook request was received before; it is not applied twice.");
    }
}
