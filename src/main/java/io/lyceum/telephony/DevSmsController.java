package io.lyceum.telephony;

import io.lyceum.platform.DevelopmentInbox;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Development mode only ({@code lyceum.dev.outbox-enabled}): what the telephony sandboxes "sent", the text of each
 * SMS and the script of each call, with the outcome the handset saw. Guarded like the email outbox: callers on this
 * machine (loopback) or an owner's access token; anyone else gets 403 {@code outbox.local_only}.
 */
@RestController
@ConditionalOnBooleanProperty("lyceum.dev.outbox-enabled")
@Tag(name = "Development")
class DevSmsController {

    private final JdbcClient jdbc;

    DevSmsController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A message or call as the sandbox provider handled it. */
    record SandboxMessage(
            String sid,
            String kind,
            String to,
            String from,
            String body,
            String status,
            String errorCode,
            Instant createdAt) {}

    @GetMapping("/api/v1/dev/sms")
    @Operation(
            summary = "SMS and calls the telephony sandboxes handled (development mode only)",
            description = "Newest first; filter by the recipient's number (E.164). `kind` is SMS (body = the text) or "
                    + "CALL (body = the script spoken); `status` is what the handset saw (delivered, undelivered; "
                    + "for calls Vapi's endedReason). Numbers the sandbox refused (Twilio's magic numbers) are not "
                    + "listed: nothing was sent. Answers only callers on the server's own machine (loopback) or an "
                    + "owner's access token: anyone else gets 403 `outbox.local_only`.")
    PageResponse<SandboxMessage> messages(
            @RequestParam(required = false) String to, PageQuery query, HttpServletRequest request) {
        DevelopmentInbox.requireLocalOrOwner(request);
        String filter = to == null || to.isBlank() ? null : to.trim();
        long total = jdbc.sql(
                        "SELECT count(*) FROM telephony_sandbox_messages WHERE (:to::text IS NULL OR to_number = :to)")
                .param("to", filter)
                .query(Long.class)
                .single();
        var content = jdbc.sql("""
                        SELECT sid, kind, to_number, from_number, body, status, error_code, created_at
                          FROM telephony_sandbox_messages WHERE (:to::text IS NULL OR to_number = :to)
                         ORDER BY created_at DESC, sid DESC LIMIT :limit OFFSET :offset
                        """)
                .param("to", filter)
                .param("limit", query.size())
                .param("offset", query.offset())
                .query((rs, n) -> new SandboxMessage(
                        rs.getString("sid"),
                        rs.getString("kind"),
                        rs.getString("to_number"),
                        rs.getString("from_number"),
                        rs.getString("body"),
                        rs.getString("status"),
                        rs.getString("error_code"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
        return PageResponse.of(content, query, total);
    }
}
