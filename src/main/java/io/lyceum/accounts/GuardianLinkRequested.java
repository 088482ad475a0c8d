package io.lyceum.accounts;

import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;

/**
 * A guardian invited an existing student to link accounts: the link is PENDING until the student accepts with the
 * invitation code (emailed to them with it, by accounts) before {@code expiresAt}.
 */
public record GuardianLinkRequested(
        TenantId tenantId, UserId guardianId, UserId studentId, Instant expiresAt, Instant occurredAt)
        implements TenantEvent {}
