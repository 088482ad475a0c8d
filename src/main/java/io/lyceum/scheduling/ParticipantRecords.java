package io.lyceum.scheduling;

import io.lyceum.tenancy.TenantContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A tutor's and a client's record over their bookings (the trust module's inputs), counted from the bookings and their
 * history: who cancelled under which rule, how a dispute was settled, how long a request waited for the tutor.
 */
@Component
class ParticipantRecords {

    private final JdbcClient jdbc;

    ParticipantRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Map<String, Object> states() {
        Map<String, Object> p = new HashMap<>();
        p.put("cancelled", BookingState.CANCELLED.name());
        p.put("noShowTutor", BookingState.NO_SHOW_TUTOR.name());
        p.put("noShowStudent", BookingState.NO_SHOW_STUDENT.name());
        p.put("resolved", BookingState.RESOLVED.name());
        p.put("expired", BookingState.EXPIRED.name());
        p.put("requested", BookingState.REQUESTED.name());
        p.put("answered", java.util.List.of(BookingState.CONFIRMED.name(), BookingState.DECLINED.name()));
        p.put("tutorCancelled", CancellationPolicy.TUTOR_CANCELLED);
        p.put("lateCancellation", CancellationPolicy.LATE_CANCELLATION);
        p.put("tutorLost", java.util.List.of(DisputeOutcome.REFUND_STUDENT.name(), DisputeOutcome.SPLIT.name()));
        p.put("clientLost", DisputeOutcome.RELEASE_TUTOR.name());
        p.put("t", TenantContext.require().value());
        return p;
    }

    /** The last history row of a booking that entered {@code state}, as a correlated condition. */
    private static String lastEntry(String state, String condition) {
        return "EXISTS (SELECT 1 FROM booking_history h WHERE h.booking_id = b.id AND h.tenant_id = b.tenant_id"
                + " AND h.to_state = " + state + " AND " + condition + ")";
    }

    SchedulingApi.TutorRecord tutor(UUID tutorId) {
        Map<String, Object> p = states();
        p.put("id", tutorId);
        var counts = jdbc.sql("""
                        SELECT count(*) FILTER (WHERE booking_done(b.state)) AS done,
                               count(*) FILTER (WHERE b.state = :cancelled AND %s) AS cancelled,
                               count(*) FILTER (WHERE b.state = :noShowTutor) AS no_shows,
                               count(*) FILTER (WHERE b.state = :resolved AND %s) AS disputes_lost
                        FROM bookings b WHERE b.tenant_id = :t AND b.tutor_id = :id
                        """.formatted(
                                lastEntry(":cancelled", "h.details ->> 'rule' = :tutorCancelled"),
                                lastEntry(":resolved", "h.details ->> 'outcome' IN (:tutorLost)")))
                .params(p)
                .query((rs, n) -> new long[] {
                    rs.getLong("done"), rs.getLong("cancelled"), rs.getLong("no_shows"), rs.getLong("disputes_lost")
                })
                .single();
        var response = jdbc.sql("""
                        SELECT count(*) AS answered,
                               percentile_cont(0.5) WITHIN GROUP (
                                   ORDER BY extract(EPOCH FROM a.occurred_at - r.occurred_at)) AS median_seconds
                        FROM bookings b
                                 JOIN booking_history r ON r.booking_id = b.id AND r.to_state = :requested
                                 JOIN booking_history a ON a.booking_id = b.id AND a.from_state = :requested
                                     AND a.to_state IN (:answered) AND a.actor_role = 'TUTOR'
                        WHERE b.tenant_id = :t AND b.tutor_id = :id
                        """)
                .params(p)
                .query((rs, n) -> {
                    double median = rs.getDouble("median_seconds");
                    Duration value = rs.wasNull() ? null : Duration.ofSeconds(Math.round(median));
                    return new Object[] {rs.getLong("answered"), value};
                })
                .single();
        return new SchedulingApi.TutorRecord(
                counts[0], counts[1], counts[2], counts[3], (Long) response[0], (Duration) response[1]);
    }

    SchedulingApi.ClientRecord client(UUID studentId) {
        Map<String, Object> p = states();
        p.put("id", studentId);
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE b.price_amount > 0) AS to_pay,
                               count(*) FILTER (WHERE b.state = :expired AND %s) AS lapsed,
                               count(*) FILTER (WHERE booking_done(b.state)) AS done,
                               count(*) FILTER (WHERE b.state = :cancelled AND %s) AS late,
                               count(*) FILTER (WHERE b.state = :noShowStudent) AS no_shows,
                               count(*) FILTER (WHERE b.state = :resolved AND %s) AS disputes_lost
                        FROM bookings b WHERE b.tenant_id = :t AND b.student_id = :id
                        """.formatted(
                                lastEntry(":expired", "h.actor_role = 'SYSTEM'"),
                                lastEntry(":cancelled", "h.details ->> 'rule' = :lateCancellation"),
                                lastEntry(":resolved", "h.details ->> 'outcome' = :clientLost")))
                .params(p)
                .query((rs, n) -> new SchedulingApi.ClientRecord(
                        rs.getLong("to_pay"),
                        rs.getLong("lapsed"),
                        rs.getLong("done"),
                        rs.getLong("late"),
                        rs.getLong("no_shows"),
                        rs.getLong("disputes_lost")))
                .single();
    }
}
