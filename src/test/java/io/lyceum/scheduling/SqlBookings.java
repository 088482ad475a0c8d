package io.lyceum.scheduling;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bookings written straight into the table, with the tenant bound, for tests that need a lesson in a given state and
 * at a given time without its journey: between a tutor and a student, booked by the student or a guardian.
 */
public final class SqlBookings {

    private SqlBookings() {}

    static UUID insert(
            JdbcClient jdbc,
            TenantId tenant,
            UUID tutor,
            UUID student,
            UUID bookedBy,
            BookingState state,
            Instant start,
            Duration length) {
        UUID id = UUID.randomUUID();
        Instant startsAt = start.truncatedTo(ChronoUnit.SECONDS);
        Instant endsAt = startsAt.plus(length);
        TenantContext.runAs(tenant, () -> jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, starts_at,
                                              ends_at, occupied_until, state, price_amount, price_currency,
                                              created_at, updated_at)
                        VALUES (:id, :t, :tutor, :student, :by, :subject, :starts, :ends, :ends, :state, 0, 'GBP',
                                now(), now())
                        """)
                .param("id", id)
                .param("t", tenant.value())
                .param("tutor", tutor)
                .param("student", student)
                .param("by", bookedBy)
                .param("subject", UUID.randomUUID())
                .param("starts", startsAt.atOffset(ZoneOffset.UTC))
                .param("ends", endsAt.atOffset(ZoneOffset.UTC))
                .param("state", state.name())
                .update());
        return id;
    }

    public static UUID insert(
            JdbcClient jdbc, UUID tutor, UUID student, BookingState state, Instant start, Duration length) {
        return insert(jdbc, TenantId.DEFAULT, tutor, student, student, state, start, length);
    }

    static void setState(JdbcClient jdbc, TenantId tenant, UUID id, BookingState state) {
        TenantContext.runAs(tenant, () -> jdbc.sql("UPDATE bookings SET state = :s, updated_at = now() WHERE id = :id")
                .param("s", state.name())
                .param("id", id)
                .update());
    }

    /** Moves a booking (as a reschedule would) and counts the reschedule. */
    static void move(JdbcClient jdbc, TenantId tenant, UUID id, Instant start, Duration length) {
        Instant startsAt = start.truncatedTo(ChronoUnit.SECONDS);
        TenantContext.runAs(tenant, () -> jdbc.sql("""
                        UPDATE bookings SET starts_at = :s, ends_at = :e, occupied_until = :e,
                                            reschedule_count = reschedule_count + 1, updated_at = now()
                         WHERE id = :id
                        """)
                .param("s", startsAt.atOffset(ZoneOffset.UTC))
                .param("e", startsAt.plus(length).atOffset(ZoneOffset.UTC))
                .param("id", id)
                .update());
    }

    static <T> T column(JdbcClient jdbc, TenantId tenant, UUID id, String column, Class<T> type) {
        var values = TenantContext.callAs(tenant, () -> jdbc.sql("SELECT " + column + " FROM bookings WHERE id = :id")
                .param("id", id)
                .query(type)
                .list());
        return values.isEmpty() ? null : values.getFirst();
    }
}
