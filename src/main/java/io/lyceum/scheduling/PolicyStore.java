package io.lyceum.scheduling;

import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant's cancellation policy and tutors' overrides of it. */
@Repository
class PolicyStore {

    private final JdbcClient jdbc;

    PolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A tutor's overrides; a null field inherits the tenant's value. */
    record Override(
            @Nullable Integer freeCancellationHours,
            @Nullable Integer lateFeePercent,
            @Nullable Integer rescheduleUntilHours,
            @Nullable Integer maxReschedules) {

        static final Override NONE = new Override(null, null, null, null);

        boolean empty() {
            return freeCancellationHours == null
                    && lateFeePercent == null
                    && rescheduleUntilHours == null
                    && maxReschedules == null;
        }
    }

    Optional<CancellationPolicy> tenantPolicy() {
        return jdbc.sql("""
                        SELECT free_cancellation_hours, late_fee_percent, reschedule_until_hours, max_reschedules
                        FROM scheduling_policies WHERE tenant_id = :t
                        """)
                .param("t", TenantContext.require().value())
                .query((rs, n) -> new CancellationPolicy(
                        rs.getInt("free_cancellation_hours"),
                        rs.getInt("late_fee_percent"),
                        rs.getInt("reschedule_until_hours"),
                        rs.getInt("max_reschedules")))
                .optional();
    }

    void saveTenantPolicy(CancellationPolicy policy, UUID updatedBy, Instant now) {
        jdbc.sql("""
                        INSERT INTO scheduling_policies (tenant_id, free_cancellation_hours, late_fee_percent,
                                                         reschedule_until_hours, max_reschedules, updated_by, updated_at)
                        VALUES (:t, :free, :fee, :resched, :max, :by, :now)
                        ON CONFLICT (tenant_id) DO UPDATE SET
                            free_cancellation_hours = EXCLUDED.free_cancellation_hours,
                            late_fee_percent = EXCLUDED.late_fee_percent,
                            reschedule_until_hours = EXCLUDED.reschedule_until_hours,
                            max_reschedules = EXCLUDED.max_reschedules,
                            updated_by = EXCLUDED.updated_by,
                            updated_at = EXCLUDED.updated_at,
                            version = scheduling_policies.version + 1
                        """)
                .param("t", TenantContext.require().value())
                .param("free", policy.freeCancellationHours())
                .param("fee", policy.lateFeePercent())
                .param("resched", policy.rescheduleUntilHours())
                .param("max", policy.maxReschedules())
                .param("by", updatedBy)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The tenant's policy and a tutor's overrides, read together. */
    record Policies(Optional<CancellationPolicy> tenant, Override tutor) {}

    /** The tenant's policy (if set) and the tutor's overrides in one statement (booking reads both every time). */
    Policies policies(UUID tutorId) {
        return jdbc.sql("""
                        SELECT sp.tenant_id IS NOT NULL AS has_tenant,
                               sp.free_cancellation_hours, sp.late_fee_percent, sp.reschedule_until_hours,
                               sp.max_reschedules,
                               tp.free_cancellation_hours AS t_free_cancellation_hours,
                               tp.late_fee_percent AS t_late_fee_percent,
                               tp.reschedule_until_hours AS t_reschedule_until_hours,
                               tp.max_reschedules AS t_max_reschedules
                        FROM (SELECT 1) one
                                 LEFT JOIN scheduling_policies sp ON sp.tenant_id = :t
                                 LEFT JOIN tutor_cancellation_policies tp ON tp.tenant_id = :t AND tp.tutor_id = :tutor
                        """)
                .param("t", TenantContext.require().value())
                .param("tutor", tutorId)
                .query((rs, n) -> new Policies(
                        rs.getBoolean("has_tenant")
                                ? Optional.of(new CancellationPolicy(
                                        rs.getInt("free_cancellation_hours"),
                                        rs.getInt("late_fee_percent"),
                                        rs.getInt("reschedule_until_hours"),
                                        rs.getInt("max_reschedules")))
                                : Optional.empty(),
                        new Override(
                                integer(rs, "t_free_cancellation_hours"),
                                integer(rs, "t_late_fee_percent"),
                                integer(rs, "t_reschedule_until_hours"),
                                integer(rs, "t_max_reschedules"))))
                .single();
    }

    Override tutorOverride(UUID tutorId) {
        return jdbc.sql("""
                        SELECT free_cancellation_hours, late_fee_percent, reschedule_until_hours, max_reschedules
                        FROM tutor_cancellation_policies WHERE tenant_id = :t AND tutor_id = :tutor
                        """)
                .param("t", TenantContext.require().value())
                .param("tutor", tutorId)
                .query((rs, n) -> new Override(
                        integer(rs, "free_cancellation_hours"),
                        integer(rs, "late_fee_percent"),
                        integer(rs, "reschedule_until_hours"),
                        integer(rs, "max_reschedules")))
                .optional()
                .orElse(Override.NONE);
    }

    /** Replaces a tutor's overrides; all-null removes them. */
    void saveTutorOverride(UUID tutorId, Override override, Instant now) {
        if (override.empty()) {
            jdbc.sql("DELETE FROM tutor_cancellation_policies WHERE tenant_id = :t AND tutor_id = :tutor")
                    .param("t", TenantContext.require().value())
                    .param("tutor", tutorId)
                    .update();
            return;
        }
        jdbc.sql("""
                        INSERT INTO tutor_cancellation_policies (tutor_id, tenant_id, free_cancellation_hours,
                                                                 late_fee_percent, reschedule_until_hours,
                                                                 max_reschedules, updated_at)
                        VALUES (:tutor, :t, :free, :fee, :resched, :max, :now)
                        ON CONFLICT (tutor_id) DO UPDATE SET
                            free_cancellation_hours = EXCLUDED.free_cancellation_hours,
                            late_fee_percent = EXCLUDED.late_fee_percent,
                            reschedule_until_hours = EXCLUDED.reschedule_until_hours,
                            max_reschedules = EXCLUDED.max_reschedules,
                            updated_at = EXCLUDED.updated_at,
                            version = tutor_cancellation_policies.version + 1
                        """)
                .param("tutor", tutorId)
                .param("t", TenantContext.require().value())
                .param("free", override.freeCancellationHours())
                .param("fee", override.lateFeePercent())
                .param("resched", override.rescheduleUntilHours())
                .param("max", override.maxReschedules())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    private static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
