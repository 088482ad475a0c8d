package io.lyceum.messaging;

import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What other modules may ask of messaging. Calls run in the current tenant and may join the caller's transaction:
 * a system message is then stored, and announced to connected clients, only if the caller's work commits.
 */
public interface MessagingApi {

    /**
     * Finds or opens the conversation of a pair. Idempotent: one conversation per pair and type.
     *
     * @param openedBy why it opened, for the record (such as {@code BOOKING} or {@code ENROLLMENT})
     * @return the conversation's id
     */
    UUID openConversation(ConversationType type, UUID participantA, UUID participantB, String openedBy);

    /**
     * Posts a system message (shown centred and grey, from no one) into a conversation, opening it if needed.
     *
     * @param action a stable machine name such as {@code booking.confirmed}
     * @param text what readers see
     * @param data structured details for clients (small)
     * @return the message's id
     */
    UUID postSystemMessage(
            ConversationType type,
            UUID participantA,
            UUID participantB,
            String action,
            String text,
            Map<String, Object> data);

    /**
     * An admin's warning to a student (in their notice channel) or a tutor (admin–tutor), opened if needed.
     *
     * @param resolutionType optional, such as {@code warn} or {@code requireEdit}
     * @param complaintId optional, the admin issue it resolves
     * @return the message's id
     */
    UUID sendWarning(
            UUID adminId,
            UserId targetUserId,
            String body,
            @Nullable WarningSeverity severity,
            @Nullable String resolutionType,
            @Nullable UUID complaintId);

    /**
     * Sends a small frame {@code {"type": type, "id": id}} to every open socket of the user on every instance (after
     * the caller's transaction commits, when there is one), such as {@code notification} for a new in-app
     * notification: clients then fetch what changed through the API.
     *
     * @param type the frame type, letters, digits, dots and dashes, at most 40 characters
     * @param id what the frame is about, if anything
     */
    void pushToUser(UserId userId, String type, @Nullable UUID id);

    /**
     * Whether the user has an authenticated socket open to the realtime hub, on this instance or (with a tenant bound)
     * on any other instance that refreshed its presence in the last 35 seconds.
     */
    boolean connected(UserId userId);

    /**
     * The message if the viewer may read its conversation (a participant, or a guardian reading a minor's lessons
     * conversation); empty when there is no such message or the viewer may not see it. Staff see no message this way
     * (they read other people's conversations only with a recorded reason).
     */
    java.util.Optional<MessageFacts> messageVisibleTo(io.lyceum.accounts.CurrentUser viewer, UUID messageId);

    /**
     * An admin removes someone's message (soft delete, as {@code DELETE /api/v1/messages/{id}} does for an admin),
     * recorded in the conversation's moderation log and the audit log. Joins the caller's transaction. Removing a
     * removed message changes nothing.
     */
    void removeMessage(io.lyceum.accounts.CurrentUser admin, UUID messageId, @Nullable String reason);

    /**
     * The messages a tutor exchanged with any of {@code counterparts} (their student, the guardian who booked) between
     * two moments, oldest first, at most {@code limit}, for an admin: each conversation read is written to its
     * moderation log with {@code accessReason}, as an admin's read of other people's conversations always is.
     */
    java.util.List<MessageFacts> messagesAround(
            io.lyceum.accounts.CurrentUser admin,
            TutorId tutorId,
            java.util.Collection<UUID> counterparts,
            java.time.Instant from,
            java.time.Instant to,
            int limit,
            String accessReason);
}
