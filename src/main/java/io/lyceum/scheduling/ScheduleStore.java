package io.lyceum.scheduling;

import io.lyceum.tenancy.TenantContext;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tutors' schedules: settings, weekly windows and dated overrides. */
@Repository
class ScheduleStore {

    private final JdbcClient jdbc;

    ScheduleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A tutor's schedule with its windows and overrides, in one statement (slots and bookings read it on every
     * request): the windows and overrides come as parallel arrays, in their display order.
     */
    Optional<TutorSchedule> find(UUID tutorId) {
        return jdbc.sql("""
                        SELECT s.tutor_id, s.time_zone, s.buffer_minutes, s.minimum_notice_minutes, s.horizon_days,
                               s.lesson_lengths, s.requires_confirmation, s.version, w.*, o.*
                        FROM tutor_schedules s
                                 CROSS JOIN LATERAL (
                            SELECT array_agg(id ORDER BY day_of_week, start_time, id) AS w_ids,
                                   array_agg(day_of_week::int ORDER BY day_of_week, start_time, id) AS w_days,
                                   array_agg(start_time::text ORDER BY day_of_week, start_time, id) AS w_starts,
                                   array_agg(end_time::text ORDER BY day_of_week, start_time, id) AS w_ends
                            FROM availability_windows WHERE tutor_id = s.tutor_id) w
                                 CROSS JOIN LATERAL (
                            SELECT array_agg(id ORDER BY on_date, start_time NULLS FIRST, id) AS o_ids,
                                   array_agg(on_date::text ORDER BY on_date, start_time NULLS FIRST, id) AS o_dates,
                                   array_agg(kind::text ORDER BY on_date, start_time NULLS FIRST, id) AS o_kinds,
                                   array_agg(start_time::text ORDER BY on_date, start_time NULLS FIRST, id) AS o_starts,
                                   array_agg(end_time::text ORDER BY on_date, start_time NULLS FIRST, id) AS o_ends,
                                   array_agg(note::text ORDER BY on_date, start_time NULLS FIRST, id) AS o_notes
                            FROM availability_overrides WHERE tutor_id = s.tutor_id) o
                        WHERE s.tutor_id = :tutor
                        """)
                .param("tutor", tutorId)
                .query((rs, n) -> {
                    TutorSchedule s = settings(rs);
                    return new TutorSchedule(
                            s.tutorId(),
                            s.zone(),
                            s.buffer(),
                            s.minimumNotice(),
                            s.horizonDays(),
                            s.lessonLengths(),
                            s.requiresConfirmation(),
                            windows(rs),
                            overrides(rs),
                            s.version());
                })
                .optional();
    }

    private static List<TutorSchedule.Window> windows(ResultSet rs) throws SQLException {
        UUID[] ids = array(rs, "w_ids", UUID[].class);
        if (ids == null) {
            return List.of();
        }
        Integer[] days = sibling(rs, "w_days", Integer[].class);
        String[] starts = sibling(rs, "w_starts", String[].class);
        String[] ends = sibling(rs, "w_ends", String[].class);
        List<TutorSchedule.Window> windows = new java.util.ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            windows.add(new TutorSchedule.Window(ids[i], DayOfWeek.of(days[i]), time(starts[i]), time(ends[i])));
        }
        return List.copyOf(windows);
    }

    private static List<TutorSchedule.Override> overrides(ResultSet rs) throws SQLException {
        UUID[] ids = array(rs, "o_ids", UUID[].class);
        if (ids == null) {
            return List.of();
        }
        String[] dates = sibling(rs, "o_dates", String[].class);
        String[] kinds = sibling(rs, "o_kinds", String[].class);
        String[] starts = sibling(rs, "o_starts", String[].class);
        String[] ends = sibling(rs, "o_ends", String[].class);
        String[] notes = sibling(rs, "o_notes", String[].class);
        List<TutorSchedule.Override> overrides = new java.util.ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            overrides.add(new TutorSchedule.Override(
                    ids[i],
                    LocalDate.parse(dates[i]),
                    TutorSchedule.OverrideKind.valueOf(kinds[i]),
                    optionalTime(starts[i]),
                    optionalTime(ends[i]),
                    notes[i]));
        }
        return List.copyOf(overrides);
    }

    /** PostgreSQL's text of a time; its 24:00 (the end of a day) is LocalTime.MAX, as the driver reads it. */
    private static LocalTime time(String text) {
        return text.startsWith("24:") ? LocalTime.MAX : LocalTime.parse(text);
    }

    private static @Nullable LocalTime optionalTime(@Nullable String text) {
        return text == null ? null : time(text);
    }

    /** An aggregated column; null when the tutor has no such rows. */
    private static <T> @Nullable T array(ResultSet rs, String column, Class<T> type) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? null : type.cast(array.getArray());
    }

    /** An aggregate over the same rows as an ids column that was present, so present too. */
    private static <T> T sibling(ResultSet rs, String column, Class<T> type) throws SQLException {
        return Objects.requireNonNull(array(rs, column, type), column);
    }

    private static TutorSchedule settings(ResultSet rs) throws SQLException {
        return new TutorSchedule(
                rs.getObject("tutor_id", UUID.class),
                ZoneId.of(rs.getString("time_zone")),
                Duration.ofMinutes(rs.getInt("buffer_minutes")),
                Duration.ofMinutes(rs.getInt("minimum_notice_minutes")),
                rs.getInt("horizon_days"),
                ints(rs.getArray("lesson_lengths")),
                rs.getBoolean("requires_confirmation"),
                List.of(),
                List.of(),
                rs.getLong("version"));
    }

    // ---- writes (the caller holds the schedule row's lock, see lockOrCreate)

    /** The settings of a new schedule. */
    record Settings(
            ZoneId zone,
            int bufferMinutes,
            int minimumNoticeMinutes,
            int horizonDays,
            List<Integer> lessonLengths,
            boolean requiresConfirmation) {

        Settings {
            lessonLengths = List.copyOf(lessonLengths);
        }

        static Settings of(TutorSchedule schedule) {
            return new Settings(
                    schedule.zone(),
                    (int) schedule.buffer().toMinutes(),
                    (int) schedule.minimumNotice().toMinutes(),
                    schedule.horizonDays(),
                    schedule.lessonLengths(),
                    schedule.requiresConfirmation());
        }
    }

    /**
     * Creates the tutor's schedule with the given settings unless it exists (version 0, no windows), then locks its
     * row ({@code SELECT ... FOR UPDATE}) for the rest of the transaction, so concurrent edits of one schedule run one
     * after the other, and returns it.
     */
    TutorSchedule lockOrCreate(UUID tutorId, Settings defaults, Instant now) {
        jdbc.sql("""
                        INSERT INTO tutor_schedules (tutor_id, tenant_id, time_zone, buffer_minutes,
                                                     minimum_notice_minutes, horizon_days, lesson_lengths,
                                                     requires_confirmation, version, updated_at)
                        VALUES (:tutor, :t, :zone, :buffer, :notice, :horizon, CAST(:lengths AS int[]),
                                :confirm, 0, :now)
                        ON CONFLICT (tutor_id) DO NOTHING
                        """)
                .param("tutor", tutorId)
                .param("t", TenantContext.require().value())
                .param("zone", defaults.zone().getId())
                .param("buffer", defaults.bufferMinutes())
                .param("notice", defaults.minimumNoticeMinutes())
                .param("horizon", defaults.horizonDays())
                .param("lengths", intArray(defaults.lessonLengths()))
                .param("confirm", defaults.requiresConfirmation())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        jdbc.sql("SELECT 1 FROM tutor_schedules WHERE tutor_id = :tutor FOR UPDATE")
                .param("tutor", tutorId)
                .query()
                .singleRow();
        return find(tutorId).orElseThrow();
    }

    /** Replaces the settings; the caller bumps the version. */
    void updateSettings(UUID tutorId, Settings settings) {
        jdbc.sql("""
                        UPDATE tutor_schedules
                        SET time_zone = :zone, buffer_minutes = :buffer, minimum_notice_minutes = :notice,
                            horizon_days = :horizon, lesson_lengths = CAST(:lengths AS int[]),
                            requires_confirmation = :confirm
                        WHERE tutor_id = :tutor
                        """)
                .param("tutor", tutorId)
                .param("zone", settings.zone().getId())
                .param("buffer", settings.bufferMinutes())
                .param("notice", settings.minimumNoticeMinutes())
                .param("horizon", settings.horizonDays())
                .param("lengths", intArray(settings.lessonLengths()))
                .param("confirm", settings.requiresConfirmation())
                .update();
    }

    /** Marks a change: the version goes up by one. Returns the new version. */
    long bumpVersion(UUID tutorId, Instant now) {
        return jdbc.sql("""
                        UPDATE tutor_schedules SET version = version + 1, updated_at = :now
                        WHERE tutor_id = :tutor RETURNING version
                        """)
                .param("tutor", tutorId)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
    }

    void insertWindows(UUID tutorId, List<TutorSchedule.Window> windows, Instant now) {
        for (TutorSchedule.Window w : windows) {
            jdbc.sql("""
                            INSERT INTO availability_windows (id, tenant_id, tutor_id, day_of_week, start_time,
                                                              end_time, created_at)
                            VALUES (:id, :t, :tutor, :day, :start, :end, :now)
                            """)
                    .param("id", w.id())
                    .param("t", TenantContext.require().value())
                    .param("tutor", tutorId)
                    .param("day", w.day().getValue())
                    .param("start", w.start())
                    .param("end", w.end())
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .update();
        }
    }

    void insertOverrides(UUID tutorId, List<TutorSchedule.Override> overrides, Instant now) {
        for (TutorSchedule.Override o : overrides) {
            jdbc.sql("""
                            INSERT INTO availability_overrides (id, tenant_id, tutor_id, on_date, kind, start_time,
                                                                end_time, note, created_at)
                            VALUES (:id, :t, :tutor, :date, :kind, :start, :end, :note, :now)
                            """)
                    .param("id", o.id())
                    .param("t", TenantContext.require().value())
                    .param("tutor", tutorId)
                    .param("date", o.date())
                    .param("kind", o.kind().name())
                    .param("start", o.start())
                    .param("end", o.end())
                    .param("note", o.note())
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .update();
        }
    }

    /** Deletes one window or override of the tutor; false when the tutor has none with that id. */
    boolean deleteItem(UUID tutorId, UUID id) {
        int deleted = jdbc.sql("DELETE FROM availability_windows WHERE tutor_id = :tutor AND id = :id")
                .param("tutor", tutorId)
                .param("id", id)
                .update();
        if (deleted == 0) {
            deleted = jdbc.sql("DELETE FROM availability_overrides WHERE tutor_id = :tutor AND id = :id")
                    .param("tutor", tutorId)
                    .param("id", id)
                    .update();
        }
        return deleted > 0;
    }

    void deleteAllItems(UUID tutorId) {
        jdbc.sql("DELETE FROM availability_windows WHERE tutor_id = :tutor")
                .param("tutor", tutorId)
                .update();
        jdbc.sql("DELETE FROM availability_overrides WHERE tutor_id = :tutor")
                .param("tutor", tutorId)
                .update();
    }

    /**
     * The occupied intervals {@code [starts_at, occupied_until)} of the tutor's bookings that occupy their slot (the
     * rows the exclusion constraint compares) and of their approved preliminary meetings, that intersect {@code [from,
     * to)}.
     */
    List<OpenHours.Interval> busy(UUID tutorId, Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT starts_at, occupied_until FROM bookings
                        WHERE tenant_id = :t AND tutor_id = :tutor
                          AND booking_occupies_slot(state)
                          AND starts_at < :to AND occupied_until > :from
                        UNION ALL
                        SELECT starts_at, ends_at FROM preliminary_meetings
                        WHERE tenant_id = :t AND tutor_id = :tutor AND state = 'APPROVED'
                          AND starts_at < :to AND ends_at > :from
                        ORDER BY starts_at
                        """)
                .param("t", TenantContext.require().value())
                .param("tutor", tutorId)
                .param("from", from.atOffset(ZoneOffset.UTC))
                .param("to", to.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new OpenHours.Interval(
                        rs.getObject("starts_at", java.time.OffsetDateTime.class)
                                .toInstant(),
                        rs.getObject("occupied_until", java.time.OffsetDateTime.class)
                                .toInstant()))
                .list();
    }

    static String intArray(List<Integer> values) {
        return "{" + values.stream().map(String::valueOf).collect(Collectors.joining(",")) + "}";
    }

    static List<Integer> ints(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((Integer[]) array.getArray());
    }
}
