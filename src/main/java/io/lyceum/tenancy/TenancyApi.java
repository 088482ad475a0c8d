package io.lyceum.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** What other modules may ask of the tenancy module. */
public interface TenancyApi {

    Optional<Tenant> findById(TenantId id);

    Optional<Tenant> findBySlug(@Nullable String slug);

    /**
     * Every tenant's id, active or not, in id order: jobs that work tenant by tenant iterate them (the tenants table
     * belongs to this module; other modules never read it).
     */
    List<TenantId> tenantIds();

    /** All tenants of the platform, oldest first (for the platform operator). */
    io.lyceum.shared.PageResponse<Tenant> list(io.lyceum.shared.PageQuery page);

    /** The tenant of the current request or job. */
    Tenant current();

    /**
     * Creates an active tenant and, in the same transaction and with the new tenant bound to the thread, runs
     * {@code setup} (for example to create its owner account), so a tenant never exists half set up. Refused with
     * 409 {@code tenant.slug_taken} when the slug is in use and 422 when a field is invalid.
     */
    <T> T create(NewTenant tenant, Function<Tenant, T> setup);
}
