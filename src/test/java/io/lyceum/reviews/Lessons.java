package io.lyceum.reviews;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lessons written straight into scheduling's table of the default tenant, in a given state, as the booking module
 * leaves them (booking a lesson through the API is the scheduling tests' business; the reviews need only its end
 * and state). Completed
 * lessons are two hours apart, so the tutor's and the student's exclusion constraints hold.
 */
public final class Lessons {

    private static final AtomicLong HOURS = new AtomicLong();

    private Lessons() {}

    /** A lesson that ended {@code endedAgo} before {@code now}, in {@code state}. */
    public static UUID insert(JdbcClient jdbc, UUID tutor, UUID student, String state, Instant now, Duration endedAgo) {
        UUID id = UUID.randomUUID();
        Instant end = now.minus(endedAgo).truncatedTo(ChronoUnit.SECONDS);
        Instant begin = end.minus(Duration.ofMinutes(60));
        TenantContext.runAs(TenantId.DEFAULT, () -> jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, starts_at,
                                              ends_at, occupied_until, state, price_amount, price_currency,
                                              created_at, updated_at)
                        VALUES (:id, :t, :tutor, :student, :student, :subject, :starts, :ends, :ends, :state, 3000,
                                'GBP', now(), now())
                        """)
                .param("id", id)
                .param("t", TenantId.DEFAULT.value())
                .param("tutor", tutor)
                .param("student", student)
                .param("subject", UUID.randomUUID())
                .param("starts", begin.atOffset(ZoneOffset.UTC))
                .param("ends", end.atOffset(ZoneOffset.UTC))
                .param("state", state)
                .update());
        return id;
    }

    public static UUID completed(JdbcClient jdbc, UUID tutor, UUID student, Instant now) {
        // two hours apart, so no two of these lessons overlap
        return insert(jdbc, tutor, student, "COMPLETED", now, Duration.ofHours(3 + 2 * HOURS.incrementAndGet()));
    }
}
