package io.lyceum.scheduling;

import io.lyceum.scheduling.OpenHours.Interval;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code tutor_open_time} and {@code tutor_open_intervals} tables behind the catalog search's "free between X and
 * Y" filter: each tutor's open hours from yesterday to the end of the booking horizon plus a margin, as merged
 * intervals. Rewritten in the transaction of every availability change; {@link OpenTimeRefreshJob} rolls them forward
 * daily.
 */
@Repository
class OpenTimeIndex {

    /** How far beyond the horizon the open time is computed, so a day without the daily job loses nothing. */
    static final Duration MARGIN = Duration.ofDays(3);

    /** The longest piece stored (the filter's SQL relies on it: pieces overlapping [lo, hi) end before hi + 2 days). */
    static final Duration PIECE = Duration.ofDays(2);

    /** How much consecutive pieces of a long interval overlap: at least the longest lesson. */
    static final Duration PIECE_OVERLAP = Duration.ofMinutes(AvailabilityRules.MAX_LESSON);

    private final JdbcClient jdbc;
    private final ScheduleStore schedules;
    private final Clock clock;

    OpenTimeIndex(JdbcClient jdbc, ScheduleStore schedules, Clock clock) {
        this.jdbc = jdbc;
        this.schedules = schedules;
        this.clock = clock;
    }

    /**
     * Recomputes the tutor's open time from the stored schedule, in the current tenant and transaction, after taking a
     * share lock on the schedule row so that an edit in progress finishes first.
     */
    void refreshLocked(UUID tutorId) {
        boolean exists = !jdbc.sql("SELECT 1 FROM tutor_schedules WHERE tutor_id = :tutor FOR SHARE")
                .param("tutor", tutorId)
                .query()
                .listOfRows()
                .isEmpty();
        if (exists) {
            schedules.find(tutorId).ifPresent(this::refresh);
        }
    }

    void refresh(TutorSchedule schedule) {
        Instant now = clock.instant();
        Instant from = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        Instant until = now.plus(Duration.ofDays(schedule.horizonDays())).plus(MARGIN);
        List<Interval> open = pieces(OpenHours.between(schedule, from, until));
        int updated = jdbc.sql("""
                        INSERT INTO tutor_open_time (tutor_id, tenant_id, covers, buffer_minutes,
                                                     minimum_notice_minutes, horizon_days, shortest_lesson,
                                                     schedule_version, computed_at)
                        VALUES (:tutor, :t, tstzrange(:from, :until), :buffer, :notice, :horizon, :shortest,
                                :version, :now)
                        ON CONFLICT (tutor_id) DO UPDATE
                            SET covers = excluded.covers, buffer_minutes = excluded.buffer_minutes,
                                minimum_notice_minutes = excluded.minimum_notice_minutes,
                                horizon_days = excluded.horizon_days, shortest_lesson = excluded.shortest_lesson,
                                schedule_version = excluded.schedule_version, computed_at = excluded.computed_at
                            WHERE tutor_open_time.schedule_version <= excluded.schedule_version
                        """)
                .param("tutor", schedule.tutorId())
                .param("t", TenantContext.require().value())
                .param("from", from.atOffset(ZoneOffset.UTC))
                .param("until", until.atOffset(ZoneOffset.UTC))
                .param("buffer", (int) schedule.buffer().toMinutes())
                .param("notice", (int) schedule.minimumNotice().toMinutes())
                .param("horizon", schedule.horizonDays())
                .param(
                        "shortest",
                        schedule.lessonLengths().stream()
                                .mapToInt(Integer::intValue)
                                .min()
                                .orElse(60))
                .param("version", schedule.version())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        if (updated == 0) {
            return; // a newer version of the schedule was indexed meanwhile
        }
        jdbc.sql("DELETE FROM tutor_open_intervals WHERE tutor_id = :tutor")
                .param("tutor", schedule.tutorId())
                .update();
        if (!open.isEmpty()) {
            jdbc.sql("""
                            INSERT INTO tutor_open_intervals (tutor_id, tenant_id, starts_at, ends_at)
                            SELECT :tutor, :t, a, b
                            FROM unnest(CAST(:starts AS timestamptz[]), CAST(:ends AS timestamptz[])) AS x(a, b)
                            """)
                    .param("tutor", schedule.tutorId())
                    .param("t", TenantContext.require().value())
                    .param("starts", instants(open.stream().map(Interval::start).toList()))
                    .param("ends", instants(open.stream().map(Interval::end).toList()))
                    .update();
        }
    }

    /**
     * Tutors of the current tenant whose open time needs recomputing: it ends less than the horizon plus one day from
     * now, or it was computed from an older version of the schedule (or never). Keyset-paged by tutor id.
     */
    List<UUID> stale(@Nullable UUID after, int limit) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        SELECT s.tutor_id FROM tutor_schedules s
                        LEFT JOIN tutor_open_time o ON o.tutor_id = s.tutor_id
                        WHERE s.tenant_id = :t AND (CAST(:after AS uuid) IS NULL OR s.tutor_id > CAST(:after AS uuid))
                          AND (o.tutor_id IS NULL OR o.schedule_version <> s.version
                               OR upper(o.covers) < :now + make_interval(days => s.horizon_days + 1))
                        ORDER BY s.tutor_id LIMIT :limit
                        """)
                .param("t", TenantContext.require().value())
                .param("after", after)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /**
     * The intervals cut into pieces of at most {@link #PIECE}, consecutive pieces overlapping by
     * {@link #PIECE_OVERLAP}, so that every lesson inside an interval lies inside one of its pieces.
     */
    static List<Interval> pieces(List<Interval> intervals) {
        List<Interval> pieces = new java.util.ArrayList<>();
        for (Interval interval : intervals) {
            Instant start = interval.start();
            while (Duration.between(start, interval.end()).compareTo(PIECE) > 0) {
                pieces.add(new Interval(start, start.plus(PIECE)));
                start = start.plus(PIECE).minus(PIECE_OVERLAP);
            }
            pieces.add(new Interval(start, interval.end()));
        }
        return pieces;
    }

    /** A {@code timestamptz[]} literal. */
    static String instants(List<Instant> instants) {
        return instants.stream().map(Instant::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
