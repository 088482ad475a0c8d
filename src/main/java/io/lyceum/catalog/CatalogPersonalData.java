package io.lyceum.catalog;

import io.lyceum.accounts.PersonalDataContributor;
import io.lyceum.platform.PersonalDataRows;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Favorites, the notes tutors keep about the user (data about them, so theirs to see), the notes a tutor keeps about
 * students, and a tutor's own profile.
 */
@Component
class CatalogPersonalData implements PersonalDataContributor {

    private final PersonalDataRows rows;

    CatalogPersonalData(PersonalDataRows rows) {
        this.rows = rows;
    }

    @Override
    public String section() {
        return "catalog";
    }

    @Override
    public Map<String, Object> collect(UUID userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("favorites", rows.rows("favorites", "t.user_id = :user", "created_at", userId));
        data.put("notesAboutMe", rows.rows("tutor_student_notes", "t.student_id = :user", "created_at", userId));
        data.put("myNotesOnStudents", rows.rows("tutor_student_notes", "t.tutor_id = :user", "created_at", userId));
        data.put("tutorProfile", rows.rows("tutor_profiles", "t.tutor_id = :user", "tutor_id", userId));
        return data;
    }
}
