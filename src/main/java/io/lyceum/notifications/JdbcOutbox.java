package io.lyceum.notifications;

import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcOutbox implements Outbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcOutbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void email(String to, String subject, String body) {
        store("EMAIL", to, subject, body);
    }

    @Override
    public void sms(String toE164, String body) {
        store("SMS", toE164, null, body);
    }

    private void store(String channel, String recipient, String subject, String body) {
        jdbc.sql("""
                INSERT INTO outbox_messages (id, tenant_id, channel, recipient, subject, body, created_at)
                VALUES (:id, :tenant, :channel, :recipient, :subject, :body, :now)
                """)
                .param("id", Ids.newId())
                .param("tenant", TenantContext.require().value())
                .param("channel", channel)
                .param("recipient", recipient)
                .param("subject", subject)
                .param("body", body)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }
}
