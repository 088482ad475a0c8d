package io.lyceum.scheduling;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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

    static List<Integer> ints(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((Integer[]) array.getArray());
    }
}
