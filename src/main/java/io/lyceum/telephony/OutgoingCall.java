package io.lyceum.telephony;

import io.lyceum.shared.UserId;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A voice call to place.
 *
 * @param recipientUserId the user it is for, when known (the call log is theirs)
 * @param to the number in E.164 format
 * @param script what the assistant says
 * @param reference the caller's own id for the call, echoed in {@link CallCompleted}
 */
public record OutgoingCall(
        UUID tenantId, @Nullable UserId recipientUserId, String to, String script, String reference) {

    public OutgoingCall {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(script, "script");
    }
}
