package io.lyceum.shared;

import java.util.UUID;

/**
 * An event of one tenant published by a module that cannot name the tenancy module's {@code TenantId} (the platform
 * module depends on the shared kernel only). Its listeners run with that tenant bound, exactly as those of a
 * {@code io.lyceum.tenancy.TenantEvent} (see docs/performance.md).
 */
public interface TenantScopedEvent {

    UUID tenantId();
}
