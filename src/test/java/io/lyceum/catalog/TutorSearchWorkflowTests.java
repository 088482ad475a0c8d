package io.lyceum.catalog;

import static org.hamcrest.Matchers.equalTo;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The search index follows the profile workflow driven through the real API: approve, edit, suspend, reinstate. */
class TutorSearchWorkflowTests extends ApiTestBase {

    private void put(SignedIn user, String section, Object body) {
        user.api()
                .contentType("application/json")
                .body(body)
                .put("/api/v1/tutors/me/" + section)
                .then()
                .statusCode(200);
    }

    private void expectHits(String q, int count) {
        api().queryParam("q", q)
                .get("/api/v1/tutors")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(count));
    }

    @Test
    void searchFollowsApprovalEditsAndSuspension() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        String category = admin.api()
                .contentType("application/json")
                .body(Map.of("name", "Search " + UUID.randomUUID(), "position", 1))
                .post("/api/v1/categories")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String subject = admin.api()
                .contentType("application/json")
                .body(Map.of(
                        "categoryId", category, "name", "Astronomy " + UUID.randomUUID(), "levels", List.of("GCSE")))
                .post("/api/v1/subjects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String word =
                "quasarology" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "q");
        String renamed =
                "nebulistics" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "n");
        SignedIn tutor = Accounts.newUser("TUTOR");
        put(tutor, "about", Map.of("headline", "Learn " + word, "bio", "Stars and planets."));
        put(
                tutor,
                "subjects",
                List.of(Map.of(
                        "subjectId", subject, "level", "GCSE", "price", Map.of("amount", 2500, "currency", "GBP"))));
        put(tutor, "pricing", Map.of("currency", "GBP", "lessonLengths", List.of(60)));
        put(tutor, "languages", List.of("en"));
        put(tutor, "teaching", Map.of("teachingMode", "ONLINE", "timeZone", "Europe/London"));
        tutor.api().post("/api/v1/tutors/me/submit").then().statusCode(200);
        expectHits(word, 0); // submitted, not approved

        admin.api()
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/approve")
                .then()
                .statusCode(200);
        api().queryParam("q", word)
                .queryParam("subjectId", subject)
                .get("/api/v1/tutors")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(1))
                .body("content[0].tutorId", equalTo(tutor.userId().toString()))
                .body("content[0].priceFrom.amount", equalTo(2500))
                .body("content[0].priceFrom.currency", equalTo("GBP"))
                .body("facets.subjects[0].subjectId", equalTo(subject));

        // a non-material edit goes live at once, and so does the search row
        put(tutor, "about", Map.of("headline", "Learn " + renamed, "bio", "Stars and planets."));
        expectHits(renamed, 1);
        expectHits(word, 0);
        // a material edit waits for re-approval: the published price stays
        put(
                tutor,
                "subjects",
                List.of(Map.of(
                        "subjectId", subject, "level", "GCSE", "price", Map.of("amount", 9900, "currency", "GBP"))));
        api().queryParam("q", renamed).get("/api/v1/tutors").then().body("content[0].priceFrom.amount", equalTo(2500));

        admin.api()
                .contentType("application/json")
                .body(Map.of("reason", "Complaints"))
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/suspend")
                .then()
                .statusCode(200);
        expectHits(renamed, 0);
        admin.api()
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/reinstate")
                .then()
                .statusCode(200);
        expectHits(renamed, 1);
    }
}
