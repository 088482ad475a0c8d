package io.lyceum.scheduling;

import io.lyceum.accounts.PersonalDataContributor;
import io.lyceum.platform.PersonalDataRows;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Bookings and preliminary meetings the user took part in, as student, tutor or the one who booked. */
@Component
class SchedulingPersonalData implements PersonalDataContributor {

    private final PersonalDataRows rows;

    SchedulingPersonalData(PersonalDataRows rows) {
        this.rows = rows;
    }

    @Override
    public String section() {
        return "scheduling";
    }

    @Override
    public Map<String, Object> collect(UUID userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(
                "bookings",
                rows.rows(
                        "bookings",
                        "t.student_id = :user OR t.tutor_id = :user OR t.booked_by = :user",
                        "starts_at",
                        userId,
                        "occupied_until"));
        data.put(
                "preliminaryMeetings",
                rows.rows(
                        "preliminary_meetings",
                        "t.student_id = :user OR t.tutor_id = :user OR t.requested_by = :user",
                        "created_at",
                        userId));
        return data;
    }
}
