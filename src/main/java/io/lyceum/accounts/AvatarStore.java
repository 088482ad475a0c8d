package io.lyceum.accounts;

import static io.lyceum.accounts.UserStore.utc;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.tenancy.TenantContext;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Avatar metadata, one row per user (the image itself is in {@link io.lyceum.platform.FileStorage}). */
@Repository
class AvatarStore {

    private static final String COLUMNS = "id, user_id, storage_key, content_type, size_bytes, sha256, created_at";

    private final JdbcClient jdbc;

    AvatarStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Avatar> find(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_avatars WHERE user_id = :user")
                .param("user", userId)
                .query((rs, row) -> new Avatar(
                        rs.getObject("id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getString("storage_key"),
                        rs.getString("content_type"),
                        rs.getLong("size_bytes"),
                        rs.getString("sha256"),
                        requiredInstant(rs, "created_at")))
                .optional();
    }

    /**
     * Locks the user's row for the rest of the transaction, so avatar changes of one user happen one after the other
     * and no replaced image is left behind. Empty when the user does not exist in this tenant.
     */
    Optional<String> lockUser(UUID userId) {
        return jdbc.sql("SELECT status FROM users WHERE id = :user FOR UPDATE")
                .param("user", userId)
                .query(String.class)
                .optional();
    }

    /** Records a new avatar and returns the one it replaces (call with the user locked). */
    Optional<Avatar> replace(Avatar avatar) {
        Optional<Avatar> previous = find(avatar.userId());
        jdbc.sql("""
                INSERT INTO user_avatars (user_id, tenant_id, id, storage_key, content_type, size_bytes, sha256,
                                          created_at)
                VALUES (:user, :tenant, :id, :key, :type, :size, :sha, :created)
                ON CONFLICT (user_id) DO UPDATE
                   SET id = excluded.id, storage_key = excluded.storage_key, content_type = excluded.content_type,
                       size_bytes = excluded.size_bytes, sha256 = excluded.sha256, created_at = excluded.created_at
                """)
                .param("user", avatar.userId())
                .param("tenant", TenantContext.require().value())
                .param("id", avatar.id())
                .param("key", avatar.storageKey())
                .param("type", avatar.contentType())
                .param("size", avatar.sizeBytes())
                .param("sha", avatar.sha256())
                .param("created", utc(avatar.createdAt()))
                .update();
        return previous;
    }

    /** Removes the avatar record and returns its storage key, if there was one. */
    Optional<String> delete(UUID userId) {
        return jdbc.sql("DELETE FROM user_avatars WHERE user_id = :user RETURNING storage_key")
                .param("user", userId)
                .query(String.class)
                .optional();
    }
}
