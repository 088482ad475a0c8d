package io.lyceum.tenancy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tenants")
@Tag(name = "Tenants")
class TenantController {

    private final TenancyApi tenants;

    TenantController(TenancyApi tenants) {
        this.tenants = tenants;
    }

    @GetMapping("/current")
    @Operation(
            summary = "The tenant serving this request",
            description = "Public. Chosen by the X-Tenant header (a tenant slug), else the host name, else the "
                    + "default tenant. Front ends use it for branding, currency and time zone.")
    ResponseEntity<PublicTenant> current() {
        Tenant tenant = tenants.current();
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(new PublicTenant(tenant.slug(), tenant.name(), tenant.defaultCurrency(), tenant.timeZone()));
    }

    record PublicTenant(String slug, String name, String defaultCurrency, String timeZone) {}
}
