package io.lyceum.billing;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.util.function.Supplier;

/** Test shorthand: runs a read with the tenant bound. */
public final class TenantContextCalls {

    private TenantContextCalls() {}

    public static <T> T call(TenantId tenant, Supplier<T> work) {
        return TenantContext.callAs(tenant, work::get);
    }
}
