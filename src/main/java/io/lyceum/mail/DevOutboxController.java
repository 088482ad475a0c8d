package io.lyceum.mail;

import io.lyceum.platform.DevelopmentInbox;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Development mode only ({@code lyceum.dev.outbox-enabled}, on with the embedded database): read the emails and SMS
 * Lyceum would have sent, so a newcomer can verify an account without a mail server. The outbox holds sign-in codes
 * and password-reset links, so it answers only a caller on this machine (a loopback address, as seen after any
 * trusted proxy) or one holding an owner's access token; anyone else gets 403 {@code outbox.local_only}.
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
            description = "Newest first; filter by recipient email address or phone number. Attachments (such as "
                    + "calendar invites) are listed with their content: as text for text types, else base64. "
                    + "Answers only callers on the server's own machine (loopback) or an owner's access token: anyone "
                    + "else gets 403 `outbox.local_only`. Off in production unless LYCEUM_DEV_OUTBOX=true.")
    PageResponse<OutboxMessage> outbox(
            @RequestParam(required = false) String recipient, PageQuery query, HttpServletRequest request) {
        DevelopmentInbox.requireLocalOrOwner(request);
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
                        rs.getTimestamp("created_at").toInstant(),
                        List.of()))
                .list();
        return PageResponse.of(withAttachments(content), query, total);
    }

    private List<OutboxMessage> withAttachments(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return messages;
        }
        Map<UUID, List<AttachmentView>> byMessage = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT message_id, filename, content_type, content FROM outbox_attachments
                         WHERE message_id IN (:ids) ORDER BY message_id, position
                        """)
                .param("ids", messages.stream().map(OutboxMessage::id).toList())
                .query(rs -> {
                    var attachment = new Attachment(
                            rs.getString("filename"), rs.getString("content_type"), rs.getBytes("content"));
                    byMessage
                            .computeIfAbsent(rs.getObject("message_id", UUID.class), id -> new ArrayList<>())
                            .add(AttachmentView.of(attachment));
                });
        return messages.stream()
                .map(m -> m.withAttachments(byMessage.getOrDefault(m.id(), List.of())))
                .toList();
    }

    record OutboxMessage(
            UUID id,
            String channel,
            String recipient,
            String subject,
            String body,
            Instant createdAt,
            List<AttachmentView> attachments) {

        OutboxMessage withAttachments(List<AttachmentView> list) {
            return new OutboxMessage(id, channel, recipient, subject, body, createdAt, List.copyOf(list));
        }
    }

    /** An attachment: {@code content} for text types, {@code contentBase64} for the others. */
    record AttachmentView(
            String filename,
            String contentType,
            int size,
            @Nullable String content,
            @Nullable String contentBase64) {

        static AttachmentView of(Attachment attachment) {
            byte[] bytes = attachment.content();
            return attachment.isText()
                    ? new AttachmentView(
                            attachment.filename(),
                            attachment.contentType(),
                            bytes.length,
                            new String(bytes, StandardCharsets.UTF_8),
                            null)
                    : new AttachmentView(
                            attachment.filename(),
                            attachment.contentType(),
                            bytes.length,
                            null,
                            Base64.getEncoder().encodeToString(bytes));
        }
    }
}
