package io.lyceum.accounts;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The platform operator: whoever runs the installation, as opposed to a tenant's staff. It proves itself with a machine
 * secret ({@code lyceum.platform.operator-token}) sent as {@code Authorization: Bearer <token>}, the "internal
 * worker" pattern of seed 000. An empty setting disables it.
 */
@Component
class PlatformOperator {

    private final byte @Nullable [] tokenDigest;
    private final boolean selfService;

    PlatformOperator(
            @Value("${lyceum.platform.operator-token:}") @Nullable String token,
            @Value("${lyceum.tenancy.self-service:false}") boolean selfService) {
        this.tokenDigest = token == null || token.isBlank() ? null : digest(token.trim());
        this.selfService = selfService;
    }

    /** Whether anyone may create a tenant ({@code lyceum.tenancy.self-service}). */
    boolean selfService() {
        return selfService;
    }

    /** Whether the request carries a bearer token. */
    static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /**
     * Whether the request carries the operator token. Compares digests in constant time, so neither the token's
     * content nor its length leaks through response timing.
     */
    boolean isOperator(HttpServletRequest request) {
        if (tokenDigest == null || !hasBearer(request)) {
            return false;
        }
        String presented = request.getHeader("Authorization").substring(7).trim();
        return MessageDigest.isEqual(tokenDigest, digest(presented));
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
