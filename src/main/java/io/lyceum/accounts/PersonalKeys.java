package io.lyceum.accounts;

import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantId;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Personal API keys ({@code lyk_...}) for AI tools: the agents module owns them (creation, storage, revocation) and
 * implements this interface; the filter chain here authenticates a request that carries one, only on the routes
 * {@link #ROUTES} names, as the key's user with the role that user has now. A key names its tenant (the 22 characters
 * after the prefix), so the tenant is bound before its row is looked up, as an access token's claims do.
 */
public interface PersonalKeys {

    String PREFIX = "lyk_";

    /** The only routes a personal key opens: the MCP endpoint and the agents' tool gateway. */
    java.util.List<String> ROUTES =
            java.util.List.of("/mcp", "/mcp/**", "/api/v1/agents/tools", "/api/v1/agents/tools/call");

    /** The authority a read-only key's requests carry beside the user's role. */
    String READ_ONLY_AUTHORITY = "KEY_SCOPE_READ_ONLY";

    /** A live key: whose it is and whether it may only read. */
    record Holder(UUID keyId, UserId userId, boolean readOnly) {}

    /**
     * The live (not revoked) key with this value in the current tenant, recording its use. Empty when there is none.
     */
    Optional<Holder> verify(String presentedKey);

    /** The tenant a key names, empty when the text is not shaped like a key. */
    static Optional<TenantId> tenantOf(String presentedKey) {
        if (presentedKey == null || !presentedKey.startsWith(PREFIX) || presentedKey.length() < PREFIX.length() + 22) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(presentedKey.substring(PREFIX.length(), PREFIX.length() + 22));
            ByteBuffer bytes = ByteBuffer.wrap(raw);
            return Optional.of(new TenantId(new UUID(bytes.getLong(), bytes.getLong())));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return Optional.empty();
        }
    }

    /** The key's text for a tenant: the prefix, the tenant (22 characters) and the secret (base64url, no padding). */
    static String format(TenantId tenant, byte[] secret) {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(tenant.value().getMostSignificantBits())
                .putLong(tenant.value().getLeastSignificantBits());
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return PREFIX + encoder.encodeToString(bytes.array()) + encoder.encodeToString(secret);
    }

    /** Whether the current request authenticated with a read-only personal key. */
    static boolean currentCallerIsReadOnly() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.getAuthorities().stream().anyMatch(a -> READ_ONLY_AUTHORITY.equals(a.getAuthority()));
    }

    /** Whether the current request authenticated with a personal key rather than an access token. */
    static boolean currentCallerUsesKey() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof PersonalKeyAuthentication;
    }
}
