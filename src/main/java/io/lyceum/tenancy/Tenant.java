package io.lyceum.tenancy;

import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;

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

    /** This tenant, or 403 {@code tenant.inactive} when it is suspended or closed. */
    public Tenant requireActive() {
        if (!isActive()) {
            throw inactive();
        }
        return this;
    }

    /** The one answer to a request made in a suspended or closed tenant, however it was identified. */
    public static LyceumException inactive() {
        return new LyceumException(ErrorKind.FORBIDDEN, "tenant.inactive", "This tenant is not active.");
    }
}
