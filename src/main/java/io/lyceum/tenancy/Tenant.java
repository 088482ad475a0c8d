package io.lyceum.tenancy;

/** A tenant as other modules see it. */
public record Tenant(
        TenantId id, String slug, String name, TenantStatus status, String defaultCurrency, String timeZone) {

    public boolean isActive() {
        return status == TenantStatus.ACTIVE;
    }
}
