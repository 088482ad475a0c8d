package io.lyceum.messaging;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.messaging.ConversationStore.Thread;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/messages")
@Tag(name = "Messaging")
class MessagingController {

    private final Messaging messaging;
    private final Attachments attachments;
    private final Moderation moderation;
    private final ConversationStore conversations;
    private final JsonMapper json;
    private final Clock clock;

    MessagingController(
            Messaging messaging,
            Attachments attachments,
            Moderation moderation,
            ConversationStore conversations,
            JsonMapper json,
            Clock clock) {
        this.messaging = messaging;
        this.attachments = attachments;
        this.moderation = moderation;
        this.conversations = conversations;
        this.json = json;
        this.clock = clock;
    }

    record SendRequest(
            @Nullable UUID conversationId,
            @Nullable UUID recipientId,
            @Nullable String type,
            @Nullable String body,
            @Nullable UUID replyTo,
            @Nullable String clientId,
            @Nullable String severity,
            @Size(max = 40) @Nullable String resolutionType,
            @Nullable UUID complaintId) {}

    record SentView(MessageView message, @Nullable String notice) {}

    record ConversationView(
            UUID id,
            String type,
            UUID participantA,
            UUID participantB,
            String status,
            String openedBy,
            long lastSeq,
            @Nullable Instant lastMessageAt,
            @Nullable String lastMessagePreview,
            Instant createdAt) {

        static ConversationView of(Conversation c) {
            return new ConversationView(
                    c.id(),
                    c.type().name(),
                    c.participantA(),
                    c.participantB(),
                    c.status(),
                    c.openedBy(),
                    c.lastSeq(),
                    c.lastMessageAt(),
                    c.lastMessagePreview(),
                    c.createdAt());
        }
    }

    record ThreadView(ConversationView conversation, long lastReadSeq, long unreadCount) {

        static ThreadView of(Thread t) {
            return new ThreadView(ConversationView.of(t.conversation()), t.lastReadSeq(), t.unread());
        }
    }

    // Named apart: several modules have a HistoryView, and same-named records would share one schema.
    @Schema(name = "ConversationHistory")
    record HistoryView(
            ConversationView conversation,
            String access,
            boolean contactsMasked,
            List<MessageView> messages,
            @Nullable Long olderCursor,
            @Nullable Long newerCursor) {}

    record UnreadView(long unread, long conversations) {}

    record ReadView(UUID conversationId, long lastReadSeq) {}

    record EditRequest(@Nullable String body) {}

    record EditView(String previousBody, UUID editedBy, Instant editedAt) {}

    record ModerationRequest(
            @Nullable String action,
            @Nullable UUID userId,
            @Size(max = 1000) @Nullable String reason,
            @Nullable Integer duration) {}

    record SettingsView(boolean maskContactsUntilPaid, boolean guardiansReadMinors, boolean firstContactAllowed) {}

