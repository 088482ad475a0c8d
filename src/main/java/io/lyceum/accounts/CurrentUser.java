package io.lyceum.accounts;

import io.lyceum.tenancy.TenantId;
import java.security.Principal;
import java.util.UUID;

/**
 * The signed-in caller, taken from a verified access token. Controllers receive it with
 * {@code @AuthenticationPrincipal CurrentUser user}.
 */
public record CurrentUser(UUID userId, TenantId tenantId, Role role, UUID sessionId) implements Principal {

    @Override
    public String getName() {
        return userId.toString();
    }

    public boolean isStaff() {
        return role.isStaff();
    }
}
