package io.lyceum.admin;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One line of the audit log: who did what to which subject, with the state before and after. */
record AuditEntry(
        UUID id,
        Instant occurredAt,
        UUID actorUserId,
        String action,
        String subjectType,
        UUID subjectId,
        @Nullable Map<String, Object> before,
        @Nullable Map<String, Object> after,
        String reason,
        String requestId) {}
