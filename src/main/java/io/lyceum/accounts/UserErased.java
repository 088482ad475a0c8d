package io.lyceum.accounts;

import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;

/**
 * Published when an archived account's personal data has been erased (30 days after archiving). The user row stays,
 * scrubbed, so references keep working; other modules listen to scrub the personal data they hold about the user.
 */
public record UserErased(UserId userId, TenantId tenantId) implements TenantEvent {}
