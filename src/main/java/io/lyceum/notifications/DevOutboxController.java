package io.lyceum.notifications;

import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Development mode only ({@code lyceum.dev.outbox-enabled}, on with the embedded database): read the emails and SMS
 * Lyceum would have sent, so a newcomer can verify an account without a mail server.
 */
@RestController
@ConditionalOnBooleanProperty("lyceum.dev.outbox-enabled")
@Tag(name = "Development")
class DevOutboxController {

    private final JdbcClient jdbc;

    DevOutboxController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/v1/dev/outbox")
    @Operation(
            summary = "Messages in the outbox (development mode only)",
            description = "Newest first; filter by recipient email address or phone number. Disabled in production.")
    PageResponse<OutboxMessage> outbox(@RequestParam(required = false) String recipient, PageQuery query) {
        String filter = recipient == null ? null : recipient.trim().toLowerCase(Locale.ROOT);
        long total = jdbc.sql("SELECT count(*) FROM outbox_messages WHERE (:r::text IS NULL OR lower(recipient) = :r)")
                .param("r", filter)
                .query(Long.class)
                .single();
        var content = jdbc.sql("""
                SELECT id, channel, recipient, subject, body, created_at FROM outbox_messages
                 WHERE (:r::text IS NULL OR lower(recipient) = :r)
                 ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset
                """)
                .param("r", filter)
                .param("limit", query.size())
                .param("offset", query.offset())
                .query((rs, row) -> new OutboxMessage(
                        rs.getObject("id", UUID.class),
                        rs.getString("channel"),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
        return PageResponse.of(content, query, total);
    }

    record OutboxMessage(UUID id, String channel, String recipient, String subject, String body, Instant createdAt) {}
}
