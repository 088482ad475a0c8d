package io.lyceum.notifications;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.GuardianLinkRequested;
import io.lyceum.accounts.GuardianLinked;
import io.lyceum.accounts.UserSummary;
import io.lyceum.catalog.TutorApproved;
import io.lyceum.catalog.TutorChangesRequested;
import io.lyceum.catalog.TutorRejected;
import io.lyceum.messaging.MessagePosted;
import io.lyceum.messaging.MessagingApi;
import io.lyceum.shared.UserId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Tutor profile decisions (to the tutor), guardian links (to both), messages to someone who is offline. */
@Component
class AccountAndCatalogNotifications {

    private final Notifier notifier;
    private final AccountsApi accounts;
    private final MessagingApi messaging;

    AccountAndCatalogNotifications(Notifier notifier, AccountsApi accounts, MessagingApi messaging) {
        this.notifier = notifier;
        this.accounts = accounts;
        this.messaging = messaging;
    }

    @ApplicationModuleListener
    void on(TutorApproved event) {
        notifier.notify(
                event.tutorId().value(),
                NotificationKind.TUTOR_APPROVED,
                "tutor.approved:" + event.occurredAt().toEpochMilli(),
                Map.of());
    }

    @ApplicationModuleListener
    void on(TutorRejected event) {
        notifier.notify(
                event.tutorId().value(),
                NotificationKind.TUTOR_REJECTED,
                "tutor.rejected:" + event.occurredAt().toEpochMilli(),
                Map.of("reason", text(event.reason())));
    }

    @ApplicationModuleListener
    void on(TutorChangesRequested event) {
        notifier.notify(
                event.tutorId().value(),
                NotificationKind.TUTOR_CHANGES_REQUESTED,
                "tutor.changes_requested:" + event.occurredAt().toEpochMilli(),
                Map.of("comments", text(event.comments())));
    }

    /** The invited student (accounts emailed them the code; this is the in-app side). */
    @ApplicationModuleListener
    void on(GuardianLinkRequested event) {
        Map<String, Object> values = new HashMap<>();
        values.put("guardian", name(event.guardianId().value()));
        values.put("expires", event.expiresAt());
        notifier.notify(
                event.studentId().value(),
                NotificationKind.GUARDIAN_LINK_REQUESTED,
                "guardian.link_requested:" + event.guardianId() + ":"
                        + event.occurredAt().toEpochMilli(),
                values);
    }

    @ApplicationModuleListener
    void on(GuardianLinked event) {
        String key = "guardian.linked:" + event.linkId();
        notifier.notify(
                event.guardianId().value(),
                NotificationKind.GUARDIAN_LINKED,
                key,
                Map.of("other", name(event.studentId().value())));
        notifier.notify(
                event.studentId().value(),
                NotificationKind.GUARDIAN_LINKED,
                key,
                Map.of("other", name(event.guardianId().value())));
    }

    /** A message to someone with no socket open to the hub; one who is connected sees it arrive there. */
    @ApplicationModuleListener
    void on(MessagePosted event) {
        if (messaging.connected(UserId.of(event.recipientId()))) {
            return;
        }
        Map<String, Object> values = new HashMap<>();
        values.put("sender", event.senderName() == null ? name(event.senderId()) : event.senderName());
        values.put("preview", text(event.preview()));
        values.put("conversationId", event.conversationId());
        notifier.notify(event.recipientId(), NotificationKind.MESSAGE_RECEIVED, "message:" + event.messageId(), values);
    }

    private String name(UUID userId) {
        return accounts.findUser(UserId.of(userId)).map(UserSummary::fullName).orElse("");
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
