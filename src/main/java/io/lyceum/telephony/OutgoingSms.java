package io.lyceum.telephony;

import io.lyceum.shared.UserId;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A text message to send.
 *
 * @param recipientUserId the user it is for, when known (kept in the SMS log)
 * @param to the number in E.164 format
 * @param reference the caller's own id for the message (such as a notification delivery id), echoed in
 *     {@link SmsStatusChanged}
 */
public record OutgoingSms(UUID tenantId, @Nullable UserId recipientUserId, String to, String text, String reference) {

    public OutgoingSms {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }
}
