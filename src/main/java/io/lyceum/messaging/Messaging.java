package io.lyceum.messaging;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.accounts.UserSummary;
import io.lyceum.messaging.ConversationStore.Thread;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.TooManyRequestsException;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversations and messages: who may read and write where, sending (with the guardrails, moderation and contact
 * masking), edits, soft deletes, read marks, search. Every change announces itself through {@link RoomFanout} in its
 * own transaction, so connected clients on every instance hear of it exactly when it is committed.
 */
@Service
class Messaging {

    static final int PREVIEW_LENGTH = 120;

    private final ConversationStore conversations;
    private final MessageStore messages;
    private final AccountsApi accounts;
    private final RoomFanout fanout;
    private final MessagingProperties properties;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    Messaging(
            ConversationStore conversations,
            MessageStore messages,
            AccountsApi accounts,
            RoomFanout fanout,
            MessagingProperties properties,
            TransactionTemplate transactions,
            JsonMapper json,
            Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.conversations = conversations;
        this.messages = messages;
        this.accounts = accounts;
        this.fanout = fanout;
        this.properties = properties;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    // ---- access

    static LyceumException conversationNotFound() {
        return LyceumException.notFound("conversation.not_found", "No such conversation.");
    }

    /**
     * How the caller may use a conversation. An admin who is not a participant must give a reason, and the read is
     * written to the moderation log; without one the answer is 403 {@code conversation.audited_access_required}.
     */
    Access access(CurrentUser caller, Conversation c, @Nullable String auditReason) {
        if (c.isParticipant(caller.userId().value())) {
            return c.type().bOnlyReads()
                            && c.participantB().equals(caller.userId().value())
                    ? Access.VIEWER
                    : Access.MEMBER;
        }
        if (caller.role() == Role.GUARDIAN
                && c.type() == ConversationType.STUDENT_TUTOR
                && conversations.settings().guardiansReadMinors()
                && accounts.mayActFor(caller.userId(), UserId.of(c.participantA()))) {
            return Access.GUARDIAN;
        }
        if (caller.isStaff()) {
            if (auditReason == null || auditReason.isBlank()) {
                throw LyceumException.forbidden(
                        "conversation.audited_access_required",
                        "Admins read other people's conversations only with a reason (accessReason), which is "
                                + "recorded in the moderation log.");
            }
            if (auditReason.length() > 500) {
                throw LyceumException.invalid(
                        "request.validation_failed",
                        "The access reason is too long.",
                        List.of(new FieldError("accessReason", "at most 500 characters")));
            }
            transactions.executeWithoutResult(status -> messages.log(
                    c.id(), caller.userId().value(), null, "ADMIN_READ", auditReason.strip(), null, clock.instant()));
            return Access.MODERATOR;
        }
        throw conversationNotFound();
    }

    Conversation conversation(UUID id) {
        return conversations.find(id).orElseThrow(Messaging::conversationNotFound);
    }

    // ---- sending

    /** What a client sends. Exactly one of {@code conversationId} and {@code recipientId}. */
    record SendCommand(
            @Nullable UUID conversationId,
            @Nullable UUID recipientId,
            @Nullable MessageType type,
            @Nullable String body,
            @Nullable UUID replyTo,
            @Nullable String clientId,
            @Nullable WarningSeverity severity,
            @Nullable String resolutionType,
            @Nullable UUID complaintId) {}

    /** A sent message, and why its text was changed if it was. */
    record Sent(ChatMessage message, @Nullable String notice) {}

    Sent send(CurrentUser caller, SendCommand command) {
        MessageType type = command.type() == null ? MessageType.TEXT : command.type();
        validate(caller, command, type);
        Instant now = clock.instant();
        return transactions.execute(status -> {
            Conversation c = command.conversationId() != null
                    ? conversation(command.conversationId())
                    // validate() let through exactly one of conversationId and recipientId
                    : conversationWith(caller, Objects.requireNonNull(command.recipientId()), now);
            if (type == MessageType.WARNING && !caller.isStaff()) {
                throw LyceumException.forbidden("message.type_not_allowed", "Only admins send warnings.");
            }
            checkMaySend(caller, c, now);
            String body = command.body() == null ? "" : command.body().strip();
            String notice = null;
            boolean masked = false;
            if (mustMask(c)) {
                var result = ContactMasking.mask(body);
                if (result.masked()) {
                    body = result.text();
                    masked = true;
                    notice = ContactMasking.NOTICE;
                }
            }
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("body", body);
            if (type == MessageType.WARNING) {
                content.put(
                        "severity",
                        (command.severity() == null ? WarningSeverity.WARNING : command.severity())
                                .name()
                                .toLowerCase(java.util.Locale.ROOT));
                if (command.resolutionType() != null) {
                    content.put("resolutionType", command.resolutionType());
                }
                if (command.complaintId() != null) {
                    content.put("complaintId", command.complaintId());
                }
            }
            ChatMessage message = insert(
                    c,
                    caller.userId().value(),
                    senderName(caller.userId().value()),
                    type,
                    body,
                    content,
                    command.replyTo(),
                    command.clientId(),
                    masked,
                    null,
                    now);
            return new Sent(message, notice);
        });
    }

    /**
     * In the sending transaction: the caller writes here (a member of an open conversation, not blocked or silenced)
     * and is within the per-minute allowance. Takes the sender's lock, so the allowance holds under parallel sends.
     */
    void checkMaySend(CurrentUser caller, Conversation c, Instant now) {
        // an admin outside the conversation may read it (audited) but never write in it
        Access access = caller.isStaff() && !c.isParticipant(caller.userId().value())
                ? Access.MODERATOR
                : access(caller, c, null);
        if (!access.maySend()) {
            throw LyceumException.forbidden(
                    "message.read_only",
                    c.type().bOnlyReads()
                            ? "This is a notification channel. You cannot reply."
                            : "You may read this conversation but not write in it.");
        }
        requireWritable(c, caller.userId().value(), now);
        messages.lockSender(caller.userId().value());
        if (messages.sentSince(caller.userId().value(), now.minus(Duration.ofMinutes(1)))
                >= properties.messagesPerMinute()) {
            throw new TooManyRequestsException(
                    "message.rate_limited",
                    "At most " + properties.messagesPerMinute() + " messages a minute. Wait a moment.",
                    Duration.ofSeconds(60));
        }
    }

    private void validate(CurrentUser caller, SendCommand command, MessageType type) {
        if ((command.conversationId() == null) == (command.recipientId() == null)) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "Send exactly one of conversationId and recipientId.",
                    List.of(new FieldError("conversationId", "exactly one of conversationId and recipientId")));
        }
        if (type == MessageType.SYSTEM || type == MessageType.IMAGE || type == MessageType.DOCUMENT) {
            throw LyceumException.invalid(
                    "message.type_not_allowed",
                    type == MessageType.SYSTEM
                            ? "System messages come from the platform only."
                            : "Send images and documents with POST /api/v1/messages/with-attachment.",
                    List.of(new FieldError("type", "text or warning")));
        }
        requireBody(command.body());
        if (command.clientId() != null && command.clientId().length() > 64) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "clientId is at most 64 characters.",
                    List.of(new FieldError("clientId", "at most 64 characters")));
        }
    }

    /** The text of a message to send or an edit: not blank, within the size limit. */
    String requireBody(@Nullable String body) {
        if (body != null && body.getBytes(StandardCharsets.UTF_8).length > properties.maxMessageBytes()) {
            throw new LyceumException(
                    ErrorKind.PAYLOAD_TOO_LARGE,
                    "message.too_large",
                    "A message is at most " + properties.maxMessageBytes() + " bytes.");
        }
        if (body == null || body.isBlank()) {
            throw LyceumException.invalid(
                    "message.empty", "The message has no text.", List.of(new FieldError("body", "must not be blank")));
        }
        return body;
    }

    private void requireWritable(Conversation c, UUID user, Instant now) {
        if (c.isClosed()) {
            throw LyceumException.conflict("conversation.closed", "This conversation is closed: it is read-only.");
        }
        if (messages.activeRestriction(c.id(), user, "BLOCKED", now).isPresent()) {
            throw LyceumException.forbidden("chat.blocked", "You are blocked in this conversation.");
        }
        if (messages.activeRestriction(c.id(), user, "SILENCED", now).isPresent()) {
            throw LyceumException.forbidden("chat.silenced", "You are silenced in this conversation for now.");
        }
    }

    boolean mustMask(Conversation c) {
        if (!c.marketplacePair() || !conversations.settings().maskContactsUntilPaid()) {
            return false;
        }
        return !conversations.paidPair(c.participantA(), c.participantB());
    }

    /** The conversation a first message to someone goes into, opened where the rules allow it. */
    private Conversation conversationWith(CurrentUser caller, UUID recipientId, Instant now) {
        UserSummary recipient = accounts.findUser(UserId.of(recipientId))
                .filter(UserSummary::active)
                .orElseThrow(() -> LyceumException.notFound("user.not_found", "No such user."));
        if (recipient.id().equals(caller.userId().value())) {
            throw LyceumException.invalid(
                    "message.recipient_invalid",
                    "You cannot write to yourself.",
                    List.of(new FieldError("recipientId", "someone else")));
        }
        if (caller.isStaff()) {
            ConversationType type =
                    switch (recipient.role()) {
                        case STUDENT -> ConversationType.ADMIN_STUDENT;
                        case TUTOR -> ConversationType.ADMIN_TUTOR;
                        default ->
                            throw LyceumException.invalid(
                                    "message.recipient_invalid",
                                    "Admins write to students and tutors.",
                                    List.of(new FieldError("recipientId", "a student or a tutor")));
                    };
            return conversations.open(type, caller.userId().value(), recipient.id(), "ADMIN", now);
        }
        ConversationType type;
        UUID a;
        UUID b;
        if ((caller.role() == Role.STUDENT || caller.role() == Role.GUARDIAN) && recipient.role() == Role.TUTOR) {
            type = caller.role() == Role.STUDENT ? ConversationType.STUDENT_TUTOR : ConversationType.GUARDIAN_TUTOR;
            a = caller.userId().value();
            b = recipient.id();
        } else if (caller.role() == Role.TUTOR
                && (recipient.role() == Role.STUDENT || recipient.role() == Role.GUARDIAN)) {
            type = recipient.role() == Role.STUDENT ? ConversationType.STUDENT_TUTOR : ConversationType.GUARDIAN_TUTOR;
            a = recipient.id();
            b = caller.userId().value();
        } else {
            throw LyceumException.forbidden(
                    "conversation.first_contact_not_allowed", "There is no conversation with this person.");
        }
        var existing = conversations.findPair(type, a, b);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (caller.role() == Role.TUTOR || !conversations.settings().firstContactAllowed()) {
            throw LyceumException.forbidden(
                    "conversation.first_contact_not_allowed",
                    "A conversation with a tutor opens with a booking, an enrollment or a preliminary meeting.");
        }
        return conversations.open(type, a, b, "FIRST_CONTACT", now);
    }

    /** Stores a message in the caller's transaction (required) and announces it on commit. */
    ChatMessage insert(
            Conversation c,
            @Nullable UUID sender,
            @Nullable String senderName,
            MessageType type,
            String body,
            Map<String, Object> content,
            @Nullable UUID replyTo,
            @Nullable String clientId,
            boolean masked,
            @Nullable String dedupeKey,
            Instant now) {
        String replyPreview = null;
        if (replyTo != null) {
            ChatMessage original = messages.find(replyTo)
                    .filter(m -> m.conversationId().equals(c.id()))
                    .orElseThrow(() -> LyceumException.invalid(
                            "message.reply_not_found",
                            "The message you reply to is not in this conversation.",
                            List.of(new FieldError("replyTo", "a message of this conversation"))));
            replyPreview = original.deleted() ? "(deleted)" : preview(original.body());
        }
        long seq = conversations.nextSeq(c.id(), now, preview(body));
        ChatMessage message = new ChatMessage(
                Ids.newId(),
                c.id(),
                seq,
                sender,
                senderName,
                type,
                body,
                json.writeValueAsString(content),
                replyTo,
                replyPreview,
                clientId,
                masked,
                now,
                null,
                null);
        messages.insert(message, dedupeKey);
        fanout.publish(RoomEvent.message(
                TenantContext.require().value(), c.id(), RoomEvent.MESSAGE, seq, message.id(), sender));
        if (sender != null && c.isParticipant(sender)) {
            UUID recipient = sender.equals(c.participantA()) ? c.participantB() : c.participantA();
            events.publishEvent(new MessagePosted(
                    TenantContext.require(), c.id(), message.id(), sender, senderName, recipient, preview(body), now));
        }
        return message;
    }

    static String preview(@Nullable String body) {
        if (body == null) {
            return "";
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= PREVIEW_LENGTH ? flat : flat.substring(0, PREVIEW_LENGTH - 1) + "…";
    }

    @Nullable
    String senderName(UUID userId) {
        return accounts.findUser(UserId.of(userId)).map(UserSummary::fullName).orElse(null);
    }

    // ---- reading

    record Page(
            List<ChatMessage> messages,
            @Nullable Long olderCursor,
            @Nullable Long newerCursor) {}

    /** Newest first; {@code before} pages back, {@code after} forwards (oldest first), one of them at most. */
    Page history(Conversation c, @Nullable Long before, @Nullable Long after, int limit) {
        if (before != null && after != null) {
            throw LyceumException.invalid(
                    "request.invalid_cursor",
                    "Page with before or after, not both.",
                    List.of(new FieldError("after", "not with before")));
        }
        if (limit < 1 || limit > 100) {
            throw PageQuery.invalid("limit", "must be between 1 and 100");
        }
        if (after != null) {
            List<ChatMessage> page = messages.newer(c.id(), after, limit + 1);
            boolean more = page.size() > limit;
            List<ChatMessage> shown = more ? page.subList(0, limit) : page;
            List<ChatMessage> newestFirst = new ArrayList<>(shown).reversed();
            Long newer = more ? shown.getLast().seq() : null;
            Long older = shown.isEmpty() ? after + 1 : shown.getFirst().seq();
            return new Page(newestFirst, older > 1 ? older : null, newer);
        }
        List<ChatMessage> page = messages.older(c.id(), before, limit + 1);
        boolean more = page.size() > limit;
        List<ChatMessage> shown = more ? page.subList(0, limit) : page;
        Long older = more ? shown.getLast().seq() : null;
        Long newer = shown.isEmpty() || shown.getFirst().seq() >= c.lastSeq()
                ? null
                : shown.getFirst().seq();
        return new Page(shown, older, newer);
    }

    /** The caller's threads, latest message first, guardians' linked students' threads included. */
    PageResponse<Thread> threads(CurrentUser caller, PageQuery query) {
        List<UUID> minors =
                caller.role() == Role.GUARDIAN && conversations.settings().guardiansReadMinors()
                        ? UserId.valuesOf(accounts.studentsOf(caller.userId()))
                        : List.of();
        return PageResponse.of(
                conversations.threads(caller.userId().value(), minors, query),
                query,
                conversations.countThreads(caller.userId().value(), minors));
    }

    PageResponse<ChatMessage> search(CurrentUser caller, @Nullable String q, PageQuery query) {
        if (q == null || q.isBlank() || q.length() > 200) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "Search with q: 1 to 200 characters.",
                    List.of(new FieldError("q", "1 to 200 characters")));
        }
        List<UUID> minors =
                caller.role() == Role.GUARDIAN && conversations.settings().guardiansReadMinors()
                        ? UserId.valuesOf(accounts.studentsOf(caller.userId()))
                        : List.of();
        List<UUID> rooms = conversations.visibleIds(caller.userId().value(), minors);
        if (rooms.isEmpty()) {
            return PageResponse.of(List.of(), query, 0);
        }
        return PageResponse.of(messages.search(rooms, q, query), query, messages.countSearch(rooms, q));
    }

    // ---- read marks

    /** Marks a conversation read up to {@code seq} (never back); announces the new mark. */
    long markRead(CurrentUser caller, Conversation c, long seq) {
        long upTo = Math.min(Math.max(seq, 0), c.lastSeq());
        return transactions.execute(status -> {
            long mark = conversations.markRead(c.id(), caller.userId().value(), upTo, clock.instant());
            fanout.publish(RoomEvent.message(
                    TenantContext.require().value(),
                    c.id(),
                    RoomEvent.READ,
                    mark,
                    null,
                    caller.userId().value()));
            return mark;
        });
    }

    long markMessageRead(CurrentUser caller, UUID messageId) {
        ChatMessage m = messages.find(messageId).orElseThrow(Messaging::messageNotFound);
        Conversation c = conversation(m.conversationId());
        readerOf(caller, c, Messaging::messageNotFound);
        return markRead(caller, c, m.seq());
    }

    long markAllRead(CurrentUser caller, UUID conversationId) {
        Conversation c = conversation(conversationId);
        readerOf(caller, c, Messaging::conversationNotFound);
        return markRead(caller, c, c.lastSeq());
    }

    /** Participants and guardians keep read marks; an admin's audited read does not. */
    private void readerOf(CurrentUser caller, Conversation c, java.util.function.Supplier<LyceumException> missing) {
        if (c.isParticipant(caller.userId().value())) {
            return;
        }
        if (caller.role() == Role.GUARDIAN
                && c.type() == ConversationType.STUDENT_TUTOR
                && conversations.settings().guardiansReadMinors()
                && accounts.mayActFor(caller.userId(), UserId.of(c.participantA()))) {
            return;
        }
        throw missing.get();
    }

    UUID messageConversation(UUID messageId) {
        return messages.find(messageId).orElseThrow(Messaging::messageNotFound).conversationId();
    }

    static LyceumException messageNotFound() {
        return LyceumException.notFound("message.not_found", "No such message.");
    }

    // ---- edits and deletes

    Sent edit(CurrentUser caller, UUID messageId, @Nullable String newBody) {
        String text = requireBody(newBody);
        Instant now = clock.instant();
        return transactions.execute(status -> {
            ChatMessage m = messages.lock(messageId).orElseThrow(Messaging::messageNotFound);
            Conversation c = conversation(m.conversationId());
            if (!caller.userId().value().equals(m.senderId())) {
                if (c.isParticipant(caller.userId().value()) || caller.isStaff()) {
                    throw LyceumException.forbidden("message.not_sender", "Only the sender edits a message.");
                }
                throw messageNotFound();
            }
            if (m.deleted()) {
                throw LyceumException.conflict("message.deleted", "The message was deleted.");
            }
            if (m.type() != MessageType.TEXT && m.type() != MessageType.WARNING) {
                throw LyceumException.conflict("message.not_editable", "Only text messages are edited.");
            }
            if (now.isAfter(m.createdAt().plus(properties.editWindow()))) {
                throw LyceumException.conflict(
                        "message.edit_window_closed",
                        "A message can be edited for " + properties.editWindow().toMinutes()
                                + " minutes after sending.");
            }
            requireWritable(c, caller.userId().value(), now);
            String body = text.strip();

            String notice = null;
            boolean masked = false;
            if (mustMask(c)) {
                var result = ContactMasking.mask(body);
                if (result.masked()) {
                    body = result.text();
                    masked = true;
                    notice = ContactMasking.NOTICE;
                }
            }
            messages.edit(m.id(), m.body(), body, masked, caller.userId().value(), now);
            fanout.publish(RoomEvent.message(
                    TenantContext.require().value(),
                    c.id(),
                    RoomEvent.EDITED,
                    m.seq(),
                    m.id(),
                    caller.userId().value()));
            return new Sent(messages.find(m.id()).orElseThrow(), notice);
        });
    }

    PageResponse<MessageStore.Edit> edits(
            CurrentUser caller, UUID messageId, @Nullable String auditReason, PageQuery page) {
        ChatMessage m = messages.find(messageId).orElseThrow(Messaging::messageNotFound);
        Conversation c = conversation(m.conversationId());
        try {
            access(caller, c, auditReason);
        } catch (LyceumException e) {
            throw "conversation.not_found".equals(e.code()) ? messageNotFound() : e;
        }
        return messages.edits(messageId, page);
    }

    void delete(CurrentUser caller, UUID messageId) {
        delete(caller, messageId, null);
    }

    /**
     * Soft-deletes a message: the sender their own, an admin anyone's. An admin's deletion of someone else's message is
     * written to the conversation's moderation log and announced as an {@link io.lyceum.platform.AdministrativeAction}
     * for the audit log.
     */
    void delete(CurrentUser caller, UUID messageId, @Nullable String reason) {

        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            ChatMessage m = messages.lock(messageId).orElseThrow(Messaging::messageNotFound);
            Conversation c = conversation(m.conversationId());
            boolean own = caller.userId().value().equals(m.senderId());
            if (!own && !caller.isStaff()) {
                if (c.isParticipant(caller.userId().value())) {
                    throw LyceumException.forbidden("message.not_sender", "You can delete your own messages only.");
                }
                throw messageNotFound();
            }
            if (m.deleted()) {
                return; // deleting twice changes nothing
            }
            messages.softDelete(m.id(), caller.userId().value(), now);
            if (!own) {
                messages.log(
                        c.id(),
                        caller.userId().value(),
                        m.senderId(),
                        "DELETE_MESSAGE",
                        reason == null ? "message " + m.id() : reason,
                        null,
                        now);
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("deleted", true);
                after.put("conversationId", c.id().toString());
                if (m.senderId() != null) {
                    after.put("senderId", m.senderId().toString());
                }
                events.publishEvent(io.lyceum.platform.AdministrativeAction.of(
                        TenantContext.require().value(),
                        caller.userId().value(),
                        "MESSAGE_REMOVED",
                        "MESSAGE",
                        m.id(),
                        Map.of("deleted", false),
                        after,
                        reason,
                        now));
            }
            fanout.publish(RoomEvent.message(
                    TenantContext.require().value(),
                    c.id(),
                    RoomEvent.DELETED,
                    m.seq(),
                    m.id(),
                    caller.userId().value()));
        });
    }
}
