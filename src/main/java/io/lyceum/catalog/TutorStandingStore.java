package io.lyceum.catalog;

import io.lyceum.tenancy.TenantContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The standing of tutors that other modules report (review aggregates, credibility score), copied into the search rows.
 * A change that leaves the numbers as they were writes nothing and keeps the search cache; a real change bumps the
 * tenant's search version (the cache and the ETags follow it).
 */
@Repository
class TutorStandingStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    TutorStandingStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void recordRating(UUID tutorId, int count, @Nullable BigDecimal average, @Nullable BigDecimal bayesian) {
        BigDecimal rating = count == 0 || average == null ? null : average.setScale(2, RoundingMode.HALF_UP);
        BigDecimal weighted = count == 0 || bayesian == null ? null : bayesian.setScale(3, RoundingMode.HALF_UP);
        jdbc.sql("""
                        INSERT INTO tutor_standing (tutor_id, tenant_id, rating_count, rating, bayesian_rating, updated_at)
                        VALUES (:id, :t, :n, :r, :b, :now)
                        ON CONFLICT (tutor_id) DO UPDATE
                            SET rating_count = excluded.rating_count, rating = excluded.rating,
                                bayesian_rating = excluded.bayesian_rating, updated_at = excluded.updated_at
                        """)
                .param("id", tutorId)
                .param("t", TenantContext.require().value())
                .param("n", count)
                .param("r", rating)
                .param("b", weighted)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        jdbc.sql("""
                        WITH changed AS (
                            UPDATE tutor_search SET rating = :r, rating_count = :n, bayesian_rating = :b
                            WHERE tenant_id = :t AND tutor_id = :id
                              AND (rating, rating_count, bayesian_rating) IS DISTINCT FROM
                                  (CAST(:r AS numeric), CAST(:n AS int), CAST(:b AS numeric))
                            RETURNING tenant_id)
                        SELECT count(catalog_bump_search_version(tenant_id)) FROM changed
                        """)
                .param("id", tutorId)
                .param("t", TenantContext.require().value())
                .param("n", count)
                .param("r", rating)
                .param("b", weighted)
                .query(Long.class)
                .single();
    }

    /**
     * Several tutors' scores: their rows in id order, then the tenant's search version once if any search row changed,
     * so a batch never holds the version while it waits for a tutor's row.
     */
    void recordScores(java.util.Map<UUID, BigDecimal> scores) {
        long changed = 0;
        for (UUID tutorId : new java.util.TreeMap<>(scores).keySet()) {
            BigDecimal score = scores.get(tutorId);
            BigDecimal value = score == null ? null : score.setScale(2, RoundingMode.HALF_UP);
            jdbc.sql("""
                            INSERT INTO tutor_standing (tutor_id, tenant_id, trust_score, updated_at)
                            VALUES (:id, :t, :s, :now)
                            ON CONFLICT (tutor_id) DO UPDATE SET trust_score = excluded.trust_score,
                                                                 updated_at = excluded.updated_at
                            """)
                    .param("id", tutorId)
                    .param("t", TenantContext.require().value())
                    .param("s", value)
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
            changed += jdbc.sql("""
                            UPDATE tutor_search SET trust_score = :s
                            WHERE tenant_id = :t AND tutor_id = :id AND trust_score IS DISTINCT FROM CAST(:s AS numeric)
                            """)
                    .param("id", tutorId)
                    .param("t", TenantContext.require().value())
                    .param("s", value)
                    .update();
        }
        if (changed > 0) {
            jdbc.sql("SELECT catalog_bump_search_version(:t)")
                    .param("t", TenantContext.require().value())
                    .query(rs -> {});
        }
    }

    void recordScore(UUID tutorId, BigDecimal score) {
        BigDecimal value = score == null ? null : score.setScale(2, RoundingMode.HALF_UP);
        jdbc.sql("""
                        INSERT INTO tutor_standing (tutor_id, tenant_id, trust_score, updated_at)
                        VALUES (:id, :t, :s, :now)
                        ON CONFLICT (tutor_id) DO UPDATE SET trust_score = excluded.trust_score,
                                                             updated_at = excluded.updated_at
                        """)
                .param("id", tutorId)
                .param("t", TenantContext.require().value())
                .param("s", value)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        jdbc.sql("""
                        WITH changed AS (
                            UPDATE tutor_search SET trust_score = :s
                            WHERE tenant_id = :t AND tutor_id = :id
                              AND trust_score IS DISTINCT FROM CAST(:s AS numeric)
                            RETURNING tenant_id)
                        SELECT count(catalog_bump_search_version(tenant_id)) FROM changed
                        """)
                .param("id", tutorId)
                .param("t", TenantContext.require().value())
                .param("s", value)
                .query(Long.class)
                .single();
    }

    /** When the tutor's profile was first approved, from its history; null when never. */
    java.time.@Nullable Instant firstApprovedAt(UUID tutorId) {
        return jdbc.sql("""
                        SELECT min(at) FROM tutor_profile_history
                        WHERE tenant_id = :t AND tutor_id = :id AND to_status = 'APPROVED'
                        """)
                .param("t", TenantContext.require().value())
                .param("id", tutorId)
                // min() answers one row, NULL when the profile was never approved
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)))
                .single()
                .map(Timestamp::toInstant)
                .orElse(null);
    }
}
