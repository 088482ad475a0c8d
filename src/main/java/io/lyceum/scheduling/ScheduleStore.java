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
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tutors' schedules: settings, weekly windows and dated overrides. */
@Repository
class ScheduleStore {

    private final JdbcClient jdbc;

    ScheduleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<TutorSchedule> find(UUID tutorId) {
        return jdbc.sql("""
                        SELECT tutor_id, time_zone, buffer_minutes, minimum_notice_minutes, horizon_days,
                               lesson_lengths, requires_confirmation, version
                        FROM tutor_schedules WHERE tutor_id = :tutor
                        """)
                .param("tutor", tutorId)
                .query((rs, n) -> settings(rs))
                .optional()
                .map(s -> new TutorSchedule(
                        s.tutorId(),
                        s.zone(),
                        s.buffer(),
                        s.minimumNotice(),
                        s.horizonDays(),
                        s.lessonLengths(),
                        s.requiresConfirmation(),
                        windows(tutorId),
                        overrides(tutorId),
                        s.version()));
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

    private List<TutorSchedule.Window> windows(UUID tutorId) {
        return jdbc.sql("""
                        SELECT id, day_of_week, start_time, end_time FROM availability_windows
                        WHERE tutor_id = :tutor ORDER BY day_of_week, start_time, id
                        """)
                .param("tutor", tutorId)
                .query((rs, n) -> new TutorSchedule.Window(
                        rs.getObject("id", UUID.class),
                        DayOfWeek.of(rs.getInt("day_of_week")),
                        rs.getObject("start_time", LocalTime.class),
                        rs.getObject("end_time", LocalTime.class)))
                .list();
    }

    private List<TutorSchedule.Override> overrides(UUID tutorId) {
        return jdbc.sql("""
                        SELECT id, on_date, kind, start_time, end_time, note FROM availability_overrides
                        WHERE tutor_id = :tutor ORDER BY on_date, start_time NULLS FIRST, id
                        """)
                .param("tutor", tutorId)
                .query((rs, n) -> new TutorSchedule.Override(
                        rs.getObject("id", UUID.class),
                        rs.getObject("on_date", LocalDate.class),
                        TutorSchedule.OverrideKind.valueOf(rs.getString("kind")),
                        rs.getObject("start_time", LocalTime.class),
                        rs.getObject("end_time", LocalTime.class),
                        rs.getString("note")))
                .list();
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
