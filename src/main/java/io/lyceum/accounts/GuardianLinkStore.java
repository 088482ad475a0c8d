package io.lyceum.accounts;

import static io.lyceum.accounts.UserStore.utc;
import static io.lyceum.platform.SqlValues.instant;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Guardian–student links of the current tenant. Every query names the tenant as well, behind row-level security.
 */
@Repository
class GuardianLinkStore {

    record Link(
            UUID id,
            UUID guardianId,
            UUID studentId,
            LinkStatus status,
            Instant createdAt,
            @Nullable Instant acceptedAt) {}

    /** One row of "my students" or "my guardians": the link and the user on the other end of it. */
    record LinkedUser(
            UUID linkId,
            UUID userId,
            String fullName,
            String email,
            LinkStatus status,
            @Nullable Instant linkedAt) {}

    /** Sortable fields of the lists and their columns. */
    static final Map<String, String> SORTS =
            Map.of("linkedAt", "l.accepted_at", "fullName", "u.full_name", "email", "u.email_normalized");

    private static final String COLUMNS = "id, guardian_id, student_id, status, created_at, accepted_at";

    private final JdbcClient jdbc;

    GuardianLinkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The pair's link that is not revoked, locked for the rest of the transaction. */
    Optional<Link> lockOpen(UUID guardianId, UUID studentId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM guardian_links
                 WHERE tenant_id = :tenant AND guardian_id = :guardian AND student_id = :student
                   AND status <> 'REVOKED'
                   FOR UPDATE
                """)
                .param("tenant", tenant())
                .param("guardian", guardianId)
                .param("student", studentId)
                .query(GuardianLinkStore::map)
                .optional();
    }

    /** Inserts a link; false when the pair already has one that is not revoked (a concurrent insert won). */
    boolean insert(UUID id, UUID guardianId, UUID studentId, LinkStatus status, Instant now) {
        return jdbc.sql("""
                INSERT INTO guardian_links (id, tenant_id, guardian_id, student_id, status, created_at, accepted_at)
                VALUES (:id, :tenant, :guardian, :student, :status, :now, :accepted)
                ON CONFLICT (tenant_id, guardian_id, student_id) WHERE status <> 'REVOKED' DO NOTHING
                """)
                        .param("id", id)
                        .param("tenant", tenant())
                        .param("guardian", guardianId)
                        .param("student", studentId)
                        .param("status", status.name())
                        .param("now", utc(now))
                        .param("accepted", status == LinkStatus.ACTIVE ? utc(now) : null)
                        .update()
                == 1;
    }

    void activate(UUID id, Instant now) {
        jdbc.sql("""
                UPDATE guardian_links SET status = 'ACTIVE', accepted_at = :now
                 WHERE tenant_id = :tenant AND id = :id AND status = 'PENDING'
                """)
                .param("now", utc(now))
                .param("tenant", tenant())
                .param("id", id)
                .update();
    }

    /** A link that is not revoked and has the user at one of its ends, locked; empty for anyone else's link. */
    Optional<Link> lockOpenOfParty(UUID linkId, UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM guardian_links
                 WHERE tenant_id = :tenant AND id = :id AND status <> 'REVOKED'
                   AND (guardian_id = :user OR student_id = :user)
                   FOR UPDATE
                """)
                .param("tenant", tenant())
                .param("id", linkId)
                .param("user", userId)
                .query(GuardianLinkStore::map)
                .optional();
    }

    void revoke(UUID id, UUID revokedBy, Instant now) {
        jdbc.sql("""
                UPDATE guardian_links SET status = 'REVOKED', revoked_at = :now, revoked_by = :by
                 WHERE tenant_id = :tenant AND id = :id AND status <> 'REVOKED'
                """)
                .param("now", utc(now))
                .param("by", revokedBy)
                .param("tenant", tenant())
                .param("id", id)
                .update();
    }

    boolean isActive(UUID guardianId, UUID studentId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM guardian_links
                                WHERE tenant_id = :tenant AND guardian_id = :guardian AND student_id = :student
                                  AND status = 'ACTIVE')
                """)
                .param("tenant", tenant())
                .param("guardian", guardianId)
                .param("student", studentId)
                .query(Boolean.class)
                .single();
    }

    List<UUID> activeStudentsOf(UUID guardianId) {
        return jdbc.sql("""
                SELECT student_id FROM guardian_links
                 WHERE tenant_id = :tenant AND guardian_id = :guardian AND status = 'ACTIVE'
                 ORDER BY accepted_at, id
                """)
                .param("tenant", tenant())
                .param("guardian", guardianId)
                .query(UUID.class)
                .list();
    }

    /** The students of a guardian's active links. */
    PageResponse<LinkedUser> studentsOf(UUID guardianId, PageQuery query) {
        return page("guardian_id", "student_id", guardianId, LinkStatus.ACTIVE, query);
    }

    /** The guardians of a student's links in the given state (ACTIVE, or PENDING invitations). */
    PageResponse<LinkedUser> guardiansOf(UUID studentId, LinkStatus status, PageQuery query) {
        return page("student_id", "guardian_id", studentId, status, query);
    }

    private PageResponse<LinkedUser> page(
            String ownColumn, String otherColumn, UUID userId, LinkStatus status, PageQuery query) {
        query.requireSortable(SORTS.keySet());
        String where = " FROM guardian_links l JOIN users u ON u.tenant_id = l.tenant_id AND u.id = l." + otherColumn
                + " WHERE l.tenant_id = :tenant AND l." + ownColumn + " = :user AND l.status = :status";
        long total = jdbc.sql("SELECT count(*)" + where)
                .param("tenant", tenant())
                .param("user", userId)
                .param("status", status.name())
                .query(Long.class)
                .single();
        String order = query.sort().isEmpty()
                ? "l.accepted_at DESC NULLS LAST, l.created_at DESC"
                : query.sort().stream()
                        .map(s -> SORTS.get(s.field()) + (s.ascending() ? " ASC" : " DESC") + " NULLS LAST")
                        .collect(Collectors.joining(", "));
        var content = jdbc.sql("SELECT l.id, l." + otherColumn
                        + " AS user_id, u.full_name, u.email, l.status, l.accepted_at" + where + " ORDER BY " + order
                        + ", l.id LIMIT :limit OFFSET :offset")
                .param("tenant", tenant())
                .param("user", userId)
                .param("status", status.name())
                .param("limit", query.size())
                .param("offset", query.offset())
                .query((rs, row) -> new LinkedUser(
                        rs.getObject("id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getString("full_name"),
                        rs.getString("email"),
                        LinkStatus.valueOf(rs.getString("status")),
                        instant(rs, "accepted_at")))
                .list();
        return PageResponse.of(content, query, total);
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    private static Link map(ResultSet rs, int row) throws SQLException {
        return new Link(
                rs.getObject("id", UUID.class),
                rs.getObject("guardian_id", UUID.class),
                rs.getObject("student_id", UUID.class),
                LinkStatus.valueOf(rs.getString("status")),
                requiredInstant(rs, "created_at"),
                instant(rs, "accepted_at"));
    }
}
