package io.lyceum.accounts;

import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * Published when an active guardian–student link is revoked by either party: the guardian may no longer act for the
 * student.
 */
public record GuardianUnlinked(
        UUID linkId, TenantId tenantId, UserId guardianId, UserId studentId, UUID revokedBy, Instant revokedAt)
        implements TenantEvent {}
