package io.lyceum.accounts;

import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;

/** Published when a new account is created (by registration, an admin, or external sign-in). */
public record UserRegistered(UserId userId, TenantId tenantId, Role role, String email) implements TenantEvent {}
