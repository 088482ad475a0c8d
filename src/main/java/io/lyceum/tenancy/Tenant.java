package io.lyceum.tenancy;

/**
 * A tenant as other modules see it.
 *
 * @param requireEmailVerification whether users must verify their email before they can sign in (default true)
 */
public record Tenant(
        TenantId id,
        String slug,
        String name,
        TenantStatus status,
        String defaultCurrency,
        String timeZone,
        boolean requireEmailVerification) {

    public boolean isActive() {
        return status == TenantStatus.ACTIVE;
    }
}
