package io.lyceum.platform.idempotency;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Idempotency keys in PostgreSQL; the primary key on (scope, key) makes each claim atomic across instances. */
@Repository
class IdempotencyStore {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final IdempotencyProperties properties;

    IdempotencyStore(JdbcClient jdbc, Clock clock, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** Claims the key for a first request; false when someone already holds it. */
    boolean claim(String scope, String key, String requestHash, String method, String path) {
        Instant now = clock.instant();
        return jdbc.sql("""
                INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, method, path, status,
                                              created_at, expires_at)
                VALUES (:scope, :key, :hash, :method, :path, 'IN_PROGRESS', :now, :expires)
                ON CONFLICT (scope, idempotency_key) DO NOTHING
                """)
                        .param("scope", scope)
                        .param("key", key)
                        .param("hash", requestHash)
                        .param("method", method)
                        .param("path", path)
                        .param("now", utc(now))
                        .param("expires", utc(now.plus(properties.ttl())))
                        .update()
                == 1;
    }

    /**
     * Removes a claim nobody can use any more: an expired key, or an unfinished one whose request died without
     * releasing it. Returns true if the caller may now claim the key again.
     */
    boolean releaseIfAbandoned(String scope, String key) {
        Instant now = clock.instant();
        return jdbc.sql("""
                DELETE FROM idempotency_keys
                 WHERE scope = :scope AND idempotency_key = :key
                   AND (expires_at <= :now OR (status = 'IN_PROGRESS' AND created_at <= :stale))
                """)
                        .param("scope", scope)
                        .param("key", key)
                        .param("now", utc(now))
                        .param("stale", utc(now.minus(properties.lockTimeout())))
                        .update()
                == 1;
    }

    Optional<StoredKey> find(String scope, String key) {
        return jdbc.sql("""
                SELECT request_hash, status, response_status, response_type, response_location, response_body
                  FROM idempotency_keys
                 WHERE scope = :scope AND idempotency_key = :key
                """)
                .param("scope", scope)
                .param("key", key)
                .query((rs, row) -> new StoredKey(
                        rs.getString("request_hash"),
                        "COMPLETED".equals(rs.getString("status")),
                        rs.getInt("response_status"),
                        rs.getString("response_type"),
                        rs.getString("response_location"),
                        rs.getBytes("response_body")))
                .optional();
    }

    void complete(
            String scope,
            String key,
            int status,
            @Nullable String contentType,
            @Nullable String location,
            byte[] body) {
        jdbc.sql("""
                UPDATE idempotency_keys
                   SET status = 'COMPLETED', response_status = :status, response_type = :type,
                       response_location = :location, response_body = :body
                 WHERE scope = :scope AND idempotency_key = :key
                """)
                .param("status", status)
                .param("type", contentType)
                .param("location", location)
                .param("body", body)
                .param("scope", scope)
                .param("key", key)
                .update();
    }

    void release(String scope, String key) {
        jdbc.sql(
                        "DELETE FROM idempotency_keys WHERE scope = :scope AND idempotency_key = :key AND status = 'IN_PROGRESS'")
                .param("scope", scope)
                .param("key", key)
                .update();
    }

    /** Deletes expired keys; returns how many. */
    int purgeExpired() {
        return jdbc.sql("DELETE FROM idempotency_keys WHERE expires_at <= :now")
                .param("now", utc(clock.instant()))
                .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    record StoredKey(
            String requestHash,
            boolean completed,
            int status,
            @Nullable String contentType,
            @Nullable String location,
            byte @Nullable [] body) {}
}
