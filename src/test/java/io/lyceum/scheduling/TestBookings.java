package io.lyceum.scheduling;

import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bookings written straight into the table (as the booking module would), for availability tests. */
final class TestBookings {

    private TestBookings() {}

    /** A booking of the default tenant with occupied_until = end + buffer; the tutor's admin stands in as student. */
    static UUID insert(JdbcClient jdbc, Tutors.Approved tutor, Instant start, int minutes, int buffer, String state) {
        UUID id = Ids.newId();
        TenantId tenant = Tenants.idOf(jdbc, null);
        TenantContext.runAs(tenant, () -> jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, starts_at,
                                              ends_at, occupied_until, state, price_amount, price_currency,
                                              created_at, updated_at)
                        VALUES (:id, :t, :tutor, :student, :student, :subject, :start, :end, :occupied, :state, 0,
                                'GBP', now(), now())
                        """)
                .param("id", id)
                .param("t", tenant.value())
                .param("tutor", tutor.id())
                .param("student", tutor.admin().userId())
                .param("subject", tutor.subjectId())
                .param("start", start.atOffset(ZoneOffset.UTC))
                .param("end", start.plusSeconds(minutes * 60L).atOffset(ZoneOffset.UTC))
                .param("occupied", start.plusSeconds((minutes + buffer) * 60L).atOffset(ZoneOffset.UTC))
                .param("state", state)
                .update());
        return id;
    }
}
