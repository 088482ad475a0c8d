package io.lyceum.accounts;

import static io.lyceum.accounts.UserStore.utc;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Started external sign-ins, kept server-side: the OAuth {@code state} (stored hashed), the PKCE code verifier and
 * the hashed OpenID nonce. A state lives ten minutes and is consumed by the first callback that presents it. The
 * state's bytes begin with the tenant id, so the callback, which arrives without {@code X-Tenant}, finds its tenant.
 */
@Repository
class ExternalSignInStates {

    static final Duration TTL = Duration.ofMinutes(10);
    private static final Duration KEEP_EXPIRED = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    enum Purpose {
        LOGIN,
        LINK
    }

    /** A freshly started sign-in, with its secrets in clear (the only time they exist in clear, but the verifier). */
    record Started(String state, String nonce, String codeVerifier, Instant expiresAt) {}

    record Consumed(
            UUID id,
            Purpose purpose,
            UUID userId,
            String codeVerifier,
            String nonceHash,
            boolean cookieMode,
            String browserHash,
            Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    ExternalSignInStates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Started start(
            String provider,
            Purpose purpose,
            @Nullable UUID userId,
            boolean cookieMode,
            @Nullable String browserSecret) {
        UUID tenant = TenantContext.require().value();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String state = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(ByteBuffer.allocate(48)
                        .putLong(tenant.getMostSignificantBits())
                        .putLong(tenant.getLeastSignificantBits())
                        .put(secret)
                        .array());
        String nonce = randomToken();
        String verifier = randomToken(); // 43 characters of base64url: within RFC 7636's 43..128
        Instant now = clock.instant();
        // housekeeping in the same tenant: started sign-ins nobody finished
        jdbc.sql("DELETE FROM external_sign_in_states WHERE expires_at < :cutoff")
                .param("cutoff", utc(now.minus(KEEP_EXPIRED)))
                .update();
        jdbc.sql("""
                INSERT INTO external_sign_in_states (id, tenant_id, provider, state_hash, purpose, user_id,
                                                     code_verifier, nonce_hash, cookie_mode, browser_hash,
                                                     created_at, expires_at)
                VALUES (:id, :tenant, :provider, :state, :purpose, :user, :verifier, :nonce, :cookie, :browser,
                        :now, :expires)
                """)
                .param("id", Ids.newId())
                .param("tenant", tenant)
                .param("provider", provider)
                .param("state", SessionStore.hash(state))
                .param("purpose", purpose.name())
                .param("user", userId)
                .param("verifier", verifier)
                .param("nonce", SessionStore.hash(nonce))
                .param("cookie", cookieMode)
                .param("browser", browserSecret == null ? null : SessionStore.hash(browserSecret))
                .param("now", utc(now))
                .param("expires", utc(now.plus(TTL)))
                .update();
        return new Started(state, nonce, verifier, now.plus(TTL));
    }

    /** The tenant a state belongs to, or empty when it is not one of ours. */
    static Optional<UUID> tenantOf(String state) {
        return SessionStore.tenantOf(state);
    }

    /**
     * Consumes a state atomically: of two callbacks presenting the same state, exactly one gets it. Expired states
     * are consumed too (and reported as such) so they cannot be tried again.
     */
    Optional<Consumed> consume(String provider, String state) {
        return jdbc.sql("""
                UPDATE external_sign_in_states SET consumed_at = :now
                 WHERE state_hash = :state AND provider = :provider AND consumed_at IS NULL
                RETURNING id, purpose, user_id, code_verifier, nonce_hash, cookie_mode, browser_hash, expires_at
                """)
                .param("now", utc(clock.instant()))
                .param("state", SessionStore.hash(state))
                .param("provider", provider)
                .query((rs, row) -> new Consumed(
                        rs.getObject("id", UUID.class),
                        Purpose.valueOf(rs.getString("purpose")),
                        rs.getObject("user_id", UUID.class),
                        rs.getString("code_verifier"),
                        rs.getString("nonce_hash"),
                        rs.getBoolean("cookie_mode"),
                        rs.getString("browser_hash"),
                        requiredInstant(rs, "expires_at")))
                .optional();
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
