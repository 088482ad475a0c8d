package io.lyceum.trust;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stored scores and the recalculation queue, in the current tenant. */
@Repository
class TrustStore {

    record Stored(SubjectKind kind, UUID subjectId, Breakdown breakdown, Instant computedAt) {}

    record Queued(SubjectKind kind, UUID subjectId) {}

    private static final TypeReference<List<Breakdown.Component>> COMPONENTS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TrustStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    /** Enqueues a recalculation unless one is waiting for the subject; true when this call added it. */
    boolean enqueue(SubjectKind kind, UUID subjectId, String reason, Instant at) {
        return jdbc.sql("""
                                INSERT INTO trust_recalculation_queue (tenant_id, subject_kind, subject_id, reason,
                                                                       enqueued_at)
                                VALUES (:t, :kind, :id, :reason, :at)
                                ON CONFLICT DO NOTHING
                                """)
                        .param("t", tenant())
                        .param("kind", kind.name())
                        .param("id", subjectId)
                        .param("reason", reason.length() > 100 ? reason.substring(0, 100) : reason)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    /**
     * Takes the oldest waiting subjects off the queue (rows another worker holds are skipped); the removal commits with
     * the new scores, so a failed batch stays queued.
     */
    List<Queued> claim(int limit) {
        return jdbc.sql("""
                        DELETE FROM trust_recalculation_queue q
                        WHERE (q.tenant_id, q.subject_kind, q.subject_id) IN (
                            SELECT tenant_id, subject_kind, subject_id FROM trust_recalculation_queue
                            WHERE tenant_id = :t ORDER BY enqueued_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING q.subject_kind, q.subject_id
                        """)
                .param("t", tenant())
                .param("limit", limit)
                .query((rs, n) -> new Queued(
                        SubjectKind.valueOf(rs.getString("subject_kind")), rs.getObject("subject_id", UUID.class)))
                .list();
    }

    /** Enqueues every subject of a kind that has a stored score (time-dependent components); returns how many. */
    int enqueueStored(SubjectKind kind, String reason, Instant at) {
        return jdbc.sql("""
                        INSERT INTO trust_recalculation_queue (tenant_id, subject_kind, subject_id, reason, enqueued_at)
                        SELECT tenant_id, subject_kind, subject_id, :reason, :at FROM trust_scores
                        WHERE tenant_id = :t AND subject_kind = :kind
                        ON CONFLICT DO NOTHING
                        """)
                .param("t", tenant())
                .param("kind", kind.name())
                .param("reason", reason)
                .param("at", Timestamp.from(at))
                .update();
    }

    /** The tenants with subjects queued (a lookup across tenants that returns only their ids). */
    List<TenantId> tenantsWithQueuedSubjects() {
        return jdbc.sql("SELECT trust_tenants_with_queued_subjects()")
                .query((rs, row) -> new TenantId(rs.getObject(1, UUID.class)))
                .list();
    }

    long queued() {
        return jdbc.sql("SELECT count(*) FROM trust_recalculation_queue WHERE tenant_id = :t")
                .param("t", tenant())
                .query(Long.class)
                .single();
    }

    void save(SubjectKind kind, UUID subjectId, Breakdown breakdown, Instant at) {
        jdbc.sql("""
                        INSERT INTO trust_scores (tenant_id, subject_kind, subject_id, score, components, computed_at)
                        VALUES (:t, :kind, :id, :score, CAST(:components AS jsonb), :at)
                        ON CONFLICT (tenant_id, subject_kind, subject_id) DO UPDATE
                            SET score = excluded.score, components = excluded.components,
                                computed_at = excluded.computed_at
                        """)
                .param("t", tenant())
                .param("kind", kind.name())
                .param("id", subjectId)
                .param("score", breakdown.score())
                .param("components", json.writeValueAsString(breakdown.components()))
                .param("at", Timestamp.from(at))
                .update();
    }

    Optional<Stored> find(SubjectKind kind, UUID subjectId) {
        return jdbc.sql("""
                        SELECT score, components::text AS components, computed_at FROM trust_scores
                        WHERE tenant_id = :t AND subject_kind = :kind AND subject_id = :id
                        """)
                .param("t", tenant())
                .param("kind", kind.name())
                .param("id", subjectId)
                .query((rs, n) -> new Stored(
                        kind,
                        subjectId,
                        new Breakdown(rs.getInt("score"), json.readValue(rs.getString("components"), COMPONENTS)),
                        rs.getTimestamp("computed_at").toInstant()))
                .optional();
    }
}
