package io.lyceum.telephony;

import java.util.Objects;
import java.util.UUID;

/**
 * A text message to send.
 *
 * @param recipientUserId the user it is for, when known (kept in the SMS log)
 * @param to the number in E.164 format
 * @param reference the caller's own id for the message (such as a notification delivery id), echoed in
 *     {@link SmsStatusChanged}
 */
public record OutgoingSms(UUID tenantId, UUID recipientUserId, String to, String text, String reference) {

    public OutgoingSms {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }
}
