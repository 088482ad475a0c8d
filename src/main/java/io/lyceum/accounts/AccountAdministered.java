package io.lyceum.accounts;

import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Published inside the transaction of an administrative action on an account (by an admin or owner, or by the
 * platform operator creating a tenant's owner), so the audit log can record it after commit. {@code before} and
 * {@code after} hold the fields the action changed.
 *
 * @param actorId the user who acted; null for the platform operator or a self-service sign-up
 * @param action one of {@link #ACTIONS}
 * @param requestId the {@code X-Request-Id} of the request that did it, when there was one
 */
public record AccountAdministered(
        TenantId tenantId,
        @Nullable UUID actorId,
        String action,
        UserId subjectUserId,
        Map<String, Object> before,
        Map<String, Object> after,
        @Nullable String reason,
        Instant occurredAt,
        @Nullable String requestId)
        implements TenantEvent {

    public static final String PROFILE_UPDATED = "USER_PROFILE_UPDATED";
    public static final String ROLE_CHANGED = "USER_ROLE_CHANGED";
    public static final String SUSPENDED = "USER_SUSPENDED";
    public static final String BANNED = "USER_BANNED";
    public static final String REINSTATED = "USER_REINSTATED";
    public static final String DELETED = "USER_DELETED";
    public static final String PASSWORD_RESET_SENT = "USER_PASSWORD_RESET_SENT";
    public static final String OWNER_CREATED = "TENANT_OWNER_CREATED";

    public static final java.util.List<String> ACTIONS = java.util.List.of(
            PROFILE_UPDATED, ROLE_CHANGED, SUSPENDED, BANNED, REINSTATED, DELETED, PASSWORD_RESET_SENT, OWNER_CREATED);
}
