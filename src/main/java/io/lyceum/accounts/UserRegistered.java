package io.lyceum.accounts;

import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.util.UUID;

/** Published when a new account is created (by registration, an admin, or external sign-in). */
public record UserRegistered(UUID userId, TenantId tenantId, Role role, String email) implements TenantEvent {}
