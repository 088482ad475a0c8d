package io.lyceum.tenancy;

import java.util.Optional;

/** What other modules may ask of the tenancy module. */
public interface TenancyApi {

    Optional<Tenant> findById(TenantId id);

    Optional<Tenant> findBySlug(String slug);

    /** The tenant of the current request or job. */
    Tenant current();
}
