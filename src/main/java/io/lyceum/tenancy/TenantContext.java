package io.lyceum.tenancy;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The tenant the current thread works for. Set per request by the tenancy module and per job by whoever runs it;
 * code that needs it and finds none fails loudly rather than guessing.
 */
public final class TenantContext {

    private static final ThreadLocal<TenantId> CURRENT = new ThreadLocal<>();

    private TenantContext() {}

    public static Optional<TenantId> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static TenantId require() {
        TenantId tenant = CURRENT.get();
        if (tenant == null) {
            throw new IllegalStateException("No tenant bound to this thread");
        }
        return tenant;
    }

    /** Runs work for a tenant and restores the previous binding afterwards (jobs iterate tenants this way). */
    public static <T> T callAs(TenantId tenant, Supplier<T> work) {
        TenantId previous = CURRENT.get();
        CURRENT.set(tenant);
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }

    public static void runAs(TenantId tenant, Runnable work) {
        callAs(tenant, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Binds the tenant for the rest of the current request. For request infrastructure only (tenant resolution,
     * authentication, which knows the signed-in user's tenant); the request's filter clears it afterwards.
     */
    public static void bindForRequest(TenantId tenant) {
        CURRENT.set(tenant);
    }

    static void clear() {
        CURRENT.remove();
    }

    private static void restore(TenantId previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
