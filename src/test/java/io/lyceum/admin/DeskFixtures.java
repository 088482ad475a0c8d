package io.lyceum.admin;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Course packs for the admin desk's tests, made through the catalog's API as a tutor makes them. */
final class DeskFixtures {

    private DeskFixtures() {}

    /** A published FLEXIBLE pack of the tutor's subject's category: 3 lessons of 60 minutes for 100.00 GBP. */
    static String pack(JdbcClient jdbc, Tutors.Approved tutor) {
        UUID category = TenantContext.callAs(
                Tenants.idOf(jdbc, null), () -> jdbc.sql("SELECT category_id FROM subjects WHERE id = :s")
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
        body.put("preliminaryMeetingRequired", false);
        String id = tutor.tutor()
                .api()
                .contentType("application/json")
                .body(body)
                .post("/api/v1/tutors/me/course-packs")
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
}
