package io.lyceum.scheduling;

import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * A student (or a guardian for a linked student, {@code requestedBy}) asked the tutor of a course pack for a
 * preliminary meeting. Messaging opens the pair's conversation from it, so the two can agree on a time.
 */
public record PreliminaryMeetingRequested(
        TenantId tenantId,
        UUID meetingId,
        CoursePackId coursePackId,
        TutorId tutorId,
        UserId studentId,
        UUID requestedBy,
        Instant occurredAt)
        implements TenantEvent {}
