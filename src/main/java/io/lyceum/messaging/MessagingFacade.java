package io.lyceum.messaging;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.Role;
import io.lyceum.accounts.UserSummary;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class MessagingFacade implements MessagingApi {

    private final ConversationStore conversations;
    private final MessageStore messages;
    private final Messaging messaging;
    private final AccountsApi accounts;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final RoomFanout fanout;
    private final org.springframework.beans.factory.ObjectProvider<ChatHub> hub;

    MessagingFacade(
            ConversationStore conversations,
            MessageStore messages,
            Messaging messaging,
            AccountsApi accounts,
            TransactionTemplate transactions,
            Clock clock,
            RoomFanout fanout,
            org.springframework.beans.factory.ObjectProvider<ChatHub> hub) {
        this.fanout = fanout;
        this.hub = hub;
        this.conversations = conversations;
        this.messages = messages;
        this.messaging = messaging;
        this.accounts = accounts;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public UUID openConversation(ConversationType type, UUID participantA, UUID participantB, String openedBy) {
        Objects.requireNonNull(type);
        return transactions.execute(status -> conversations
                .open(type, participantA, participantB, openedBy, clock.instant())
                .id());
    }

    @Override
    public UUID postSystemMessage(
            ConversationType type,
            UUID participantA,
            UUID participantB,
            String action,
            String text,
            Map<String, Object> data) {
        return postSystemMessage(type, participantA, participantB, action, text, data, null);
    }

    /** As {@link #postSystemMessage}, once per {@code dedupeKey} and conversation (event redeliveries post nothing). */
    UUID postSystemMessage(
            ConversationType type,
            UUID participantA,
            UUID participantB,
            String action,
            String text,
            @Nullable Map<String, Object> data,
            @Nullable String dedupeKey) {
        Instant now = clock.instant();
        return transactions.execute(status -> {
            Conversation c = conversations.open(type, participantA, participantB, "SYSTEM", now);
            if (dedupeKey != null) {
                var existing = messages.findByDedupeKey(c.id(), dedupeKey);
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("body", text);
            content.put("systemAction", action);
            content.put("systemData", data == null ? Map.of() : data);
            return messaging
                    .insert(c, null, null, MessageType.SYSTEM, text, content, null, null, false, dedupeKey, now)
                    .id();
        });
    }

    @Override
    public UUID sendWarning(
            UUID adminId,
            UserId targetUserId,
            String body,
            @Nullable WarningSeverity severity,
            @Nullable String resolutionType,
            @Nullable UUID complaintId) {
        messaging.requireBody(body);
        UserSummary target = accounts.findUser(targetUserId)
                .orElseThrow(() -> LyceumException.notFound("user.not_found", "No such user."));
        ConversationType type =
                switch (target.role()) {
                    case STUDENT -> ConversationType.ADMIN_STUDENT;
                    case TUTOR -> ConversationType.ADMIN_TUTOR;
                    default ->
                        throw LyceumException.invalid(
                                "message.recipient_invalid",
                                "Warnings go to students and tutors.",
                                List.of(new FieldError("targetUserId", "a student or a tutor")));
                };
        UserSummary admin = accounts.findUser(UserId.of(adminId))
                .filter(u -> u.role() == Role.ADMIN || u.role() == Role.OWNER)
                .orElseThrow(() -> LyceumException.forbidden("message.type_not_allowed", "Only admins send warnings."));
        Instant now = clock.instant();
        return transactions.execute(status -> {
            Conversation c = conversations.open(type, admin.id(), target.id(), "ADMIN", now);
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("body", body.strip());
            content.put(
                    "severity",
                    (severity == null ? WarningSeverity.WARNING : severity)
                            .name()
                            .toLowerCase(java.util.Locale.ROOT));
            if (resolutionType != null) {
                content.put("resolutionType", resolutionType);
            }
            if (complaintId != null) {
                content.put("complaintId", complaintId);
            }
            return messaging
                    .insert(
                            c,
                            admin.id(),
                            admin.fullName(),
                            MessageType.WARNING,
                            body.strip(),
                            content,
                            null,
                            null,
                            false,
                            null,
                            now)
                    .id();
        });
    }

    private static final java.util.regex.Pattern FRAME_TYPE = java.util.regex.Pattern.compile("[A-Za-z0-9.-]{1,40}");

    @Override
    public void pushToUser(UserId userId, String type, @Nullable UUID id) {
        if (!FRAME_TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("A frame type has 1 to 40 letters, digits, dots or dashes");
        }
        fanout.publish(
                RoomEvent.toUser(io.lyceum.tenancy.TenantContext.require().value(), userId.value(), type, id));
    }

    @Override
    public boolean connected(UserId userId) {
        ChatHub chatHub = hub.getIfAvailable();
        return chatHub != null && chatHub.connected(userId.value());
    }

    @Override
    public java.util.Optional<MessageFacts> messageVisibleTo(io.lyceum.accounts.CurrentUser viewer, UUID messageId) {
        return messages.find(messageId).filter(m -> !viewer.isStaff()).flatMap(m -> {
            Conversation c = conversations.find(m.conversationId()).orElseThrow();
            try {
                messaging.access(viewer, c, null);
                return java.util.Optional.of(MessageFacts.of(m));
            } catch (LyceumException e) {
                return java.util.Optional.empty();
            }
        });
    }

    @Override
    public void removeMessage(io.lyceum.accounts.CurrentUser admin, UUID messageId, @Nullable String reason) {

        if (!admin.isStaff()) {
            throw LyceumException.forbidden("moderation.not_allowed", "Only admins remove other people's messages.");
        }
        messaging.delete(admin, messageId, reason);
    }

    @Override
    public java.util.List<MessageFacts> messagesAround(
            io.lyceum.accounts.CurrentUser admin,
            TutorId tutorId,
            java.util.Collection<UUID> counterparts,
            Instant from,
            Instant to,
            int limit,
            String accessReason) {
        if (!admin.isStaff()) {
            throw LyceumException.forbidden("moderation.not_allowed", "Only admins read other people's messages.");
        }
        if (counterparts.isEmpty()) {
            return java.util.List.of();
        }
        var found = conversations.betweenTutorAnd(tutorId.value(), counterparts);
        for (Conversation c : found) {
            messaging.access(admin, c, accessReason);
        }
        return messages
                .between(found.stream().map(Conversation::id).toList(), from, to, Math.min(Math.max(limit, 1), 200))
                .stream()
                .map(MessageFacts::of)
                .toList();
    }
}
