package io.lyceum.scheduling;

import io.lyceum.shared.TutorId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;

/**
 * A tutor changed their availability: weekly windows, dated overrides or booking settings (for the audit log and any
 * cache of free time). Published in the transaction of the change.
 */
public record AvailabilityChanged(TenantId tenantId, TutorId tutorId, long version, String change, Instant occurredAt)
        implements TenantEvent {}
