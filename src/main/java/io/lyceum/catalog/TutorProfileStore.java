package io.lyceum.catalog;

import static io.lyceum.platform.SqlValues.instant;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.shared.Ids;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Tutor profiles of the current tenant and their history. */
@Repository
class TutorProfileStore {

    record ProfileRow(
            UUID tutorId,
            TutorProfileStatus status,
            ProfileDocument draft,
            @Nullable ProfileDocument published,
            boolean pendingReview,
            @Nullable String statusReason,
            long publishedVersion,
            Instant updatedAt,
            @Nullable Instant submittedAt) {

        /**
         * The published version of a row that has one: {@link TutorProfiles#publicProfile} answers only such rows, and
         * an APPROVED profile always has one.
         */
        ProfileDocument requirePublished() {
            return Objects.requireNonNull(published, "the profile has no published version");
        }

        /** A reviewer's decision: new status and reason, out of the review queue, both versions kept as they are. */
        ProfileRow decided(TutorProfileStatus newStatus, @Nullable String reason, Instant at) {
            return new ProfileRow(
                    tutorId, newStatus, draft, published, false, reason, publishedVersion, at, submittedAt);
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TutorProfileStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    private ProfileDocument document(String text) {
        return json.readValue(text, ProfileDocument.class);
    }

    private ProfileRow row(ResultSet rs, int n) throws SQLException {
        String published = rs.getString("published");
        return new ProfileRow(
                rs.getObject("tutor_id", UUID.class),
                TutorProfileStatus.valueOf(rs.getString("status")),
                document(rs.getString("draft")),
                published == null ? null : document(published),
                rs.getBoolean("pending_review"),
                rs.getString("status_reason"),
                rs.getLong("published_version"),
                requiredInstant(rs, "updated_at"),
                instant(rs, "submitted_at"));
    }

    private static final String COLUMNS = "tutor_id, status, draft::text AS draft, published::text AS published, "
            + "pending_review, status_reason, published_version, updated_at, submitted_at";

    /** The profile, creating an empty draft first if there is none; locked for the rest of the transaction. */
    ProfileRow lockOrCreate(UUID tutorId, Instant now) {
        jdbc.sql("""
                INSERT INTO tutor_profiles (tutor_id, tenant_id, status, draft, created_at, updated_at)
                VALUES (:id, :t, 'DRAFT', CAST(:draft AS jsonb), :now, :now)
                ON CONFLICT (tutor_id) DO NOTHING
                """)
                .param("id", tutorId)
                .param("t", tenant())
                .param("draft", json.writeValueAsString(ProfileDocument.EMPTY))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        return lock(tutorId).orElseThrow();
    }

    Optional<ProfileRow> lock(UUID tutorId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tutor_profiles WHERE tenant_id = :t AND tutor_id = :id FOR UPDATE")
                .param("t", tenant())
                .param("id", tutorId)
                .query(this::row)
                .optional();
    }

    Optional<ProfileRow> find(UUID tutorId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tutor_profiles WHERE tenant_id = :t AND tutor_id = :id")
                .param("t", tenant())
                .param("id", tutorId)
                .query(this::row)
                .optional();
    }

    void save(ProfileRow row, Instant now) {
        jdbc.sql("""
                UPDATE tutor_profiles
                SET status = :status, draft = CAST(:draft AS jsonb), published = CAST(:published AS jsonb),
                    pending_review = :pending, status_reason = :reason, published_version = :version,
                    submitted_at = :submitted, updated_at = :now
                WHERE tenant_id = :t AND tutor_id = :id
                """)
                .param("status", row.status().name())
                .param("draft", json.writeValueAsString(row.draft()))
                .param("published", row.published() == null ? null : json.writeValueAsString(row.published()))
                .param("pending", row.pendingReview())
                .param("reason", row.statusReason())
                .param("version", row.publishedVersion())
                .param(
                        "submitted",
                        row.submittedAt() == null ? null : row.submittedAt().atOffset(ZoneOffset.UTC))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("t", tenant())
                .param("id", row.tutorId())
                .update();
    }

    void appendHistory(
            UUID tutorId,
            UUID actorId,
            TutorProfileStatus from,
            TutorProfileStatus to,
            @Nullable String reason,
            Instant at) {
        jdbc.sql("""
                INSERT INTO tutor_profile_history (id, tenant_id, tutor_id, actor_id, actor_role, from_status, to_status,
                                                   reason, at)
                VALUES (:id, :t, :tutor, :actor, :role, :from, :to, :reason, :at)
                """)
                .param("id", Ids.newId())
                .param("t", tenant())
                .param("tutor", tutorId)
                .param("actor", actorId)
                .param("role", actorRole(tutorId, actorId))
                .param("from", from.name())
                .param("to", to.name())
                .param("reason", reason)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The tutor acts on their own profile, admins decide on it, the system acts with no actor. */
    private static String actorRole(UUID tutorId, UUID actorId) {
        if (actorId == null) {
            return "SYSTEM";
        }
        return actorId.equals(tutorId) ? "TUTOR" : "ADMIN";
    }

    record HistoryEntry(
            UUID actorId,
            String actorRole,
            String fromStatus,
            String toStatus,
            @Nullable String reason,
            Instant at) {}

    /** One page of a profile's history, oldest first. */
    PageResponse<HistoryEntry> history(UUID tutorId, PageQuery page) {
        long total = jdbc.sql("SELECT count(*) FROM tutor_profile_history WHERE tenant_id = :t AND tutor_id = :tutor")
                .param("t", tenant())
                .param("tutor", tutorId)
                .query(Long.class)
                .single();
        List<HistoryEntry> rows = jdbc.sql("""
                SELECT actor_id, actor_role, from_status, to_status, reason, at FROM tutor_profile_history
                WHERE tenant_id = :t AND tutor_id = :tutor ORDER BY at, id LIMIT :limit OFFSET :offset
                """)
                .param("t", tenant())
                .param("tutor", tutorId)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query((rs, n) -> new HistoryEntry(
                        rs.getObject("actor_id", UUID.class),
                        rs.getString("actor_role"),
                        rs.getString("from_status"),
                        rs.getString("to_status"),
                        rs.getString("reason"),
                        requiredInstant(rs, "at")))
                .list();
        return PageResponse.of(rows, page, total);
    }

    /** Pending: submitted profiles and approved ones with changes waiting; oldest first. */
    PageResponse<ProfileRow> pending(PageQuery page) {
        return list("(status = 'SUBMITTED' OR (status = 'APPROVED' AND pending_review))", "updated_at ASC", page);
    }

    PageResponse<ProfileRow> approved(PageQuery page) {
        return list("status = 'APPROVED'", "updated_at DESC", page);
    }

    private PageResponse<ProfileRow> list(String condition, String order, PageQuery page) {
        long total = jdbc.sql("SELECT count(*) FROM tutor_profiles WHERE tenant_id = :t AND " + condition)
                .param("t", tenant())
                .query(Long.class)
                .single();
        List<ProfileRow> rows = jdbc.sql("SELECT " + COLUMNS + " FROM tutor_profiles WHERE tenant_id = :t AND "
                        + condition + " ORDER BY " + order + ", tutor_id LIMIT :limit OFFSET :offset")
                .param("t", tenant())
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(this::row)
                .list();
        return PageResponse.of(rows, page, total);
    }

    boolean isApproved(UUID tutorId) {
        return jdbc.sql(
                                "SELECT count(*) FROM tutor_profiles WHERE tenant_id = :t AND tutor_id = :id AND status = 'APPROVED'")
                        .param("t", tenant())
                        .param("id", tutorId)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
