package io.lyceum.agents;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.PersonalKeys;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Personal API keys: created with a name and a scope, shown once, kept only as a SHA-256 (a key carries 256 random
 * bits, so a slow password hash would add nothing), listed with their last use and revoked by their owner. The
 * accounts module's filter chain asks {@link #verify} on each request to {@code /mcp} or the tool gateway; the last
 * use is written at most once per {@code lyceum.agents.key-use-resolution}, not on every call.
 */
@Service
class ApiKeys implements PersonalKeys {

    static final int MAX_LIVE_KEYS = 20;

    enum Scope {
        READ_ONLY,
        FULL
    }

    record KeyView(
            UUID id,
            String name,
            Scope scope,
            String hint,
            Instant createdAt,
            @Nullable Instant lastUsedAt,
            @Nullable Instant revokedAt) {}

    record CreatedKey(KeyView key, String secret) {}

    private record KeyRow(
            UUID id, UUID userId, String scope, @Nullable Timestamp lastUsedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AgentsProperties properties;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(JdbcClient jdbc, Clock clock, AgentsProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    CreatedKey create(CurrentUser owner, String name, Scope scope) {
        long live = jdbc.sql("SELECT count(*) FROM agent_api_keys WHERE user_id = :u AND revoked_at IS NULL")
                .param("u", owner.userId().value())
                .query(Long.class)
                .single();
        if (live >= MAX_LIVE_KEYS) {
            throw LyceumException.conflict(
                    "agents.key_limit_reached", "You have " + MAX_LIVE_KEYS + " live keys; revoke one first.");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PersonalKeys.format(owner.tenantId(), secret);
        UUID id = Ids.newId();
        Instant now = clock.instant();
        // the tenant part is the same for all of a tenant's keys: the hint shows the end of the secret
        String hint = PersonalKeys.PREFIX + "…" + key.substring(key.length() - 6);
        jdbc.sql("""
                INSERT INTO agent_api_keys (id, tenant_id, user_id, name, scope, key_hash, key_hint, created_at)
                VALUES (:id, :t, :u, :name, :scope, :hash, :hint, :now)
                """)
                .param("id", id)
                .param("t", owner.tenantId().value())
                .param("u", owner.userId().value())
                .param("name", name.strip())
                .param("scope", scope.name())
                .param("hash", sha256(key))
                .param("hint", hint)
                .param("now", utc(now))
                .update();
        return new CreatedKey(new KeyView(id, name.strip(), scope, hint, now, null, null), key);
    }

    PageResponse<KeyView> list(CurrentUser owner, PageQuery page) {
        var rows = jdbc.sql("""
                SELECT id, name, scope, key_hint, created_at, last_used_at, revoked_at FROM agent_api_keys
                 WHERE user_id = :u ORDER BY revoked_at IS NOT NULL, created_at DESC, id LIMIT :limit OFFSET :offset
                """)
                .param("u", owner.userId().value())
                .param("limit", page.size())
                .param("offset", page.offset())
                .query((rs, n) -> new KeyView(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        Scope.valueOf(rs.getString("scope")),
                        rs.getString("key_hint"),
                        rs.getTimestamp("created_at").toInstant(),
                        instant(rs.getTimestamp("last_used_at")),
                        instant(rs.getTimestamp("revoked_at"))))
                .list();
        long total = jdbc.sql("SELECT count(*) FROM agent_api_keys WHERE user_id = :u")
                .param("u", owner.userId().value())
                .query(Long.class)
                .single();
        return PageResponse.of(rows, page, total);
    }

    /** Revokes the owner's key; revoking it again changes nothing. Someone else's key is 404. */
    void revoke(CurrentUser owner, UUID id) {
        int found = jdbc.sql("""
                UPDATE agent_api_keys SET revoked_at = coalesce(revoked_at, :now) WHERE id = :id AND user_id = :u
                """)
                .param("now", utc(clock.instant()))
                .param("id", id)
                .param("u", owner.userId().value())
                .update();
        if (found == 0) {
            throw LyceumException.notFound("agents.key_not_found", "You have no API key with this id.");
        }
    }

    @Override
    public Optional<Holder> verify(String presentedKey) {
        TenantContext.require();
        Optional<KeyRow> row = jdbc.sql("""
                SELECT id, user_id, scope, last_used_at FROM agent_api_keys
                 WHERE key_hash = :hash AND revoked_at IS NULL
                """)
                .param("hash", sha256(presentedKey))
                .query((rs, n) -> new KeyRow(
                        rs.getObject("id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getString("scope"),
                        rs.getTimestamp("last_used_at")))
                .optional();
        row.ifPresent(this::recordUse);
        return row.map(r -> new Holder(r.id(), UserId.of(r.userId()), Scope.valueOf(r.scope()) == Scope.READ_ONLY));
    }

    /** Writes the last use only when the recorded one is older than the resolution: a busy key is not a write a call. */
    private void recordUse(KeyRow key) {
        UUID id = key.id();
        Timestamp last = key.lastUsedAt();
        Instant now = clock.instant();
        if (last != null && last.toInstant().isAfter(now.minus(properties.keyUseResolution()))) {
            return;
        }
        jdbc.sql("""
                UPDATE agent_api_keys SET last_used_at = :now
                 WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :stale)
                """)
                .param("now", utc(now))
                .param("id", id)
                .param("stale", utc(now.minus(properties.keyUseResolution())))
                .update();
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {

        return timestamp == null ? null : timestamp.toInstant();
    }
}
