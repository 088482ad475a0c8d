package io.lyceum.accounts;

import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** Published when a guardian–student link becomes active: the guardian may now act for the student. */
public record GuardianLinked(UUID linkId, TenantId tenantId, UserId guardianId, UserId studentId, Instant linkedAt)
        implements TenantEvent {}
