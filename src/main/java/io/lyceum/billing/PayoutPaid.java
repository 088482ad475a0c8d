package io.lyceum.billing;

import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** The provider paid a tutor's withdrawal out to their bank account. Published once per withdrawal. */
public record PayoutPaid(TenantId tenantId, UUID withdrawalId, UUID tutorId, Money amount, Instant occurredAt)
        implements TenantEvent {}
