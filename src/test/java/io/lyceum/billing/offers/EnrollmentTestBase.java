package io.lyceum.billing.offers;

import static org.awaitility.Awaitility.await;

import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Course packs made through the catalog's API, and enrollments in them. */
abstract class EnrollmentTestBase extends PackageTestBase {

    /** A published FLEXIBLE pack of the tutor's subject's category: 3 lessons of 60 minutes for 100.00 GBP. */
    String pack(Tutors.Approved tutor, boolean screening) {
        UUID category = io.lyceum.tenancy.TenantContext.callAs(
                tenant(), () -> jdbc.sql("SELECT category_id FROM subjects WHERE id = :s")
                        .param("s", tutor.subjectId())
                        .query(UUID.class)
                        .single());
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Pack " + UUID.randomUUID());
        body.put("categoryId", category.toString());
        body.put("level", "GCSE");
        body.put("price", Map.of("amount", 10000, "currency", "GBP"));
        body.put("numberOfLessons", 3);
        body.put("lessonMinutes", 60);
        body.put("schedulingType", "FLEXIBLE");
        body.put("preliminaryMeetingRequired", screening);
        String id = post(tutor.tutor(), "/api/v1/tutors/me/course-packs", body)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        tutor.tutor()
                .api()
                .post("/api/v1/tutors/me/course-packs/" + id + "/publish")
                .then()
                .statusCode(200);
        return id;
    }

    static List<String> starts(int n) {
        List<String> starts = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            starts.add(slot().toString());
        }
        return starts;
    }

    static Response enroll(SignedIn who, String packId, List<String> starts) {
        return post(who, "/api/v1/enrollments", Map.of("coursePackId", packId, "lessonStarts", starts));
    }

    static Map<String, Object> enrolled(SignedIn who, String packId, List<String> starts) {
        return enroll(who, packId, starts).then().statusCode(201).extract().path("");
    }

    /** Enrolled and paid: ACTIVE with its lessons CONFIRMED. Returns the enrollment id. */
    String active(SignedIn student, String packId) {
        Map<String, Object> e = enrolled(student, packId, starts(3));
        pay(UUID.fromString((String) e.get("orderId")));
        for (UUID booking : lessons(student, (String) e.get("id"))) {
            awaitBookingState(booking, "CONFIRMED");
        }
        return (String) e.get("id");
    }

    static List<UUID> lessons(SignedIn who, String enrollmentId) {
        List<String> ids = who.api()
                .get("/api/v1/enrollments/" + enrollmentId)
                .then()
                .statusCode(200)
                .extract()
                .path("lessons.bookingId");
        return ids.stream().map(UUID::fromString).toList();
    }

    static String status(SignedIn who, String enrollmentId) {
        return who.api()
                .get("/api/v1/enrollments/" + enrollmentId)
                .then()
                .extract()
                .path("status");
    }

    void awaitStatus(SignedIn who, String enrollmentId, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status.equals(status(who, enrollmentId)));
    }

    /** Lets time pass until the lesson started {@code hoursAgo} hours ago, so the auto-complete timer completes it. */
    void complete(UUID booking, int hoursAgo) {
        startedAgo(booking, Duration.ofHours(hoursAgo));
        awaitBookingState(booking, "COMPLETED");
    }

    static Instant at(String text) {
        return Instant.parse(text);
    }
}
