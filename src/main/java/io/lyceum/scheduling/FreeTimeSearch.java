package io.lyceum.scheduling;

import io.lyceum.catalog.FreeTutors;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The catalog search's "free between X and Y" filter, evaluated in PostgreSQL in one statement per search. For each
 * tutor, the precomputed open intervals ({@link OpenTimeIndex}) overlapping {@code [max(X, now + notice), min(Y, now +
 * horizon + lesson))} are read by a short index range scan and clipped to it; each long enough for the shortest lesson
 * is checked against the tutor's occupying bookings around it (none at all settles it at once; otherwise they are
 * subtracted, widened by the buffer: {@code [starts_at - buffer, occupied_until)}, the ranges the exclusion constraint
 * compares, read through the bookings' tutor-and-start index), and the first interval that still leaves a
 * quarter-hour-aligned gap for the lesson settles it. These are the rules of {@link SlotFinder}. The
 * work grows with the number of tutors, not with the number of bookings in the span, and stops at the first gap of each
 * tutor. The catalog asks once per computed search and filters its rows by the ids found.
 */
@Component
class FreeTimeSearch implements FreeTutors {

    static final String FREE_TUTORS = """
            SELECT o.tutor_id
            FROM tutor_open_time o
            CROSS JOIN LATERAL (
                SELECT greatest(CAST(:x AS timestamptz),
                                CAST(:now AS timestamptz) + make_interval(mins => o.minimum_notice_minutes)) AS lo,
                       least(CAST(:y AS timestamptz),
                             CAST(:now AS timestamptz)
                                 + make_interval(mins => o.horizon_days * 1440 + o.shortest_lesson)
                                 - interval '1 microsecond') AS hi,
                       make_interval(mins => o.shortest_lesson) AS lesson,
                       make_interval(mins => o.buffer_minutes) AS buffer) w
            WHERE o.tenant_id = :t
              AND w.lo < w.hi
              AND EXISTS (
                  SELECT 1
                  FROM tutor_open_intervals i
                  CROSS JOIN LATERAL (SELECT tstzrange(i.starts_at, i.ends_at) * tstzrange(w.lo, w.hi) AS r) c
                  WHERE i.tutor_id = o.tutor_id
                    -- pieces last at most 48 hours: those overlapping [lo, hi) end in (lo, hi + 48 hours)
                    AND i.ends_at > w.lo
                    AND i.ends_at < w.hi + interval '48 hours'
                    AND i.starts_at < w.hi
                    AND scheduling_quarter_ceil(lower(c.r)) + w.lesson <= upper(c.r)
                    AND (NOT EXISTS (
                             SELECT 1 FROM bookings b
                             WHERE b.tenant_id = o.tenant_id
                               AND b.tutor_id = o.tutor_id
                               AND booking_occupies_slot(b.state)
                               -- no lesson plus buffer lasts 24 hours: a bounded scan of the tutor's starts
                               AND b.starts_at > lower(c.r) - interval '24 hours'
                               AND b.starts_at < upper(c.r) + w.buffer
                               AND b.occupied_until > lower(c.r))
                         OR EXISTS (
                             SELECT 1
                             FROM unnest(tstzmultirange(c.r) - (
                                 SELECT range_agg(tstzrange(b.starts_at - w.buffer, b.occupied_until))
                                 FROM bookings b
                                 WHERE b.tenant_id = o.tenant_id
                                   AND b.tutor_id = o.tutor_id
                                   AND booking_occupies_slot(b.state)
                                   AND b.starts_at > lower(c.r) - interval '24 hours'
                                   AND b.starts_at < upper(c.r) + w.buffer
                                   AND b.occupied_until > lower(c.r))) AS free
                             WHERE scheduling_quarter_ceil(lower(free)) + w.lesson <= upper(free))))
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    FreeTimeSearch(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The tutors of the current tenant with a bookable lesson of their shortest length inside {@code [from, to)}. */
    @Override
    public List<UUID> freeBetween(Instant from, Instant to) {
        return jdbc.sql(FREE_TUTORS)
                .param("t", TenantContext.require().value())
                .param("x", from.atOffset(ZoneOffset.UTC))
                .param("y", to.atOffset(ZoneOffset.UTC))
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .query(UUID.class)
                .list();
    }
}
