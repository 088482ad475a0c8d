package io.lyceum.testsupport;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tutors' schedules for tests that need bookable time without going through the availability routes. */
public final class OpenSchedules {

    private OpenSchedules() {}

    /** Opens the tutor's schedule around the clock all week (Europe/London), lessons of 30 or 60 minutes. */
    public static void openAllWeek(
            JdbcClient jdbc,
            TenantId tenant,
            UUID tutorId,
            boolean requiresConfirmation,
            int bufferMinutes,
            int noticeMinutes) {
        TenantContext.runAs(tenant, () -> {
            jdbc.sql("""
                            INSERT INTO tutor_schedules (tutor_id, tenant_id, time_zone, buffer_minutes,
                                                         minimum_notice_minutes, horizon_days, lesson_lengths,
                                                         requires_confirmation, updated_at)
                            VALUES (:tutor, :t, 'Europe/London', :buffer, :notice, 60, '{30,60}', :confirm, now())
                            """)
                    .param("tutor", tutorId)
                    .param("t", tenant.value())
                    .param("buffer", bufferMinutes)
                    .param("notice", noticeMinutes)
                    .param("confirm", requiresConfirmation)
                    .update();
            for (int day = 1; day <= 7; day++) {
                jdbc.sql("""
                                INSERT INTO availability_windows (id, tenant_id, tutor_id, day_of_week, start_time,
                                                                  end_time, created_at)
                                VALUES (gen_random_uuid(), :t, :tutor, :day, '00:00', '24:00', now())
                                """)
                        .param("t", tenant.value())
                        .param("tutor", tutorId)
                        .param("day", day)
                        .update();
            }
        });
    }
}
