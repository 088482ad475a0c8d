package io.lyceum.catalog;

import io.lyceum.tenancy.TenantContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tutor photo metadata, one row per tutor (the image itself is in {@link io.lyceum.platform.FileStorage}). */
@Repository
class TutorPhotoStore {

    record Photo(
            UUID id,
            UUID tutorId,
            String storageKey,
            String contentType,
            long sizeBytes,
            String sha256,
            Instant createdAt) {

        String etag() {
            return "\"" + sha256 + "\"";
        }
    }

    private static final String COLUMNS = "id, tutor_id, storage_key, content_type, size_bytes, sha256, created_at";

    private final JdbcClient jdbc;

    TutorPhotoStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    Optional<Photo> find(UUID tutorId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tutor_photos WHERE tenant_id = :t AND tutor_id = :tutor")
                .param("t", tenant())
                .param("tutor", tutorId)
                .query((rs, n) -> new Photo(
                        rs.getObject("id", UUID.class),
                        rs.getObject("tutor_id", UUID.class),
                        rs.getString("storage_key"),
                        rs.getString("content_type"),
                        rs.getLong("size_bytes"),
                        rs.getString("sha256"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    /**
     * Serialises photo changes of one tutor for the rest of the transaction with an advisory lock on the tutor's id
     * (the catalog has no row of its own that every tutor is sure to have, and accounts' users rows are not ours to
     * lock).
     */
    void lockTutor(UUID tutorId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('catalog.tutor_photo:' || CAST(:tutor AS text), 0))")
                .param("tutor", tutorId)
                .query((rs, n) -> Boolean.TRUE)
                .single();
    }

    /** Records a new photo and returns the one it replaces (call with the tutor locked). */
    Optional<Photo> replace(Photo photo) {
        Optional<Photo> previous = find(photo.tutorId());
        jdbc.sql("""
                INSERT INTO tutor_photos (tutor_id, tenant_id, id, storage_key, content_type, size_bytes, sha256,
                                          created_at)
                VALUES (:tutor, :t, :id, :key, :type, :size, :sha, :created)
                ON CONFLICT (tutor_id) DO UPDATE
                   SET id = excluded.id, storage_key = excluded.storage_key, content_type = excluded.content_type,
                       size_bytes = excluded.size_bytes, sha256 = excluded.sha256, created_at = excluded.created_at
                """)
                .param("tutor", photo.tutorId())
                .param("t", tenant())
                .param("id", photo.id())
                .param("key", photo.storageKey())
                .param("type", photo.contentType())
                .param("size", photo.sizeBytes())
                .param("sha", photo.sha256())
                .param("created", photo.createdAt().atOffset(ZoneOffset.UTC))
                .update();
        return previous;
    }

    /** Deletes the tutor's photo row and returns its storage key. */
    Optional<String> delete(UUID tutorId) {
        return jdbc.sql("DELETE FROM tutor_photos WHERE tenant_id = :t AND tutor_id = :tutor RETURNING storage_key")
                .param("t", tenant())
                .param("tutor", tutorId)
                .query(String.class)
                .optional();
    }
}
