package io.lyceum.accounts;

import static io.lyceum.accounts.UserStore.utc;
import static io.lyceum.platform.SqlValues.instant;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Sessions and their refresh tokens. A refresh token is opaque: the tenant id (so a refresh request finds its tenant
 * without any header) followed by 32 random bytes; only its SHA-256 hash is stored.
 */
@Repository
class SessionStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuthProperties properties;

    SessionStore(JdbcClient jdbc, Clock clock, AuthProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Whether a sign-in from this address with this browser is new for the user: they have signed in before, yet no
     * session since {@code since} came from this address or with this exact browser (either one known is enough, so
     * a browser update at home or a known laptop on a new network stays quiet). The IPv4 and IPv6 loopback addresses
     * are one machine.
     */
    boolean isNewDevice(UUID userId, String ip, String userAgent, Instant since) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM user_sessions WHERE tenant_id = :tenant AND user_id = :user)
                           AND NOT EXISTS (SELECT 1 FROM user_sessions
                                           WHERE tenant_id = :tenant AND user_id = :user AND created_at >= :since
                                             AND (ip_address IS NOT DISTINCT FROM :ip
                                                  OR (:loopback AND ip_address IN (:loopbacks))
                                                  OR user_agent IS NOT DISTINCT FROM :agent))
                        """)
                .param("tenant", TenantContext.require().value())
                .param("user", userId)
                .param("since", utc(since))
                .param("ip", ip)
                .param("agent", truncatedAgent(userAgent))
                .param("loopback", LOOPBACK.contains(ip))
                .param("loopbacks", LOOPBACK)
                .query(Boolean.class)
                .single();
    }

    private static final List<String> LOOPBACK = List.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");

    private static @Nullable String truncatedAgent(@Nullable String userAgent) {
        return userAgent == null ? null : userAgent.substring(0, Math.min(400, userAgent.length()));
    }

    UUID create(UUID userId, String ip, String userAgent) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO user_sessions (id, tenant_id, user_id, created_at, last_used_at, ip_address, user_agent)
                VALUES (:id, :tenant, :user, :now, :now, :ip, :agent)
                """)
                .param("id", id)
                .param("tenant", TenantContext.require().value())
                .param("user", userId)
                .param("now", utc(clock.instant()))
                .param("ip", ip)
                .param("agent", truncatedAgent(userAgent))
                .update();
        return id;
    }

    /**
     * Issues a new refresh token for a session and returns it in clear (the only time it exists in clear). It expires
     * after {@code ttl}, or earlier when the session, started at {@code sessionStartedAt}, reaches its absolute
     * lifetime.
     */
    String issueRefreshToken(UUID sessionId, java.time.Duration ttl, Instant sessionStartedAt) {
        Instant sessionEnds = sessionStartedAt.plus(properties.sessionMaxLifetime());
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        UUID tenant = TenantContext.require().value();
        var buffer = java.nio.ByteBuffer.allocate(48)
                .putLong(tenant.getMostSignificantBits())
                .putLong(tenant.getLeastSignificantBits())
                .put(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO refresh_tokens (id, tenant_id, session_id, token_hash, status, created_at, expires_at)
                VALUES (:id, :tenant, :session, :hash, 'ACTIVE', :now, :expires)
                """)
                .param("id", Ids.newId())
                .param("tenant", tenant)
                .param("session", sessionId)
                .param("hash", hash(token))
                .param("now", utc(now))
                .param("expires", utc(sessionEnds.isBefore(now.plus(ttl)) ? sessionEnds : now.plus(ttl)))
                .update();
        return token;
    }

    /** The tenant a refresh token belongs to, or empty when it is not one of ours. */
    static Optional<UUID> tenantOf(String refreshToken) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(refreshToken);
            if (raw.length != 48) {
                return Optional.empty();
            }
            var buffer = java.nio.ByteBuffer.wrap(raw);
            return Optional.of(new UUID(buffer.getLong(), buffer.getLong()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Locks and returns the refresh token row, so two parallel refreshes with one token cannot both succeed. */
    Optional<RefreshToken> lockRefreshToken(String token) {
        return jdbc.sql("""
                SELECT t.id, t.session_id, t.status, t.expires_at, s.user_id, s.revoked_at, s.created_at,
                       s.last_used_at
                  FROM refresh_tokens t JOIN user_sessions s ON s.id = t.session_id
                 WHERE t.token_hash = :hash
                   FOR UPDATE OF t, s
                """)
                .param("hash", hash(token))
                .query((rs, row) -> new RefreshToken(
                        rs.getObject("id", UUID.class),
                        rs.getObject("session_id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getString("status"),
                        requiredInstant(rs, "expires_at"),
                        rs.getTimestamp("revoked_at") != null,
                        requiredInstant(rs, "created_at"),
                        requiredInstant(rs, "last_used_at")))
                .optional();
    }

    void markRotated(UUID tokenId) {
        jdbc.sql("UPDATE refresh_tokens SET status = 'ROTATED', used_at = :now WHERE id = :id")
                .param("now", utc(clock.instant()))
                .param("id", tokenId)
                .update();
    }

    void touch(UUID sessionId) {
        jdbc.sql("UPDATE user_sessions SET last_used_at = :now WHERE id = :id")
                .param("now", utc(clock.instant()))
                .param("id", sessionId)
                .update();
    }

    /** Revokes one session and all its refresh tokens; true if it was active. */
    boolean revoke(UUID sessionId, String reason) {
        int revoked = jdbc.sql("""
                UPDATE user_sessions SET revoked_at = :now, revoked_reason = :reason
                 WHERE id = :id AND revoked_at IS NULL
                """)
                .param("now", utc(clock.instant()))
                .param("reason", reason)
                .param("id", sessionId)
                .update();
        jdbc.sql("UPDATE refresh_tokens SET status = 'REVOKED' WHERE session_id = :id AND status = 'ACTIVE'")
                .param("id", sessionId)
                .update();
        return revoked == 1;
    }

    /** Revokes every session of a user except one (null for all); returns how many. */
    int revokeAll(UUID userId, @Nullable UUID except, String reason) {
        List<UUID> sessions = jdbc.sql("""
                SELECT id FROM user_sessions
                 WHERE user_id = :user AND revoked_at IS NULL AND (:except::uuid IS NULL OR id <> :except)
                """)
                .param("user", userId)
                .param("except", except)
                .query(UUID.class)
                .list();
        sessions.forEach(id -> revoke(id, reason));
        return sessions.size();
    }

    /** One page of a user's sessions that are not revoked, most recently used first. */
    io.lyceum.shared.PageResponse<Session> activeSessions(UUID userId, io.lyceum.shared.PageQuery page) {
        long total = jdbc.sql("SELECT count(*) FROM user_sessions WHERE user_id = :user AND revoked_at IS NULL")
                .param("user", userId)
                .query(Long.class)
                .single();
        List<Session> rows = jdbc.sql("""
                SELECT id, user_id, created_at, last_used_at, ip_address, user_agent, revoked_at, revoked_reason
                  FROM user_sessions WHERE user_id = :user AND revoked_at IS NULL
                 ORDER BY last_used_at DESC, id DESC LIMIT :limit OFFSET :offset
                """)
                .param("user", userId)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query((rs, row) -> new Session(
                        rs.getObject("id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        requiredInstant(rs, "created_at"),
                        requiredInstant(rs, "last_used_at"),
                        rs.getString("ip_address"),
                        rs.getString("user_agent"),
                        instant(rs, "revoked_at"),
                        rs.getString("revoked_reason")))
                .list();
        return io.lyceum.shared.PageResponse.of(rows, page, total);
    }

    Optional<UUID> ownerOf(UUID sessionId) {
        return jdbc.sql("SELECT user_id FROM user_sessions WHERE id = :id")
                .param("id", sessionId)
                .query(UUID.class)
                .optional();
    }

    /**
     * Whether an access token's session is still good: not revoked, within its absolute lifetime, and its user still
     * active. (Idleness is checked when the session is refreshed: an access token lives 15 minutes.)
     */
    boolean isLive(UUID sessionId, UUID userId) {
        Instant startedAfter = clock.instant().minus(properties.sessionMaxLifetime());
        return jdbc.sql("""
                SELECT count(*) FROM user_sessions s JOIN users u ON u.id = s.user_id
                 WHERE s.id = :session AND s.user_id = :user AND s.revoked_at IS NULL
                   AND s.second_factor_due = false AND u.status = 'ACTIVE' AND s.created_at > :startedAfter
                """)
                        .param("session", sessionId)
                        .param("user", userId)
                        .param("startedAfter", utc(startedAfter))
                        .query(Long.class)
                        .single()
                == 1;
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record RefreshToken(
            UUID id,
            UUID sessionId,
            UUID userId,
            String status,
            Instant expiresAt,
            boolean sessionRevoked,
            Instant sessionCreatedAt,
            Instant sessionLastUsedAt) {}

    /** Whether a session has outlived its absolute lifetime or sat unused past the idle timeout. */
    boolean expired(RefreshToken token, Instant now) {
        return !token.sessionCreatedAt().plus(properties.sessionMaxLifetime()).isAfter(now)
                || !token.sessionLastUsedAt()
                        .plus(properties.sessionIdleTimeout())
                        .isAfter(now);
    }
}
