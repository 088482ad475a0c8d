package io.lyceum.notifications;

import io.lyceum.accounts.SecurityNotice;
import java.util.Map;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Accounts' security notices, to the account's owner: in the app and by email (the security category is locked on),
 * in their language. Messages that carry a code stay with accounts (see {@link SecurityNotice}).
 */
@Component
class SecurityNotifications {

    private final Notifier notifier;

    SecurityNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    @ApplicationModuleListener
    void on(SecurityNotice event) {
        NotificationKind kind =
                switch (event.kind()) {
                    case SecurityNotice.PASSWORD_CHANGED -> NotificationKind.SECURITY_PASSWORD_CHANGED;
                    case SecurityNotice.REGISTRATION_ATTEMPT -> NotificationKind.SECURITY_REGISTRATION_ATTEMPT;
                    case SecurityNotice.WRONG_CODES -> NotificationKind.SECURITY_WRONG_CODES;
                    case SecurityNotice.AUTHENTICATOR_REQUIRED -> NotificationKind.SECURITY_AUTHENTICATOR_REQUIRED;
                    case SecurityNotice.EMAIL_CODES_REQUIRED -> NotificationKind.SECURITY_EMAIL_CODES_REQUIRED;
                    case SecurityNotice.TWO_FACTOR_OFF -> NotificationKind.SECURITY_TWO_FACTOR_OFF;
                    case SecurityNotice.NEW_DEVICE_SIGN_IN -> NotificationKind.SECURITY_NEW_DEVICE_SIGN_IN;
                    default -> null;
                };
        if (kind == null) {
            return; // a notice newer than this module: nothing to say yet
        }
        notifier.notify(
                event.userId().value(),
                kind,
                "security:" + event.noticeId(),
                Map.of("count", event.count(), "device", event.device() == null ? "" : event.device()));
    }
}
