package io.lyceum.billing;

import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * An active package still has unused credits and they expire within {@code lyceum.payments.packages.expiry-warning}:
 * published once per package by the daily expiry job, for the notifications module to tell the student and whoever
 * bought it.
 */
public record PackageCreditsExpiring(
        TenantId tenantId,
        UUID packageId,
        TutorId tutorId,
        UserId studentId,
        UUID buyerId,
        int creditsLeft,
        Instant expiresAt,
        Instant occurredAt)
        implements TenantEvent {}
