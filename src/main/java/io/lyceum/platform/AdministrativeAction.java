package io.lyceum.platform;

import io.lyceum.shared.TenantScopedEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * An admin changed something of someone else's (approved a tutor, resolved a dispute, refunded an order): published
 * by the module that made the change, in its transaction, and written to the audit log by the admin module.
 *
 * @param subjectType what was changed, such as {@code TUTOR} or {@code BOOKING}
 * @param before the relevant state before (for example {@code {"status": "SUBMITTED"}})
 * @param after the relevant state after
 * @param requestId the {@code X-Request-Id} of the request that made the change (null for jobs)
 */
public record AdministrativeAction(
        UUID tenantId,
        UUID actorId,
        String action,
        String subjectType,
        UUID subjectId,
        Map<String, Object> before,
        Map<String, Object> after,
        @Nullable String reason,
        @Nullable String requestId,
        Instant occurredAt)
        implements TenantScopedEvent {

    public AdministrativeAction {
        before = Map.copyOf(before);
        after = Map.copyOf(after);
    }

    /** The action of the current request, whose id it takes from the logging context. */
    public static AdministrativeAction of(
            UUID tenantId,
            UUID actorId,
            String action,
            String subjectType,
            UUID subjectId,
            Map<String, Object> before,
            Map<String, Object> after,
            @Nullable String reason,
            Instant occurredAt) {
        return new AdministrativeAction(
                tenantId,
                actorId,
                action,
                subjectType,
                subjectId,
                before,
                after,
                reason,
                MDC.get("requestId"),
                occurredAt);
    }
}
