package io.lyceum.messaging;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chat moderation by admins (seed 002 section 5.7): block (cannot join or write) and silence (cannot write) a user
 * in a room for a duration in seconds (0 = permanent), and lift either early. Every command is in the moderation log,
 * and the target's connected sockets hear of it on every instance.
 */
@Service
class Moderation {

    static final int MAX_DURATION_SECONDS = 366 * 24 * 3600;

    enum Command {
        BLOCK("BLOCKED", true, RoomEvent.BLOCKED),
        SILENCE("SILENCED", true, RoomEvent.SILENCED),
        UNBLOCK("BLOCKED", false, RoomEvent.UNBLOCKED),
        UNSILENCE("SILENCED", false, RoomEvent.UNSILENCED);

        final String restriction;
        final boolean imposes;
        final String event;

        Command(String restriction, boolean imposes, String event) {
            this.restriction = restriction;
            this.imposes = imposes;
            this.event = event;
        }

        static Command parse(String value) {
            try {
                return Command.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw LyceumException.invalid(
                        "moderation.invalid_action",
                        "The action is block, silence, unblock or unsilence.",
                        List.of(new FieldError("action", "block, silence, unblock or unsilence")));
            }
        }
    }

    private final ConversationStore conversations;
    private final MessageStore messages;
    private final RoomFanout fanout;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    Moderation(
            ConversationStore conversations,
            MessageStore messages,
            RoomFanout fanout,
            TransactionTemplate transactions,
            Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.conversations = conversations;
        this.messages = messages;
        this.fanout = fanout;
        this.transactions = transactions;
        this.clock = clock;
    }

    void apply(
            CurrentUser moderator,
            UUID roomId,
            Command command,
            @Nullable UUID target,
            @Nullable String reason,
            @Nullable Integer duration) {
        if (!moderator.isStaff()) {
            throw LyceumException.forbidden("moderation.not_allowed", "Only admins moderate conversations.");
        }
        Conversation c = conversations.find(roomId).orElseThrow(Messaging::conversationNotFound);
        if (target == null || !c.isParticipant(target)) {
            throw LyceumException.invalid(
                    "moderation.target_not_member",
                    "The user is not a participant of this conversation.",
                    List.of(new FieldError("userId", "a participant of the conversation")));
        }
        if (target.equals(moderator.userId().value())) {
            throw LyceumException.invalid(
                    "moderation.target_not_member",
                    "You cannot moderate yourself.",
                    List.of(new FieldError("userId", "someone else")));
        }
        int seconds = duration == null ? 0 : duration;
        if (command.imposes && (seconds < 0 || seconds > MAX_DURATION_SECONDS)) {
            throw LyceumException.invalid(
                    "moderation.invalid_duration",
                    "The duration is 0 (permanent) to " + MAX_DURATION_SECONDS + " seconds.",
                    List.of(new FieldError("duration", "0 to " + MAX_DURATION_SECONDS)));
        }
        if (reason != null && reason.length() > 1000) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "The reason is at most 1000 characters.",
                    List.of(new FieldError("reason", "at most 1000 characters")));
        }
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            if (command.imposes) {
                messages.restrict(
                        c.id(),
                        target,
                        command.restriction,
                        reason,
                        seconds,
                        moderator.userId().value(),
                        now);
            } else if (messages.lift(
                            c.id(),
                            target,
                            command.restriction,
                            moderator.userId().value(),
                            now)
                    == 0) {
                throw LyceumException.conflict(
                        "moderation.not_restricted",
                        "The user is not " + command.restriction.toLowerCase(Locale.ROOT) + " in this conversation.");
            }
            messages.log(
                    c.id(),
                    moderator.userId().value(),
                    target,
                    command.name(),
                    reason,
                    command.imposes ? seconds : null,
                    now);
            var after = new java.util.LinkedHashMap<String, Object>();
            after.put("conversationId", c.id().toString());
            after.put("restriction", command.restriction);
            after.put("imposed", command.imposes);
            if (command.imposes) {
                after.put("durationSeconds", seconds);
            }
            events.publishEvent(io.lyceum.platform.AdministrativeAction.of(
                    TenantContext.require().value(),
                    moderator.userId().value(),
                    "CHAT_" + command.name(),
                    "USER",
                    target,
                    java.util.Map.of(),
                    after,
                    reason,
                    now));
            fanout.publish(
                    RoomEvent.moderation(TenantContext.require().value(), c.id(), command.event, target, reason));
        });
    }

    PageResponse<MessageStore.LogEntry> log(CurrentUser caller, @Nullable UUID conversationId, PageQuery query) {

        if (!caller.isStaff()) {
            throw LyceumException.forbidden("moderation.not_allowed", "Only admins read the moderation log.");
        }
        return PageResponse.of(messages.logEntries(conversationId, query), query, messages.countLog(conversationId));
    }
}
