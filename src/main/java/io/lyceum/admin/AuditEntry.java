package io.lyceum.admin;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One line of the audit log: who did what to which subject, with the state before and after. */
record AuditEntry(
        UUID id,
        Instant occurredAt,
        UUID actorUserId,
        String action,
        String subjectType,
        UUID subjectId,
        Map<String, Object> before,
        Map<String, Object> after,
        String reason,
        String requestId) {}
