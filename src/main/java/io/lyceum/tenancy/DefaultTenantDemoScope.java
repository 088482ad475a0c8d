package io.lyceum.tenancy;

import io.lyceum.platform.DemoDataScope;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** Demo data belongs to the default tenant: bind it before the loader opens each contribution's transaction. */
@Component
class DefaultTenantDemoScope implements DemoDataScope {

    @Override
    public <T> T call(Supplier<T> work) {
        return TenantContext.callAs(TenantId.DEFAULT, work);
    }
}
