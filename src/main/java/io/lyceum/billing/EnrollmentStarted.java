package io.lyceum.billing;

import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * A course-pack enrollment became ACTIVE: paid, or free of charge. Published once per enrollment, in the transaction
 * that activates it.
 */
public record EnrollmentStarted(
        TenantId tenantId,
        UUID enrollmentId,
        CoursePackId coursePackId,
        TutorId tutorId,
        UserId studentId,
        UUID enrolledBy,
        Money price,
        int lessons,
        Instant occurredAt)
        implements TenantEvent {}
