package io.lyceum.admin;

import java.time.Instant;
import java.util.UUID;

/** A report as stored: everything, the admin's note included (what the reporter sees is {@link ReportViews}). */
record Report(
        UUID id,
        UUID reporterId,
        ReportTargetType targetType,
        UUID targetId,
        UUID targetUserId,
        String targetLabel,
        String description,
        ReportStatus status,
        UUID assigneeId,
        ReportResolution resolution,
        String publicResolution,
        String adminNote,
        UUID resolvedBy,
        Instant resolvedAt,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
