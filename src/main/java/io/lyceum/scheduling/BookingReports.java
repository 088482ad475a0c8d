package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link SchedulingReporting} over the bookings table. The state groups are {@link BookingState}'s categories: the SQL
 * category functions of migration {@code V202612063001} where one exists, else the category's states bound as a list
 * parameter, so no query spells out a list of states.
 */
@Component
class BookingReports implements SchedulingReporting {

    private static final String CANCELLED = "NOT booking_occupies_slot(state)";
    private static final String NO_SHOW = "state IN (:noShow)";
    private static final String DISPUTED = "state IN (:disputed)";
    private static final String UPCOMING = "state IN (:upcoming)";
    private static final List<String> NO_SHOW_STATES = BookingState.namesWhere(BookingState::noShow);
    private static final List<String> DISPUTED_STATES = BookingState.namesWhere(BookingState::disputed);
    private static final List<String> UPCOMING_STATES = BookingState.namesWhere(BookingState::upcoming);

    private final JdbcClient jdbc;

    BookingReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public SessionMetrics sessionMetrics(Instant from, Instant to) {
        return jdbc.sql("""
                        WITH period AS (
                            SELECT student_id, tutor_id, state, ends_at, starts_at
                            FROM bookings
                            WHERE tenant_id = :t AND starts_at >= :from AND starts_at < :to
                        ), students AS (
                            SELECT student_id, count(*) AS n FROM period
                            WHERE booking_occupies_slot(state) GROUP BY student_id
                        )
                        SELECT count(*) AS total,
                               count(*) FILTER (WHERE booking_done(state)) AS done,
                               count(*) FILTER (WHERE %s) AS upcoming,
                               count(*) FILTER (WHERE %s) AS cancelled,
                               count(*) FILTER (WHERE %s) AS no_shows,
                               count(*) FILTER (WHERE %s) AS disputed,
                               count(*) FILTER (WHERE booking_counts_as_taught(state)) AS taught,
                               coalesce(sum(extract(epoch FROM ends_at - starts_at) / 60)
                                        FILTER (WHERE booking_counts_as_taught(state)), 0)::bigint AS minutes,
                               count(DISTINCT tutor_id) FILTER (WHERE booking_counts_as_taught(state)) AS tutors,
                               (SELECT count(*) FROM students) AS students,
                               (SELECT count(*) FROM students WHERE n >= 2) AS repeat_students
                        FROM period
                        """.formatted(UPCOMING, CANCELLED, NO_SHOW, DISPUTED))
                .param("upcoming", UPCOMING_STATES)
                .param("noShow", NO_SHOW_STATES)
                .param("disputed", DISPUTED_STATES)
                .param("t", TenantContext.require().value())
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, n) -> new SessionMetrics(
                        rs.getLong("total"),
                        rs.getLong("done"),
                        rs.getLong("upcoming"),
                        rs.getLong("cancelled"),
                        rs.getLong("no_shows"),
                        rs.getLong("disputed"),
                        rs.getLong("taught"),
                        rs.getLong("minutes"),
                        rs.getLong("tutors"),
                        rs.getLong("students"),
                        rs.getLong("repeat_students")))
                .single();
    }

    @Override
    public long upcomingSessionCount(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT count(*) FROM bookings
                        WHERE tenant_id = :t AND starts_at >= :from AND starts_at < :to AND %s
                        """.formatted(UPCOMING))
                .param("upcoming", UPCOMING_STATES)
                .param("t", TenantContext.require().value())
                .param("from", utc(from))
                .param("to", utc(to))
                .query(Long.class)
                .single();
    }

    @Override
    public List<UpcomingSession> upcomingSessions(Instant from, Instant to, long offset, int limit) {
        return jdbc.sql("""
                        SELECT id, tutor_id, student_id, subject_id, state, starts_at, ends_at, price_amount,
                               price_currency
                        FROM bookings
                        WHERE tenant_id = :t AND starts_at >= :from AND starts_at < :to AND %s
                        ORDER BY starts_at, id
                        OFFSET :offset LIMIT :limit
                        """.formatted(UPCOMING))
                .param("upcoming", UPCOMING_STATES)
                .param("t", TenantContext.require().value())
                .param("from", utc(from))
                .param("to", utc(to))
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, n) -> new UpcomingSession(
                        BookingId.of(uuid(rs, "id")),
                        TutorId.of(uuid(rs, "tutor_id")),
                        UserId.of(uuid(rs, "student_id")),
                        uuid(rs, "subject_id"),
                        BookingState.valueOf(rs.getString("state")),
                        instant(rs, "starts_at"),
                        instant(rs, "ends_at"),
                        Money.of(
                                rs.getLong("price_amount"),
                                rs.getString("price_currency").trim())))
                .list();
    }

    @Override
    public List<SubjectCount> subjectDistribution(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT subject_id, count(*) AS bookings, count(*) FILTER (WHERE booking_done(state)) AS done
                        FROM bookings
                        WHERE tenant_id = :t AND starts_at >= :from AND starts_at < :to
                          AND booking_occupies_slot(state)
                        GROUP BY subject_id
                        ORDER BY bookings DESC, subject_id
                        """)
                .param("t", TenantContext.require().value())
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, n) -> new SubjectCount(uuid(rs, "subject_id"), rs.getLong("bookings"), rs.getLong("done")))
                .list();
    }

    @Override
    public List<MonthlyCount> bookingsPlacedByMonth(Instant from, Instant to, ZoneId zone) {
        return jdbc.sql("""
                        SELECT to_char(created_at AT TIME ZONE :zone, 'YYYY-MM') AS month, count(*) AS n
                        FROM bookings
                        WHERE tenant_id = :t AND created_at >= :from AND created_at < :to
                        GROUP BY 1 ORDER BY 1
                        """)
                .param("zone", zone.getId())
                .param("t", TenantContext.require().value())
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, n) -> new MonthlyCount(YearMonth.parse(rs.getString("month")), rs.getLong("n")))
                .list();
    }

    @Override
    public List<BookingChange> recentChanges(int limit) {
        return jdbc.sql("""
                        SELECT booking_id, from_state, to_state, occurred_at
                        FROM booking_history
                        WHERE tenant_id = :t
                        ORDER BY occurred_at DESC, id DESC
                        LIMIT :limit
                        """)
                .param("t", TenantContext.require().value())
                .param("limit", limit)
                .query((rs, n) -> new BookingChange(
                        BookingId.of(uuid(rs, "booking_id")),
                        rs.getString("from_state") == null ? null : BookingState.valueOf(rs.getString("from_state")),
                        BookingState.valueOf(rs.getString("to_state")),
                        instant(rs, "occurred_at")))
                .list();
    }

    @Override
    public long bookingsPlaced(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT count(*) FROM bookings
                        WHERE tenant_id = :t AND created_at >= :from AND created_at < :to
                        """)
                .param("t", TenantContext.require().value())
                .param("from", utc(from))
                .param("to", utc(to))
                .query(Long.class)
                .single();
    }

    @Override
    public Map<UUID, Instant> firstBookingPlaced(Collection<UUID> studentIds) {
        Map<UUID, Instant> first = new HashMap<>();
        if (studentIds.isEmpty()) {
            return first;
        }
        jdbc.sql("""
                        SELECT student_id, min(created_at) AS first
                        FROM bookings
                        WHERE tenant_id = :t AND student_id = ANY(:students)
                        GROUP BY student_id
                        """)
                .param("t", TenantContext.require().value())
                .param("students", studentIds.toArray(UUID[]::new))
                .query(rs -> {
                    first.put(uuid(rs, "student_id"), instant(rs, "first"));
                });
        return first;
    }

    @Override
    public long tutorsWithSchedule() {
        return jdbc.sql("SELECT count(*) FROM tutor_schedules WHERE tenant_id = :t")
                .param("t", TenantContext.require().value())
                .query(Long.class)
                .single();
    }

    @Override
    public void forEachBooking(Instant from, Instant to, Consumer<BookingRow> sink) {
        jdbc.sql("""
                        SELECT id, tutor_id, student_id, subject_id, state, trial, starts_at, ends_at, price_amount,
                               price_currency, created_at
                        FROM bookings
                        WHERE tenant_id = :t AND starts_at >= :from AND starts_at < :to
                        ORDER BY starts_at, id
                        """)
                .param("t", TenantContext.require().value())
                .param("from", utc(from))
                .param("to", utc(to))
                .withFetchSize(1000) // streamed inside the caller's transaction
                .query(rs -> {
                    sink.accept(new BookingRow(
                            BookingId.of(uuid(rs, "id")),
                            TutorId.of(uuid(rs, "tutor_id")),
                            UserId.of(uuid(rs, "student_id")),
                            uuid(rs, "subject_id"),
                            BookingState.valueOf(rs.getString("state")),
                            rs.getBoolean("trial"),
                            instant(rs, "starts_at"),
                            instant(rs, "ends_at"),
                            Money.of(
                                    rs.getLong("price_amount"),
                                    rs.getString("price_currency").trim()),
                            instant(rs, "created_at")));
                });
    }

    @Override
    public void forEachTutorActivity(Instant from, Instant to, Consumer<TutorActivity> sink) {
        jdbc.sql("""
                        SELECT tutor_id, count(*) AS bookings,
                               count(*) FILTER (WHERE booking_done(state)) AS done,
                               count(*) FILTER (WHERE %s) AS cancelled,
                               count(*) FILTER (WHERE %s) AS no_shows,
                               count(*) FILTER (WHERE %s) AS disputed,
                               coalesce(sum(extract(epoch FROM ends_at - starts_at) / 60)
                                        FILTER (WHERE booking_counts_as_taught(state)), 0)::bigint AS minutes
                        FROM bookings
                        WHERE tenant_id = :t AND starts_at >= :from AND starts_at < :to
                        GROUP BY tutor_id
                        ORDER BY minutes DESC, tutor_id
                        """.formatted(CANCELLED, NO_SHOW, DISPUTED))
                .param("noShow", NO_SHOW_STATES)
                .param("disputed", DISPUTED_STATES)
                .param("t", TenantContext.require().value())
                .param("from", utc(from))
                .param("to", utc(to))
                .withFetchSize(1000) // streamed inside the caller's transaction
                .query(rs -> {
                    sink.accept(new TutorActivity(
                            TutorId.of(uuid(rs, "tutor_id")),
                            rs.getLong("bookings"),
                            rs.getLong("done"),
                            rs.getLong("cancelled"),
                            rs.getLong("no_shows"),
                            rs.getLong("disputed"),
                            rs.getLong("minutes")));
                });
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    /** A {@code timestamptz} column that is never NULL in the rows read here. */
    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
