package io.lyceum.catalog;

import io.lyceum.shared.Ids;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Favorite tutors of the current tenant's students and guardians. */
@Repository
class FavoriteStore {

    record Favorite(UUID tutorId, Instant createdAt) {}

    /** Only favorites whose tutor is publicly visible (APPROVED with a published version). */
    private static final String VISIBLE = """
            FROM favorites f JOIN tutor_profiles p ON p.tenant_id = f.tenant_id AND p.tutor_id = f.tutor_id
            WHERE f.tenant_id = :t AND f.user_id = :user AND p.status = 'APPROVED' AND p.published IS NOT NULL
            """;

    private final JdbcClient jdbc;

    FavoriteStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    private static Favorite row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Favorite(
                rs.getObject("tutor_id", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    /** Adds a favorite; true when it was new, false when it was there already. */
    boolean add(UUID userId, UUID tutorId, Instant now) {
        return jdbc.sql("""
                        INSERT INTO favorites (id, tenant_id, user_id, tutor_id, created_at)
                        VALUES (:id, :t, :user, :tutor, :now)
                        ON CONFLICT (tenant_id, user_id, tutor_id) DO NOTHING
                        """)
                        .param("id", Ids.newId())
                        .param("t", tenant())
                        .param("user", userId)
                        .param("tutor", tutorId)
                        .param("now", now.atOffset(ZoneOffset.UTC))
                        .update()
                == 1;
    }

    /** A favorite whose tutor is publicly visible. */
    Optional<Favorite> findVisible(UUID userId, UUID tutorId) {
        return jdbc.sql("SELECT f.tutor_id, f.created_at " + VISIBLE + " AND f.tutor_id = :tutor")
                .param("t", tenant())
                .param("user", userId)
                .param("tutor", tutorId)
                .query(FavoriteStore::row)
                .optional();
    }

    boolean remove(UUID userId, UUID tutorId) {
        return jdbc.sql("DELETE FROM favorites WHERE tenant_id = :t AND user_id = :user AND tutor_id = :tutor")
                        .param("t", tenant())
                        .param("user", userId)
                        .param("tutor", tutorId)
                        .update()
                == 1;
    }

    /** The user's favorites with publicly visible tutors, newest first. */
    PageResponse<Favorite> list(UUID userId, PageQuery page) {
        long total = jdbc.sql("SELECT count(*) " + VISIBLE)
                .param("t", tenant())
                .param("user", userId)
                .query(Long.class)
                .single();
        List<Favorite> rows = jdbc.sql("SELECT f.tutor_id, f.created_at " + VISIBLE
                        + " ORDER BY f.created_at DESC, f.id DESC LIMIT :limit OFFSET :offset")
                .param("t", tenant())
                .param("user", userId)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(FavoriteStore::row)
                .list();
        return PageResponse.of(rows, page, total);
    }
}
