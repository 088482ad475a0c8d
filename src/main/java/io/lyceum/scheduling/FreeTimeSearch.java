package io.lyceum.scheduling;

import io.lyceum.catalog.FreeTimeCondition;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The catalog search's "free between X and Y" filter, evaluated in PostgreSQL in one set-based statement: each tutor's
 * precomputed open time ({@link OpenTimeIndex}), clipped to {@code [max(X, now + notice), min(Y, now + horizon +
 * lesson))}, minus the occupying bookings widened by the buffer ({@code [starts_at - buffer, occupied_until)}, read
 * in one pass over the bookings of the span), must leave a gap whose first quarter hour plus the shortest lesson still
 * fits. These are the rules of {@link SlotFinder}. The ids found are handed to both statements of the search (page and
 * counts), so the computation runs once per search.
 */
@Component
class FreeTimeSearch implements FreeTimeCondition {

    /** Bookings that can matter start before Y plus the largest buffer, and end after X. */
    static final String FREE_TUTORS = """
            SELECT o.tutor_id
            FROM tutor_open_time o
            CROSS JOIN LATERAL (
                SELECT greatest(CAST(:x AS timestamptz),
                                CAST(:now AS timestamptz) + make_interval(mins => o.minimum_notice_minutes)) AS lo,
                       least(CAST(:y AS timestamptz),
                             CAST(:now AS timestamptz)
                                 + make_interval(mins => o.horizon_days * 1440 + o.shortest_lesson)
                                 - interval '1 microsecond') AS hi) w
            LEFT JOIN (
                SELECT b.tutor_id,
                       range_agg(tstzrange(b.starts_at - make_interval(mins => s.buffer_minutes), b.occupied_until))
                           AS busy
                FROM bookings b
                JOIN tutor_open_time s ON s.tutor_id = b.tutor_id
                WHERE b.tenant_id = :t
                  AND b.state NOT IN ('CANCELLED', 'DECLINED', 'EXPIRED')
                  AND tstzrange(b.starts_at, b.occupied_until)
                      && tstzrange(CAST(:x AS timestamptz), CAST(:y AS timestamptz) + interval '240 minutes')
                GROUP BY b.tutor_id) bb ON bb.tutor_id = o.tutor_id
            WHERE o.tenant_id = :t
              AND w.lo < w.hi
              AND o.open && tstzrange(w.lo, w.hi)
              AND EXISTS (
                  SELECT 1
                  FROM unnest(o.open * tstzmultirange(tstzrange(w.lo, w.hi))
                              - coalesce(bb.busy, '{}'::tstzmultirange)) AS free
                  WHERE scheduling_quarter_ceil(lower(free)) + make_interval(mins => o.shortest_lesson)
                        <= upper(free))
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    FreeTimeSearch(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The tutors of the current tenant with a bookable lesson of their shortest length inside {@code [from, to)}. */
    List<UUID> freeTutors(Instant from, Instant to) {
        return jdbc.sql(FREE_TUTORS)
                .param("t", TenantContext.require().value())
                .param("x", from.atOffset(ZoneOffset.UTC))
                .param("y", to.atOffset(ZoneOffset.UTC))
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .query(UUID.class)
                .list();
    }

    @Override
    public String condition(Instant from, Instant to, Map<String, Object> params) {
        List<UUID> free = freeTutors(from, to);
        if (free.isEmpty()) {
            return "FALSE";
        }
        params.put("freeTutors", free.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")));
        // a semi-join on the unnested ids (hashed), not = ANY over a long array parameter (a linear scan per row)
        return "ts.tutor_id IN (SELECT unnest(CAST(:freeTutors AS uuid[])))";
    }
}
