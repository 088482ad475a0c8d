package io.lyceum.testsupport;

import io.lyceum.testsupport.Accounts.SignedIn;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Approved tutors made through the public API, as an admin and a tutor would make them. */
public final class Tutors {

    private Tutors() {}

    /** An approved tutor of the default tenant teaching one GCSE subject: 60 minutes for 3000 GBP, trial free. */
    public record Approved(SignedIn tutor, SignedIn admin, UUID subjectId) {
        public UUID id() {
            return tutor.userId();
        }
    }

    public static Approved approved(JdbcClient jdbc) {
        return approved(Tenants.newStaff(jdbc, "ADMIN", null), "Europe/London");
    }

    /** An approved tutor whose profile is in the given IANA zone; the admin creates the subject and approves. */
    public static Approved approved(SignedIn admin, String timeZone) {
        UUID subjectId = UUID.fromString(subject(admin));
        SignedIn tutor = submitted(subjectId.toString(), timeZone);
        approve(admin, tutor);
        return new Approved(tutor, admin, subjectId);
    }

    /**
     * A new tutor whose complete profile (the subject at GCSE for 30.00 GBP an hour; 60 minutes 30.00, 30 minutes
     * 15.00 (scaled from the hour), trial free) is submitted for review.
     */
    public static SignedIn submitted(String subjectId, String timeZone) {
        SignedIn tutor = Accounts.newUser("TUTOR");
        put(tutor, "about", Map.of("headline", "Patient tutor", "bio", "Years of teaching."));
        put(
                tutor,
                "subjects",
                List.of(Map.of(
                        "subjectId", subjectId, "level", "GCSE", "price", Map.of("amount", 3000, "currency", "GBP"))));
        put(
                tutor,
                "pricing",
                Map.of(
                        "currency",
                        "GBP",
                        "lessonLengths",
                        List.of(60, 30),
                        "trialLessonPrice",
                        Map.of("amount", 0, "currency", "GBP")));
        put(tutor, "languages", List.of("en"));
        put(tutor, "teaching", Map.of("teachingMode", "ONLINE", "timeZone", timeZone));
        SetupRequests.send(tutor, "POST", "/api/v1/tutors/me/submit", null, 200);
        return tutor;
    }

    public static void approve(SignedIn admin, SignedIn tutor) {
        SetupRequests.send(admin, "POST", "/api/v1/admin/tutors/" + tutor.userId() + "/approve", null, 200);
    }

    /** A new subject (in a new category) offered at GCSE level; returns its id. */
    public static String subject(SignedIn admin) {
        String category = SetupRequests.send(
                        admin,
                        "POST",
                        "/api/v1/categories",
                        Map.of("name", "Category " + UUID.randomUUID(), "position", 1),
                        201)
                .path("id")
                .asString();
        return SetupRequests.send(
                        admin,
                        "POST",
                        "/api/v1/subjects",
                        Map.of(
                                "categoryId",
                                category,
                                "name",
                                "Subject " + UUID.randomUUID(),
                                "levels",
                                List.of("GCSE")),
                        201)
                .path("id")
                .asString();
    }

    private static void put(SignedIn tutor, String section, Object body) {
        SetupRequests.send(tutor, "PUT", "/api/v1/tutors/me/" + section, body, 200);
    }
}
