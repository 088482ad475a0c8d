package io.lyceum.mail;

import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
    public void email(String to, String subject, String body, List<Attachment> attachments) {
        UUID message = store("EMAIL", to, subject, body);
        for (int i = 0; i < attachments.size(); i++) {
            Attachment attachment = attachments.get(i);
            jdbc.sql("""
                    INSERT INTO outbox_attachments (id, tenant_id, message_id, position, filename, content_type, content)
                    VALUES (:id, :tenant, :message, :position, :filename, :type, :content)
                    """)
                    .param("id", Ids.newId())
                    .param("tenant", TenantContext.require().value())
                    .param("message", message)
                    .param("position", i)
                    .param("filename", attachment.filename())
                    .param("type", attachment.contentType())
                    .param("content", attachment.content())
                    .update();
        }
    }

    @Override
    public void sms(String toE164, String body) {
        store("SMS", toE164, null, body);
    }

    private UUID store(String channel, String recipient, @Nullable String subject, String body) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO outbox_messages (id, tenant_id, channel, recipient, subject, body, created_at)
                VALUES (:id, :tenant, :channel, :recipient, :subject, :body, :now)
                """)
                .param("id", id)
                .param("tenant", TenantContext.require().value())
                .param("channel", channel)
                .param("recipient", recipient)
                .param("subject", subject)
                .param("body", body)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return id;
    }
}
