package io.lyceum.accounts;

import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantId;
import java.security.Principal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The signed-in caller, taken from a verified access token. Controllers receive it with
 * {@code @AuthenticationPrincipal CurrentUser user}.
 */
public record CurrentUser(
        UserId userId,
        TenantId tenantId,
        Role role,
        @Nullable UUID sessionId) implements Principal {

    @Override
    public String getName() {
        return userId.toString();
    }

    /**
     * The session (or personal key) the caller signed in with. Every caller authenticated by the filter chain has one;
     * only the actors other modules make up for their own work (demo data, a listener acting for an admin) have none.
     */
    public UUID requireSessionId() {
        return java.util.Objects.requireNonNull(sessionId, "a signed-in caller has a session");
    }

    public boolean isStaff() {
        return role.isStaff();
    }
}
