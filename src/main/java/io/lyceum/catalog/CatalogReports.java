package io.lyceum.catalog;

import io.lyceum.tenancy.TenantContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link CatalogReporting} over the subjects, tutor profiles and the flushed search counts. */
@Component
class CatalogReports implements CatalogReporting {

    private final JdbcClient jdbc;

    CatalogReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<UUID, String> subjectNames(Collection<UUID> subjectIds) {
        Map<UUID, String> names = new HashMap<>();
        if (subjectIds.isEmpty()) {
            return names;
        }
        jdbc.sql("SELECT id, name FROM subjects WHERE tenant_id = :t AND id = ANY(:ids)")
                .param("t", TenantContext.require().value())
                .param("ids", subjectIds.toArray(UUID[]::new))
                .query(rs -> {
                    names.put(rs.getObject("id", UUID.class), rs.getString("name"));
                });
        return names;
    }

    @Override
    public Map<TutorProfileStatus, Long> tutorProfilesByStatus() {
        Map<TutorProfileStatus, Long> counts = new EnumMap<>(TutorProfileStatus.class);
        for (TutorProfileStatus status : TutorProfileStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, count(*) AS n FROM tutor_profiles WHERE tenant_id = :t GROUP BY status")
                .param("t", TenantContext.require().value())
                .query(rs -> {
                    counts.put(TutorProfileStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                });
        return counts;
    }

    @Override
    public long searches(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT coalesce(sum(searches), 0) FROM catalog_search_counts
                        WHERE tenant_id = :t AND hour >= :from AND hour < :to
                        """)
                .param("t", TenantContext.require().value())
                .param("from", from.atOffset(ZoneOffset.UTC))
                .param("to", to.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
    }
}
