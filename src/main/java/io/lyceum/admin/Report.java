package io.lyceum.admin;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A report as stored: everything, the admin's note included (what the reporter sees is {@link ReportViews}). */
record Report(
        UUID id,
        UUID reporterId,
        ReportTargetType targetType,
        UUID targetId,
        UUID targetUserId,
        @Nullable String targetLabel,
        String description,
        ReportStatus status,
        @Nullable UUID assigneeId,
        @Nullable ReportResolution resolution,
        @Nullable String publicResolution,
        @Nullable String adminNote,
        @Nullable UUID resolvedBy,
        @Nullable Instant resolvedAt,
        long version,
        @Nullable Instant createdAt,
        @Nullable Instant updatedAt) {}
