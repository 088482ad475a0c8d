package io.lyceum.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiDocument;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class CoursePackApiTests extends ApiTestBase {

    private static final String PACKS = "/api/v1/tutors/me/course-packs";
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private String createCategory(SignedIn admin) {
        return admin.api()
                .contentType("application/json")
                .body(Map.of("name", "Packs " + UUID.randomUUID(), "position", 1))
                .post("/api/v1/categories")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String createSubject(SignedIn admin, String categoryId) {
        return admin.api()
                .contentType("application/json")
                .body(Map.of("categoryId", categoryId, "name", "Maths " + UUID.randomUUID(), "levels", List.of("GCSE")))
                .post("/api/v1/subjects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A tutor approved through the catalog's own API. */
    private SignedIn approvedTutor(SignedIn admin, String subjectId) {
        SignedIn tutor = Tutors.submitted(subjectId, "Europe/London");
        Tutors.approve(admin, tutor);
        return tutor;
    }

    private static Map<String, Object> pack(String categoryId, String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", "Twelve lessons to a top grade.");
        body.put("categoryId", categoryId);
        body.put("level", "GCSE");
        body.put("price", Map.of("amount", 30000, "currency", "GBP"));
        body.put("numberOfLessons", 12);
        body.put("lessonMinutes", 60);
        body.put("schedulingType", "FLEXIBLE");
        body.put("preliminaryMeetingRequired", true);
        body.put("maxCompletionDays", 90);
        return body;
    }

    private static String create(SignedIn tutor, Map<String, Object> body) {
        return tutor.api()
                .contentType("application/json")
                .body(body)
                .post(PACKS)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private record World(SignedIn admin, String category, SignedIn tutor) {}

    private World world() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        String category = createCategory(admin);
        SignedIn tutor = approvedTutor(admin, createSubject(admin, category));
        return new World(admin, category, tutor);
    }

    private static Response upload(SignedIn tutor, String packId, String kind, String title, String name, byte[] b) {
        return tutor.api()
                .multiPart("kind", kind)
                .multiPart("title", title)
                .multiPart("file", name, b, "application/octet-stream")
                .post(PACKS + "/" + packId + "/materials");
    }

    private static Response addLink(SignedIn tutor, String packId, String title) {
        return tutor.api()
                .contentType("application/json")
                .body(Map.of("kind", "LINK", "title", title, "url", "https://example.com/" + title))
                .post(PACKS + "/" + packId + "/materials");
    }

    /**
     * A pack's materials answer as one whole list, so a pack holds at most 100: parallel additions at the edge pass
     * the limit only as far as it allows (the count is taken under the pack's row lock), and the list, the reorder and
     * the API document agree on the bound.
     */
    @Test
    void aPackHoldsAtMostAHundredMaterialsEvenWhenTheyArriveTogether() {
        World w = world();
        var withoutDeadline = pack(w.category(), "Bounded pack");
        withoutDeadline.remove("maxCompletionDays");
        String id = create(w.tutor(), withoutDeadline);
        // an optional field left out stays absent, not 0
        w.tutor()
                .api()
                .get(PACKS + "/" + id)
                .then()
                .statusCode(200)
                .body("$", not(org.hamcrest.Matchers.hasKey("maxCompletionDays")));
        for (int i = 0; i < 97; i++) {
            addLink(w.tutor(), id, "link-" + i).then().statusCode(201);
        }
        List<Integer> statuses = io.lyceum.testsupport.Parallel.run(
                6, i -> addLink(w.tutor(), id, "parallel-" + i).statusCode());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(3);
        addLink(w.tutor(), id, "one-too-many").then().statusCode(409).body("code", equalTo("material.limit_reached"));
        upload(w.tutor(), id, "FILE", "Too many notes", "notes.txt", "x".getBytes())
                .then()
                .statusCode(409)
                .body("code", equalTo("material.limit_reached"));
        List<String> ids = w.tutor()
                .api()
                .get(PACKS + "/" + id + "/materials")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        assertThat(ids).hasSize(100).doesNotHaveDuplicates();
        w.tutor()
                .api()
                .contentType("application/json")
                .body(ids.reversed())
                .put(PACKS + "/" + id + "/materials/order")
                .then()
                .statusCode(200)
                .body("size()", equalTo(100));
        var operation = ApiDocument.jsonPath();
        assertThat(operation.getInt("paths.'/api/v1/course-packs/{id}/materials'.get.responses.'200'.content."
                        + "'application/json'.schema.maxItems"))
                .isEqualTo(100);
        assertThat(operation.getString("paths.'/api/v1/tutors/me/course-packs/{id}/materials'.get.description"))
                .contains("at most 100 items");
        // deleting one makes room again
        w.tutor()
                .api()
                .delete(PACKS + "/" + id + "/materials/" + ids.getFirst())
                .then()
                .statusCode(204);
        addLink(w.tutor(), id, "room-again").then().statusCode(201);
    }

    @Test
    void tutorsManageTheirOwnPacksAndThePublicSeesOnlyPublishedOnes() {
        World w = world();
        String id = create(w.tutor(), pack(w.category(), "GCSE Maths crash course"));
        Response got = w.tutor().api().get(PACKS + "/" + id);
        got.then()
                .statusCode(200)
                .body("published", equalTo(false))
                .body("moderationStatus", equalTo("ACTIVE"))
                .body("price.amount", equalTo(30000))
                .body("price.currency", equalTo("GBP"))
                .body("version", equalTo(1));
        assertThat(got.header("ETag")).isEqualTo("\"1\"");
        w.tutor().api().get(PACKS).then().statusCode(200).body("content.id", hasItem(id));

        // unpublished: hidden from the public
        api().get("/api/v1/course-packs/" + id).then().statusCode(404).body("code", equalTo("pack.not_found"));
        api().queryParam("tutorId", w.tutor().userId().toString())
                .get("/api/v1/course-packs")
                .then()
                .statusCode(200)
                .body("content.id", not(hasItem(id)));

        // update with a matching If-Match, then a stale one is 412
        Map<String, Object> changed = pack(w.category(), "GCSE Maths intensive");
        w.tutor()
                .api()
                .header("If-Match", "\"1\"")
                .contentType("application/json")
                .body(changed)
                .put(PACKS + "/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("title", equalTo("GCSE Maths intensive"));
        w.tutor()
                .api()
                .header("If-Match", "\"1\"")
                .contentType("application/json")
                .body(changed)
                .put(PACKS + "/" + id)
                .then()
                .statusCode(412)
                .body("code", equalTo("pack.version_mismatch"));

        w.tutor()
                .api()
                .post(PACKS + "/" + id + "/publish")
                .then()
                .statusCode(200)
                .body("published", equalTo(true));
        api().get("/api/v1/course-packs/" + id)
                .then()
                .statusCode(200)
                .body("title", equalTo("GCSE Maths intensive"))
                .body("tutorId", equalTo(w.tutor().userId().toString()));
        api().queryParam("categoryId", w.category())
                .queryParam("level", "GCSE")
                .get("/api/v1/course-packs")
                .then()
                .statusCode(200)
                .body("content.id", equalTo(List.of(id)));
        api().queryParam("categoryId", w.category())
                .queryParam("level", "IB")
                .get("/api/v1/course-packs")
                .then()
                .body("page.totalElements", equalTo(0));

        // another tutor, a student, another tenant
        SignedIn other = Accounts.newUser("TUTOR");
        other.api().get(PACKS + "/" + id).then().statusCode(404).body("code", equalTo("pack.not_found"));
        other.api().delete(PACKS + "/" + id).then().statusCode(404).body("code", equalTo("pack.not_found"));
        other.api()
                .post(PACKS + "/" + id + "/unpublish")
                .then()
                .statusCode(404)
                .body("code", equalTo("pack.not_found"));
        Accounts.newUser("STUDENT").api().get(PACKS).then().statusCode(403).body("code", equalTo("auth.forbidden"));
        Accounts.newUser("STUDENT")
                .api()
                .contentType("application/json")
                .body(pack(w.category(), "x"))
                .post(PACKS)
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        SignedIn otherOwner = Tenants.newTenantWithOwner(Tenants.uniqueSlug("pk"));
        otherOwner
                .api()
                .get("/api/v1/course-packs/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("pack.not_found"));
        otherOwner
                .api()
                .contentType("application/json")
                .body(Map.of("reason", "x"))
                .post("/api/v1/admin/course-packs/" + id + "/remove")
                .then()
                .statusCode(404)
                .body("code", equalTo("pack.not_found"));

        // suspending the tutor hides the pack
        w.admin()
                .api()
                .contentType("application/json")
                .body(Map.of("reason", "check"))
                .post("/api/v1/admin/tutors/" + w.tutor().userId() + "/suspend")
                .then()
                .statusCode(200);
        api().get("/api/v1/course-packs/" + id).then().statusCode(404).body("code", equalTo("pack.not_found"));
        w.admin()
                .api()
                .post("/api/v1/admin/tutors/" + w.tutor().userId() + "/reinstate")
                .then()
                .statusCode(200);
        api().get("/api/v1/course-packs/" + id).then().statusCode(200);

        // unpublish hides, delete removes for good
        w.tutor().api().post(PACKS + "/" + id + "/unpublish").then().statusCode(200);
        api().get("/api/v1/course-packs/" + id).then().statusCode(404).body("code", equalTo("pack.not_found"));
        w.tutor()
                .api()
                .header("If-Match", "\"1\"")
                .delete(PACKS + "/" + id)
                .then()
                .statusCode(412)
                .body("code", equalTo("pack.version_mismatch"));
        w.tutor().api().delete(PACKS + "/" + id).then().statusCode(204);
        w.tutor().api().get(PACKS + "/" + id).then().statusCode(404).body("code", equalTo("pack.not_found"));
    }

    @Test
    void unapprovedTutorsCannotPublishAndBadInputIs422() {
        World w = world();
        SignedIn novice = Accounts.newUser("TUTOR");
        String id = create(novice, pack(w.category(), "Draft pack"));
        novice.api()
                .post(PACKS + "/" + id + "/publish")
                .then()
                .statusCode(409)
                .body("code", equalTo("pack.tutor_not_approved"));

        Map<String, Object> bad = pack(w.category(), " ");
        novice.api()
                .contentType("application/json")
                .body(bad)
                .post(PACKS)
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        Map<String, Object> unknownCategory = pack(UUID.randomUUID().toString(), "x");
        novice.api()
                .contentType("application/json")
                .body(unknownCategory)
                .post(PACKS)
                .then()
                .statusCode(422)
                .body("code", equalTo("pack.invalid"))
                .body("errors.field", hasItem("categoryId"));
        Map<String, Object> strictNoDates = pack(w.category(), "Strict");
        strictNoDates.put("schedulingType", "STRICT");
        novice.api()
                .contentType("application/json")
                .body(strictNoDates)
                .post(PACKS)
                .then()
                .statusCode(422)
                .body("code", equalTo("pack.invalid"))
                .body("errors.field", hasItem("fixedDates"));
        Map<String, Object> strictPast = pack(w.category(), "Strict");
        strictPast.put("schedulingType", "STRICT");
        strictPast.put("numberOfLessons", 1);
        strictPast.put(
                "fixedDates", List.of(Instant.now().minus(Duration.ofDays(1)).toString()));
        novice.api()
                .contentType("application/json")
                .body(strictPast)
                .post(PACKS)
                .then()
                .statusCode(422);
        Map<String, Object> currency = pack(w.category(), "Bad currency");
        currency.put("price", Map.of("amount", 100, "currency", "QQQ"));
        // the price is Money: an unknown currency is unreadable, and the problem names the field
        novice.api()
                .contentType("application/json")
                .body(currency)
                .post(PACKS)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.malformed_body"))
                .body("errors[0].field", equalTo("price.currency"));
        Map<String, Object> lessons = pack(w.category(), "No lessons");
        lessons.put("numberOfLessons", 0);
        novice.api()
                .contentType("application/json")
                .body(lessons)
                .post(PACKS)
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));

        Map<String, Object> strict = pack(w.category(), "Strict ok");
        strict.put("schedulingType", "STRICT");
        strict.put("numberOfLessons", 2);
        strict.put(
                "fixedDates",
                List.of(
                        Instant.now().plus(Duration.ofDays(8)).toString(),
                        Instant.now().plus(Duration.ofDays(1)).toString()));
        String strictId = create(w.tutor(), strict);
        w.tutor()
                .api()
                .get(PACKS + "/" + strictId)
                .then()
                .body("fixedDates.size()", equalTo(2))
                .body("schedulingType", equalTo("STRICT"));
        w.tutor().api().post(PACKS + "/" + strictId + "/publish").then().statusCode(200);
        // nothing half-written: the novice still has exactly one pack
        novice.api().get(PACKS).then().body("page.totalElements", equalTo(1));
    }

    @Test
    void adminRemovalHidesThePackAndPublishesTheEvent() {
        World w = world();
        String id = create(w.tutor(), pack(w.category(), "To be removed"));
        w.tutor().api().post(PACKS + "/" + id + "/publish").then().statusCode(200);
        w.tutor()
                .api()
                .contentType("application/json")
                .body(Map.of("reason", "x"))
                .post("/api/v1/admin/course-packs/" + id + "/remove")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        w.admin()
                .api()
                .contentType("application/json")
                .body(Map.of("reason", " "))
                .post("/api/v1/admin/course-packs/" + id + "/remove")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        w.admin()
                .api()
                .contentType("application/json")
                .body(Map.of("reason", "Copyright complaint"))
                .post("/api/v1/admin/course-packs/" + id + "/remove")
                .then()
                .statusCode(200)
                .body("moderationStatus", equalTo("REMOVED"))
                .body("removalReason", equalTo("Copyright complaint"));
        api().get("/api/v1/course-packs/" + id).then().statusCode(404).body("code", equalTo("pack.not_found"));
        w.tutor()
                .api()
                .post(PACKS + "/" + id + "/publish")
                .then()
                .statusCode(409)
                .body("code", equalTo("pack.removed"));
        w.admin()
                .api()
                .contentType("application/json")
                .body(Map.of("reason", "again"))
                .post("/api/v1/admin/course-packs/" + id + "/remove")
                .then()
                .statusCode(409)
                .body("code", equalTo("pack.already_removed"));

        String serialized = jdbc.sql("SELECT serialized_event FROM event_publication WHERE event_type LIKE :type"
                        + " AND serialized_event LIKE :pack")
                .param("type", "%CoursePackRemoved")
                .param("pack", "%" + id + "%")
                .query(String.class)
                .list()
                .getFirst(); // one publication per listener (billing refunds, the tutor is emailed)
        assertThat(serialized)
                .contains("Copyright complaint")
                .contains(w.admin().userId().toString());
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api().queryParam(
                        "recipient", w.tutor().email())
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200)
                .body("content[0].body", org.hamcrest.Matchers.containsString("Copyright complaint")));
    }

    @Test
    void materialsAreUploadedCheckedOrderedAndPrivate() {
        World w = world();
        String id = create(w.tutor(), pack(w.category(), "With materials"));
        String pdf = upload(w.tutor(), id, "DOCUMENT", "Syllabus", "syllabus.pdf", PDF)
                .then()
                .statusCode(201)
                .body("contentType", equalTo("application/pdf"))
                .body("size", equalTo(PDF.length))
                .body("position", equalTo(1))
                .extract()
                .path("id");
        String link = w.tutor()
                .api()
                .contentType("application/json")
                .body(Map.of("kind", "VIDEO", "title", "Intro video", "url", "https://videos.example.com/intro"))
                .post(PACKS + "/" + id + "/materials")
                .then()
                .statusCode(201)
                .body("position", equalTo(2))
                .extract()
                .path("id");
        String text = upload(w.tutor(), id, "FILE", "Notes", "notes.txt", "Chapter 1\nAlgebra\n".getBytes())
                .then()
                .statusCode(201)
                .body("contentType", equalTo("text/plain"))
                .extract()
                .path("id");

        // title clash, wrong type, disguised type, http link, too large
        upload(w.tutor(), id, "FILE", "syllabus", "other.pdf", PDF)
                .then()
                .statusCode(409)
                .body("code", equalTo("material.title_taken"));
        byte[] png = new byte[40];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, png, 0, 8);
        System.arraycopy("IHDR".getBytes(), 0, png, 12, 4);
        upload(w.tutor(), id, "DOCUMENT", "Picture", "picture.pdf", png)
                .then()
                .statusCode(422)
                .body("code", equalTo("material.unsupported_type"));
        upload(w.tutor(), id, "FILE", "Binary", "tool.pdf", new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, 2})
                .then()
                .statusCode(422)
                .body("code", equalTo("material.unsupported_type"));
        upload(w.tutor(), id, "FILE", "Picture", "picture.png", png).then().statusCode(201);
        w.tutor()
                .api()
                .contentType("application/json")
                .body(Map.of("kind", "LINK", "title", "Insecure", "url", "http://example.com"))
                .post(PACKS + "/" + id + "/materials")
                .then()
                .statusCode(422)
                .body("code", equalTo("material.invalid"));
        byte[] huge = new byte[20 * 1024 * 1024 + 1];
        System.arraycopy(PDF, 0, huge, 0, PDF.length);
        upload(w.tutor(), id, "FILE", "Huge", "huge.pdf", huge)
                .then()
                .statusCode(413)
                .body("code", equalTo("material.too_large"));

        // ordering
        w.tutor()
                .api()
                .contentType("application/json")
                .body(List.of(text, link))
                .put(PACKS + "/" + id + "/materials/order")
                .then()
                .statusCode(422)
                .body("code", equalTo("material.invalid_order"));
        List<String> order = w.tutor()
                .api()
                .get(PACKS + "/" + id + "/materials")
                .then()
                .extract()
                .path("id");
        assertThat(order).hasSize(4).startsWith(pdf, link, text);
        List<String> reversed = new java.util.ArrayList<>(order);
        java.util.Collections.reverse(reversed);
        w.tutor()
                .api()
                .contentType("application/json")
                .body(reversed)
                .put(PACKS + "/" + id + "/materials/order")
                .then()
                .statusCode(200)
                .body("id", equalTo(reversed));

        // update and title clash on update
        w.tutor()
                .api()
                .contentType("application/json")
                .body(Map.of("title", "Intro video (new)", "url", "https://videos.example.com/v2"))
                .put(PACKS + "/" + id + "/materials/" + link)
                .then()
                .statusCode(200)
                .body("url", equalTo("https://videos.example.com/v2"));
        w.tutor()
                .api()
                .contentType("application/json")
                .body(Map.of("title", "Notes"))
                .put(PACKS + "/" + id + "/materials/" + pdf)
                .then()
                .statusCode(409)
                .body("code", equalTo("material.title_taken"));

        // readers: tutor and admin yes; other student, other tutor, other tenant 404; anonymous 401
        String materials = "/api/v1/course-packs/" + id + "/materials";
        byte[] body = w.tutor()
                .api()
                .get(materials + "/" + pdf + "/content")
                .then()
                .statusCode(200)
                .header("Content-Type", "application/pdf")
                .extract()
                .asByteArray();
        assertThat(body).isEqualTo(PDF);
        w.admin().api().get(materials).then().statusCode(200).body("size()", equalTo(4));
        w.admin().api().get(materials + "/" + pdf + "/content").then().statusCode(200);
        Accounts.newUser("STUDENT").api().get(materials).then().statusCode(404).body("code", equalTo("pack.not_found"));
        Accounts.newUser("STUDENT")
                .api()
                .get(materials + "/" + pdf + "/content")
                .then()
                .statusCode(404)
                .body("code", equalTo("pack.not_found"));
        Accounts.newUser("TUTOR").api().get(materials).then().statusCode(404).body("code", equalTo("pack.not_found"));
        Accounts.newUser("TUTOR")
                .api()
                .get(PACKS + "/" + id + "/materials")
                .then()
                .statusCode(404)
                .body("code", equalTo("pack.not_found"));
        api().get(materials).then().statusCode(401);
        api().get(materials + "/" + pdf + "/content").then().statusCode(401);
        Tenants.newTenantWithOwner(Tenants.uniqueSlug("mt"))
                .api()
                .get(materials)
                .then()
                .statusCode(404)
                .body("code", equalTo("pack.not_found"));
        w.tutor()
                .api()
                .get(materials + "/" + link + "/content")
                .then()
                .statusCode(404)
                .body("code", equalTo("material.no_content"));

        // deleting a material and the whole pack removes the files
        w.tutor().api().delete(PACKS + "/" + id + "/materials/" + text).then().statusCode(204);
        w.tutor().api().get(materials + "/" + text).then().statusCode(404).body("code", equalTo("material.not_found"));
        w.tutor().api().delete(PACKS + "/" + id).then().statusCode(204);
        w.admin().api().get(materials).then().statusCode(404).body("code", equalTo("pack.not_found"));
    }
}
