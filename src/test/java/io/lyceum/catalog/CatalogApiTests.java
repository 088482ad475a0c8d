package io.lyceum.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CatalogApiTests extends ApiTestBase {

    private String createCategory(SignedIn admin) {
        return admin.api()
                .contentType("application/json")
                .body(Map.of("name", "Sciences " + UUID.randomUUID(), "position", 1))
                .post("/api/v1/categories")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String createSubject(SignedIn admin, String categoryId) {
        return admin.api()
                .contentType("application/json")
                .body(Map.of(
                        "categoryId",
                        categoryId,
                        "name",
                        "Physics " + UUID.randomUUID(),
                        "levels",
                        List.of("GCSE", "A_LEVEL")))
                .post("/api/v1/subjects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private void put(SignedIn tutor, String section, Object body, int status) {
        tutor.api()
                .contentType("application/json")
                .body(body)
                .put("/api/v1/tutors/me/" + section)
                .then()
                .statusCode(status);
    }

    private void nullElementRefused(SignedIn tutor, String section, String json, String field) {
        tutor.api()
                .contentType("application/json")
                .body(json)
                .put("/api/v1/tutors/me/" + section)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.malformed_body"))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", equalTo("must not be null"));
    }

    private Map<String, Object> offer(String subjectId, long amount) {
        return Map.of("subjectId", subjectId, "level", "GCSE", "price", Map.of("amount", amount, "currency", "GBP"));
    }

    /** A tutor with every required section filled in. */
    private SignedIn completeTutor(String subjectId) {
        SignedIn tutor = Accounts.newUser("TUTOR");
        put(tutor, "about", Map.of("headline", "Physics made clear", "bio", "Ten years of teaching."), 200);
        put(tutor, "subjects", List.of(offer(subjectId, 3000)), 200);
        put(
                tutor,
                "pricing",
                Map.of(
                        "currency",
                        "GBP",
                        "lessonLengths",
                        List.of(60, 30),
                        "trialLessonPrice",
                        Map.of("amount", 500, "currency", "GBP")),
                200);
        put(tutor, "languages", List.of("en", "fr"), 200);
        put(
                tutor,
                "teaching",
                Map.of("teachingMode", "ONLINE", "timeZone", "Europe/London", "introVideoUrl", "https://example.com/v"),
                200);
        return tutor;
    }

    private void approve(SignedIn admin, SignedIn tutor) {
        tutor.api().post("/api/v1/tutors/me/submit").then().statusCode(200).body("status", equalTo("SUBMITTED"));
        admin.api()
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/approve")
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"));
    }

    @Test
    void categoriesComeInPagesByPositionThenName() {
        String slug = Tenants.uniqueSlug("cats");
        SignedIn owner = Tenants.newTenantWithOwner(slug);
        for (var category : List.of(
                Map.of("name", "Languages", "position", 2),
                Map.of("name", "Arts", "position", 2),
                Map.of("name", "Sciences", "position", 1))) {
            owner.api()
                    .header("X-Tenant", slug)
                    .contentType("application/json")
                    .body(category)
                    .post("/api/v1/categories")
                    .then()
                    .statusCode(201);
        }
        owner.api()
                .header("X-Tenant", slug)
                .queryParam("size", 2)
                .get("/api/v1/categories")
                .then()
                .statusCode(200)
                .body("content.name", equalTo(List.of("Sciences", "Arts")))
                .body("page.totalElements", equalTo(3))
                .body("page.totalPages", equalTo(2));
        owner.api()
                .header("X-Tenant", slug)
                .queryParam("page", 1)
                .queryParam("size", 2)
                .get("/api/v1/categories")
                .then()
                .statusCode(200)
                .body("content.name", equalTo(List.of("Languages")));
        api().queryParam("size", 101)
                .get("/api/v1/categories")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_paging"));
        api().queryParam("sort", "name,asc")
                .get("/api/v1/categories")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_paging"));
    }

    @Test
    void adminsManageCategoriesAndSubjectsAnyoneReadsThem() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        String category = createCategory(admin);
        String subject = createSubject(admin, category);

        api().queryParam("categoryId", category)
                .get("/api/v1/subjects")
                .then()
                .statusCode(200)
                .body("content.id", hasItem(subject))
                .body("page.totalElements", equalTo(1));
        api().get("/api/v1/subjects/" + subject).then().statusCode(200).body("levels", hasItems("GCSE", "A_LEVEL"));
        api().get("/api/v1/categories")
                .then()
                .statusCode(200)
                .body("page.size", equalTo(20))
                .body("page.totalElements", org.hamcrest.Matchers.greaterThan(0));

        // names are unique per tenant, case-insensitively
        String name = api().get("/api/v1/subjects/" + subject).then().extract().path("name");
        admin.api()
                .contentType("application/json")
                .body(Map.of("categoryId", category, "name", name.toUpperCase(), "levels", List.of("IB")))
                .post("/api/v1/subjects")
                .then()
                .statusCode(409)
                .body("code", equalTo("subject.name_taken"));
        // bad input
        admin.api()
                .contentType("application/json")
                .body(Map.of("categoryId", category, "name", " ", "levels", List.of()))
                .post("/api/v1/subjects")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        // wrong role
        SignedIn tutor = Accounts.newUser("TUTOR");
        tutor.api()
                .contentType("application/json")
                .body(Map.of("name", "Arts", "position", 2))
                .post("/api/v1/categories")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        // a category with subjects cannot be deleted
        admin.api()
                .delete("/api/v1/categories/" + category)
                .then()
                .statusCode(409)
                .body("code", equalTo("category.in_use"));
        // another tenant does not see them
        String slug = Tenants.uniqueSlug("cat");
        SignedIn otherOwner = Tenants.newTenantWithOwner(slug);
        otherOwner
                .api()
                .get("/api/v1/subjects/" + subject)
                .then()
                .statusCode(404)
                .body("code", equalTo("subject.not_found"));
        otherOwner
                .api()
                .delete("/api/v1/subjects/" + subject)
                .then()
                .statusCode(404)
                .body("code", equalTo("subject.not_found"));

        // a subject used by a tutor profile cannot be deleted; an unused one can
        put(tutor, "subjects", List.of(offer(subject, 2000)), 200);
        admin.api()
                .delete("/api/v1/subjects/" + subject)
                .then()
                .statusCode(409)
                .body("code", equalTo("subject.in_use"));
        String unused = createSubject(admin, category);
        admin.api().delete("/api/v1/subjects/" + unused).then().statusCode(204);
        api().get("/api/v1/subjects/" + unused).then().statusCode(404).body("code", equalTo("subject.not_found"));
    }

    @Test
    void approvalWorkflowPublishesAndKeepsThePublicVersionWhileEditsWait() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        String subject = createSubject(admin, createCategory(admin));
        String otherSubject = createSubject(admin, createCategory(admin));

        SignedIn incomplete = Accounts.newUser("TUTOR");
        incomplete
                .api()
                .post("/api/v1/tutors/me/submit")
                .then()
                .statusCode(422)
                .body("code", equalTo("tutor.profile_incomplete"))
                .body("errors.field", hasItems("about", "subjects", "pricing", "languages", "teaching"));
        incomplete.api().get("/api/v1/tutors/me/profile").then().statusCode(200).body("status", equalTo("DRAFT"));

        SignedIn tutor = completeTutor(subject);
        tutor.api().get("/api/v1/tutors/me/profile").then().statusCode(200).body("missingSections.size()", equalTo(0));
        // hidden publicly until approved
        api().get("/api/v1/tutors/" + tutor.userId()).then().statusCode(404).body("code", equalTo("tutor.not_found"));
        api().get("/api/v1/tutors/" + tutor.userId() + "/public")
                .then()
                .statusCode(404)
                .body("code", equalTo("tutor.not_found"));
        // admin routes are not for tutors, tutor routes not for students
        tutor.api()
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/approve")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        Accounts.newUser("STUDENT")
                .api()
                .get("/api/v1/tutors/me/profile")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        // illegal transition: approving a draft
        admin.api()
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/approve")
                .then()
                .statusCode(409)
                .body("code", equalTo("tutor.invalid_transition"));

        tutor.api().post("/api/v1/tutors/me/submit").then().statusCode(200);
        admin.api()
                .get("/api/v1/admin/tutors/pending?size=100")
                .then()
                .statusCode(200)
                .body("content.tutorId", hasItem(tutor.userId().toString()));
        admin.api()
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/approve")
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"));
        tutor.api()
                .post("/api/v1/tutors/me/submit")
                .then()
                .statusCode(409)
                .body("code", equalTo("tutor.invalid_transition"));

        var first = api().get("/api/v1/tutors/" + tutor.userId());
        first.then()
                .statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("max-age=60"))
                .body("subjects[0].subjectId", equalTo(subject))
                .body("about.headline", equalTo("Physics made clear"));
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();
        api().header("If-None-Match", etag)
                .get("/api/v1/tutors/" + tutor.userId())
                .then()
                .statusCode(304);
        api().get("/api/v1/tutors/" + tutor.userId() + "/public")
                .then()
                .statusCode(200)
                .body("priceFrom.amount", equalTo(3000))
                .body("trialLessonPrice.amount", equalTo(500));

        // a material edit waits for re-approval; the published version stays live
        put(tutor, "subjects", List.of(offer(otherSubject, 4000)), 200);
        api().get("/api/v1/tutors/" + tutor.userId())
                .then()
                .statusCode(200)
                .body("subjects[0].subjectId", equalTo(subject));
        api().header("If-None-Match", etag)
                .get("/api/v1/tutors/" + tutor.userId())
                .then()
                .statusCode(304);
        tutor.api()
                .get("/api/v1/tutors/me/profile")
                .then()
                .body("status", equalTo("APPROVED"))
                .body("pendingReview", equalTo(true))
                .body("profile.subjects[0].subjectId", equalTo(otherSubject))
                .body("published.subjects[0].subjectId", equalTo(subject));
        admin.api()
                .get("/api/v1/admin/tutors/pending?size=100")
                .then()
                .body("content.tutorId", hasItem(tutor.userId().toString()));
        // a non-material edit goes live at once
        put(tutor, "about", Map.of("headline", "New headline", "bio", "Ten years."), 200);
        api().get("/api/v1/tutors/" + tutor.userId())
                .then()
                .body("about.headline", equalTo("New headline"))
                .body("subjects[0].subjectId", equalTo(subject));
        api().header("If-None-Match", etag)
                .get("/api/v1/tutors/" + tutor.userId())
                .then()
                .statusCode(200);

        admin.api()
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/approve")
                .then()
                .statusCode(200);
        api().get("/api/v1/tutors/" + tutor.userId()).then().body("subjects[0].subjectId", equalTo(otherSubject));
        admin.api()
                .get("/api/v1/admin/tutors/pending?size=100")
                .then()
                .body("content.tutorId", not(hasItem(tutor.userId().toString())));

        // suspend hides, reinstate shows again
        admin.api()
                .contentType("application/json")
                .body(Map.of("reason", "complaints"))
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/suspend")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUSPENDED"));
        api().get("/api/v1/tutors/" + tutor.userId()).then().statusCode(404).body("code", equalTo("tutor.not_found"));
        admin.api()
                .contentType("application/json")
                .body(Map.of("reason", "again"))
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/suspend")
                .then()
                .statusCode(409)
                .body("code", equalTo("tutor.invalid_transition"));
        admin.api()
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/reinstate")
                .then()
                .statusCode(200);
        api().get("/api/v1/tutors/" + tutor.userId()).then().statusCode(200);
        admin.api()
                .get("/api/v1/admin/tutors/" + tutor.userId() + "/history")
                .then()
                .statusCode(200)
                .body("content.to", equalTo(List.of("SUBMITTED", "APPROVED", "APPROVED", "SUSPENDED", "APPROVED")))
                .body("content.actorRole", equalTo(List.of("TUTOR", "ADMIN", "ADMIN", "ADMIN", "ADMIN")))
                .body("page.totalElements", equalTo(5));
        // the history comes in pages, oldest first
        admin.api()
                .queryParam("page", 1)
                .queryParam("size", 2)
                .get("/api/v1/admin/tutors/" + tutor.userId() + "/history")
                .then()
                .statusCode(200)
                .body("content.to", equalTo(List.of("APPROVED", "SUSPENDED")))
                .body("page.totalPages", equalTo(3));

        // another tenant's admin does not see this tutor
        SignedIn otherOwner = Tenants.newTenantWithOwner(Tenants.uniqueSlug("tut"));
        otherOwner
                .api()
                .contentType("application/json")
                .body(Map.of("reason", "x"))
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/suspend")
                .then()
                .statusCode(404)
                .body("code", equalTo("tutor.not_found"));
        otherOwner
                .api()
                .get("/api/v1/tutors/" + tutor.userId())
                .then()
                .statusCode(404)
                .body("code", equalTo("tutor.not_found"));
    }

    @Test
    void rejectionAndRequestedChangesNeedAReasonAndAllowResubmission() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        String subject = createSubject(admin, createCategory(admin));
        SignedIn tutor = completeTutor(subject);
        tutor.api().post("/api/v1/tutors/me/submit").then().statusCode(200);
        admin.api()
                .contentType("application/json")
                .body(Map.of("reason", ""))
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/reject")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        admin.api()
                .contentType("application/json")
                .body(Map.of("comments", "Add certifications"))
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/request-changes")
                .then()
                .statusCode(200)
                .body("status", equalTo("CHANGES_REQUESTED"));
        tutor.api().get("/api/v1/tutors/me/profile").then().body("statusReason", equalTo("Add certifications"));
        put(tutor, "certifications", List.of(Map.of("name", "PGCE", "year", 2015)), 200);
        tutor.api().post("/api/v1/tutors/me/submit").then().statusCode(200);
        admin.api()
                .contentType("application/json")
                .body(Map.of("reason", "Not a fit"))
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/reject")
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"));
        api().get("/api/v1/tutors/" + tutor.userId() + "/public")
                .then()
                .statusCode(404)
                .body("code", equalTo("tutor.not_found"));
        admin.api()
                .post("/api/v1/admin/tutors/" + tutor.userId() + "/reinstate")
                .then()
                .statusCode(409)
                .body("code", equalTo("tutor.invalid_transition"));
    }

    @Test
    void badSectionInputIs422AndChangesNothing() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        String subject = createSubject(admin, createCategory(admin));
        SignedIn tutor = Accounts.newUser("TUTOR");
        put(tutor, "about", Map.of("headline", "", "bio", "x"), 422);
        put(
                tutor,
                "subjects",
                List.of(Map.of("subjectId", subject, "level", "IB", "price", Map.of("amount", 100, "currency", "GBP"))),
                422);
        put(tutor, "subjects", List.of(offer(UUID.randomUUID().toString(), 100)), 422);
        put(tutor, "pricing", Map.of("currency", "XXQ", "lessonLengths", List.of(60)), 422);
        put(tutor, "pricing", Map.of("currency", "GBP", "lessonLengths", List.of(60, 60)), 422);
        put(tutor, "pricing", Map.of("currency", "GBP", "lessonLengths", List.of(10)), 422);
        put(tutor, "languages", List.of("english"), 422);
        put(tutor, "teaching", Map.of("mode", "ONLINE", "timeZone", "UTC", "introVideoUrl", "http://x.com/v"), 422);
        put(tutor, "teaching", Map.of("mode", "IN_PERSON", "timeZone", "Mars/Base"), 422);
        put(tutor, "education", List.of(Map.of("institution", "UCL", "startYear", 2010, "endYear", 2005)), 422);
        // a null in a list: the whole-body lists are checked entry by entry (422 naming the entry); a list inside the
        // body is refused while it is read (400 naming the element)
        for (String section : List.of("subjects", "certifications", "education", "languages")) {
            put(tutor, section, "[null]", 422);
        }
        nullElementRefused(
                tutor, "pricing", "{\"currency\": \"GBP\", \"lessonLengths\": [60, null]}", "lessonLengths[1]");
        tutor.api()
                .get("/api/v1/tutors/me/profile")
                .then()
                .body("profile.about", equalTo(null))
                .body("profile.subjects.size()", equalTo(0))
                .body("missingSections.size()", equalTo(5));
        // approved tutors are approved through the facade too
        SignedIn approved = completeTutor(subject);
        approve(admin, approved);
    }
}