    record SettingsPatch(
            @Nullable Boolean maskContactsUntilPaid,
            @Nullable Boolean guardiansReadMinors,
            @Nullable Boolean firstContactAllowed) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Send a message",
            description = "Into a conversation (`conversationId`) or to a person (`recipientId`): an admin opens the "
                    + "admin–student notice channel or the admin–tutor conversation; a student or guardian opens a "
                    + "conversation with a tutor only when the tenant allows first contact (else 403 "
                    + "`conversation.first_contact_not_allowed`). `type` is `text` (default) or `warning` (admins, "
                    + "with `severity` info/warning/critical, optional `resolutionType`, `complaintId`). `replyTo` a "
                    + "message of the same conversation (422 `message.reply_not_found`); its preview is built here. "
                    + "`clientId` (≤ 64) is echoed to realtime clients. Errors: 404 `conversation.not_found`, 403 "
                    + "`message.read_only` (the student in a notice channel, guardians, admins reading), 403 "
                    + "`chat.blocked` / `chat.silenced`, 409 `conversation.closed`, 413 `message.too_large` (64 KiB), "
                    + "422 `message.empty`, 422 `message.type_not_allowed`, 429 `message.rate_limited` (30 a "
                    + "minute). Contact details between a student's side and a tutor are masked until their first "
                    + "paid lesson (tenant setting); `notice` then says why.")
    @ApiResponse(responseCode = "201", description = "Sent")
    SentView send(@AuthenticationPrincipal CurrentUser user, @RequestBody SendRequest request) {
        var sent = messaging.send(
                user,
                new Messaging.SendCommand(
                        request.conversationId(),
                        request.recipientId(),
                        enumOf(MessageType.class, request.type(), "type", MessageType.TEXT),
                        request.body(),
                        request.replyTo(),
                        request.clientId(),
                        enumOf(WarningSeverity.class, request.severity(), "severity", null),
                        request.resolutionType(),
                        request.complaintId()));
        return new SentView(MessageView.of(sent.message(), json), sent.notice());
    }

    @GetMapping("/threads")
    @Operation(
            summary = "My conversations",
            description = "Paged, latest message first, each with the caller's unread count and read mark. A "
                    + "guardian also sees the linked students' conversations with tutors (tenant safeguarding "
                    + "setting, on by default).")
    PageResponse<ThreadView> threads(@AuthenticationPrincipal CurrentUser user, PageQuery query) {
        return messaging.threads(user, query.requireSortable(Set.of())).map(ThreadView::of);
    }

    @GetMapping("/threads/{conversationId}")
    @Operation(
            summary = "A conversation's messages",
            description = "Cursor-paged, newest first: `before` a sequence pages back (`olderCursor`), `after` a "
                    + "sequence pages forward (`newerCursor`); `limit` 1–100 (default 50). Participants and, for "
                    + "student–tutor conversations, linked guardians read; an admin who is not a participant must "
                    + "give `accessReason`, recorded in the moderation log (else 403 "
                    + "`conversation.audited_access_required`). Others: 404 `conversation.not_found`.")
    HistoryView history(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID conversationId,
            @RequestParam(required = false) @Nullable Long before,
            @RequestParam(required = false) @Nullable Long after,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String accessReason) {
        Conversation c = messaging.conversation(conversationId);
        Access access = messaging.access(user, c, accessReason);
        var page = messaging.history(c, before, after, limit);
        return new HistoryView(
                ConversationView.of(messaging.conversation(conversationId)),
                access.role(),
                messaging.mustMask(c),
                page.messages().stream().map(m -> MessageView.of(m, json)).toList(),
                page.olderCursor(),
                page.newerCursor());
    }

    @GetMapping("/search")
    @Operation(
            summary = "Search my messages",
            description = "Full text (`q`, 1–200 characters; words, \"phrases\", -exclusions) over the conversations "
                    + "the caller takes part in (and a guardian's linked students'), best match first, paged.")
    PageResponse<MessageView> search(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) @Nullable String q,
            PageQuery query) {
        return messaging.search(user, q, query.requireSortable(Set.of())).map(m -> MessageView.of(m, json));
    }

    @GetMapping("/unread/count")
    @Operation(summary = "Unread messages", description = "Over the caller's own conversations.")
    UnreadView unread(@AuthenticationPrincipal CurrentUser user) {
        long[] counts = conversations.unread(user.userId().value());
        return new UnreadView(counts[0], counts[1]);
    }

    @PatchMapping("/{id}/read")
    @Operation(
            summary = "Mark read up to a message",
            description = "The caller's read mark moves forward to this message (never back); the room hears a "
                    + "read receipt. Participants and linked guardians; others 404 `message.not_found`.")
    ReadView read(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        long mark = messaging.markMessageRead(user, id);
        return new ReadView(messaging.messageConversation(id), mark);
    }

    @PatchMapping("/threads/{conversationId}/read-all")
    @Operation(
            summary = "Mark a whole conversation read",
            description = "As mark read, up to the latest message. Participants and linked guardians; others 404 "
                    + "`conversation.not_found`.")
    ReadView readAll(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID conversationId) {
        return new ReadView(conversationId, messaging.markAllRead(user, conversationId));
    }

    @PatchMapping("/{id}")
    @Operation(
            summary = "Edit my message",
            description = "The sender, within 15 minutes of sending (409 `message.edit_window_closed`), text and "
                    + "warning messages only (409 `message.not_editable`), not deleted ones (409 `message.deleted`). "
                    + "The replaced text is kept in the edit history. Other participants: 403 `message.not_sender`.")
    SentView edit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody EditRequest request) {

        var sent = messaging.edit(user, id, request == null ? null : request.body());
        return new SentView(MessageView.of(sent.message(), json), sent.notice());
    }

    @GetMapping("/{id}/edits")
    @Operation(
            summary = "A message's edit history",
            description = "Oldest first, paged; readers of the conversation (an admin outside it with `accessReason`, "
                    + "else 403 `conversation.audited_access_required`); others 404 `message.not_found`.")
    PageResponse<EditView> edits(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String accessReason,
            PageQuery query) {
        return messaging
                .edits(user, id, accessReason, query.requireSortable(Set.of()))
                .map(e -> new EditView(e.previousBody(), e.editedBy(), e.editedAt()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Delete a message",
            description = "Soft: it keeps its place, without text. The sender, or an admin (logged). Other "
                    + "participants: 403 `message.not_sender`; others 404. Deleting twice is fine.")
    void delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        messaging.delete(user, id);
    }

    @PostMapping(value = "/with-attachment", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Send a file",
            description = "Multipart: `conversationId`, `file`, optional `caption` and `clientId`. Images (PNG, JPEG, "
                    + "WebP, GIF) become image messages, PDFs and plain text document messages; the type is "
                    + "recognised from the content (422 `attachment.unsupported_type`), at most 10 MB (413 "
                    + "`attachment.too_large`). The same rules as sending a message apply.")
    SentView sendWithAttachment(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) @Nullable UUID conversationId,
            @RequestPart(name = "file", required = false) @Nullable MultipartFile file,
            @RequestParam(required = false) @Nullable String caption,
            @RequestParam(required = false) @Nullable String clientId) {
        if (conversationId == null || file == null) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "Send conversationId and the multipart field file.",
                    List.of(new FieldError(conversationId == null ? "conversationId" : "file", "is required")));
        }
        if (clientId != null && clientId.length() > 64) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "clientId is at most 64 characters.",
                    List.of(new FieldError("clientId", "at most 64 characters")));
        }
        try (InputStream content = file.getInputStream()) {
            var sent = attachments.send(
                    user, conversationId, file.getOriginalFilename(), file.getSize(), content, caption, clientId);
            return new SentView(MessageView.of(sent.message(), json), sent.notice());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/attachments/{id}/download")
    @Operation(
            summary = "Download an attachment",
            description = "The conversation's participants and linked guardians; anyone else 404 "
                    + "`attachment.not_found`, also once its message was deleted.")
    ResponseEntity<InputStreamResource> download(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        var download = attachments.download(user, id);
        var a = download.attachment();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(a.contentType()))
                .contentLength(download.content().size())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(a.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(download.content().stream()));
    }

    @PostMapping("/threads/{conversationId}/moderation")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Moderate a conversation",
            description = "ADMIN. `action` block (cannot join or write), silence (cannot write), unblock, unsilence "
                    + "(422 `moderation.invalid_action`) for a participant `userId` (422 "
                    + "`moderation.target_not_member`), `duration` in seconds, 0 = permanent (422 "
                    + "`moderation.invalid_duration`). Lifting what is not in force: 409 `moderation.not_restricted`. "
                    + "Logged; the user's sockets hear of it. The same commands exist as WebSocket frames. An unknown "
                    + "conversation: 404 `conversation.not_found`.")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void moderate(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID conversationId,
            @RequestBody ModerationRequest request) {
        moderation.apply(
                user,
                conversationId,
                Moderation.Command.parse(request.action() == null ? "" : request.action()),
                request.userId(),
                request.reason(),
                request.duration());
    }

    @GetMapping("/moderation-log")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "The chat moderation log",
            description = "ADMIN. Blocks, silences, their lifting, admins' deletions of others' messages and every "
                    + "audited admin read, newest first; optionally of one `conversationId`.")
    PageResponse<MessageStore.LogEntry> moderationLog(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) @Nullable UUID conversationId,
            PageQuery query) {
        return moderation.log(user, conversationId, query.requireSortable(Set.of()));
    }

    @PatchMapping("/threads/{conversationId}/close")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Close a conversation",
            description = "ADMIN. A closed conversation stays readable and takes no new messages (409 "
                    + "`conversation.closed`). An unknown conversation: 404 `conversation.not_found`.")
    ConversationView close(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID conversationId) {
        messaging.conversation(conversationId);
        conversations.setStatus(conversationId, Conversation.CLOSED);
        return ConversationView.of(messaging.conversation(conversationId));
    }

    @GetMapping("/settings")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "The tenant's messaging settings", description = "ADMIN.")
    SettingsView settings() {
        var s = conversations.settings();
        return new SettingsView(s.maskContactsUntilPaid(), s.guardiansReadMinors(), s.firstContactAllowed());
    }

    @PatchMapping("/settings")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Change the tenant's messaging settings",
            description = "ADMIN. `maskContactsUntilPaid` (default true), `guardiansReadMinors` (default true), "
                    + "`firstContactAllowed` (default false); fields left out stay.")
    SettingsView updateSettings(@RequestBody SettingsPatch patch) {
        var s = conversations.settings();
        var updated = new MessagingSettings(
                patch.maskContactsUntilPaid() == null ? s.maskContactsUntilPaid() : patch.maskContactsUntilPaid(),
                patch.guardiansReadMinors() == null ? s.guardiansReadMinors() : patch.guardiansReadMinors(),
                patch.firstContactAllowed() == null ? s.firstContactAllowed() : patch.firstContactAllowed());
        conversations.saveSettings(updated, clock.instant());
        return new SettingsView(
                updated.maskContactsUntilPaid(), updated.guardiansReadMinors(), updated.firstContactAllowed());
    }

    private static <E extends Enum<E>> @Nullable E enumOf(
            Class<E> type, @Nullable String value, String field, @Nullable E fallback) {

        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "Unknown " + field + ": " + value,
                    List.of(new FieldError(
                            field,
                            "one of "
                                    + List.of(type.getEnumConstants()).stream()
                                            .map(c -> c.name().toLowerCase(Locale.ROOT))
                                            .toList())));
        }
    }
}
