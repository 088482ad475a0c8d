package io.lyceum.catalog;

import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.TutorId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * An admin removed a course pack from the catalog (moderation). Billing turns this into refunds for the students
 * enrolled in the pack.
 */
public record CoursePackRemoved(
        CoursePackId packId, TenantId tenantId, TutorId tutorId, String reason, UUID removedBy, Instant occurredAt)
        implements TenantEvent {}
