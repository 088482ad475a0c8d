package io.lyceum.reviews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Parallel;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.JsonPath;
import io.lyceum.testsupport.http.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The reviews API: who may review which lesson and when, one review per booking (PostgreSQL's unique constraint, also
 * under parallel submits), blindness until both sides have reviewed or the window ends, replies, edits, hiding, the
 * tutor's aggregates and their way into search.
 */
class ReviewApiTests extends ApiTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    ReviewsApi reviewsApi;

    // ---- helpers

    static Response post(SignedIn author, UUID bookingId, int rating, String body) {
        return author.api()
                .contentType("application/json")
                .body(Map.of("bookingId", bookingId, "rating", rating, "body", body))
                .post("/api/v1/reviews");
    }

    static String posted(SignedIn author, UUID bookingId, int rating) {
        return post(author, bookingId, rating, "Clear explanations, good pace.")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static Response rateStudent(SignedIn tutor, UUID bookingId, int rating) {
        return tutor.api()
                .contentType("application/json")
                .body(Map.of("bookingId", bookingId, "rating", rating, "note", "prepared"))
                .post("/api/v1/reviews/student-ratings");
    }

    JsonPath publicList(UUID tutorId) {
        return api().get("/api/v1/reviews/tutors/" + tutorId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The tutor's search row as the public search answers it (the default tenant, by the tutor's unique id). */
    JsonPath searchRow(Tutors.Approved tutor) {
        return api().queryParam("subjectId", tutor.subjectId())
                .get("/api/v1/tutors")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("content.find { it.tutorId == '" + tutor.id() + "' }");
    }

    /** A tutor with a completed lesson with a new student. */
    record Lesson(Tutors.Approved tutor, SignedIn student, UUID bookingId) {}

    Lesson lesson() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        SignedIn student = Accounts.newUser("STUDENT");
        return new Lesson(tutor, student, Lessons.completed(jdbc, tutor.id(), student.userId(), testClock.instant()));
    }

    // ---- writing a review

    @Test
    void theStudentReviewsACompletedLessonAndItStaysBlindUntilTheTutorRatesTheStudent() {
        Lesson l = lesson();
        String id = post(l.student(), l.bookingId(), 5, "  Patient and clear.  ")
                .then()
                .statusCode(201)
                .body("rating", equalTo(5))
                .body("body", equalTo("Patient and clear."))
                .body("visible", equalTo(false))
                .body("bookingId", equalTo(l.bookingId().toString()))
                .extract()
                .path("id");

        // blind: the public list and the tutor see nothing, the author does
        assertThat(publicList(l.tutor().id()).getInt("summary.count")).isZero();
        assertThat(publicList(l.tutor().id()).getList("content")).isEmpty();
        l.tutor()
                .tutor()
                .api()
                .get("/api/v1/reviews/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("review.not_found"));
        api().get("/api/v1/reviews/" + id).then().statusCode(404).body("code", equalTo("review.not_found"));
        l.student().api().get("/api/v1/reviews/" + id).then().statusCode(200).body("visible", equalTo(false));
        l.tutor()
                .tutor()
                .api()
                .get("/api/v1/reviews/bookings/" + l.bookingId())
                .then()
                .statusCode(200)
                .body("review", nullValue())
                .body("canRateStudent", equalTo(true));

        // the tutor rates the student: both sides have reviewed, the review is public and counted
        rateStudent(l.tutor().tutor(), l.bookingId(), 4).then().statusCode(201).body("rating", equalTo(4));
        JsonPath list = publicList(l.tutor().id());
        assertThat(list.getInt("summary.count")).isEqualTo(1);
        assertThat(list.getDouble("summary.average")).isEqualTo(5.0);
        // (5 × 4.0 + 5) / (5 + 1) = 4.1666… → 4.167
        assertThat(list.getDouble("summary.bayesianAverage")).isEqualTo(4.167);
        assertThat(list.getInt("summary.distribution.'5'")).isEqualTo(1);
        assertThat(list.getInt("summary.distribution.'1'")).isZero();
        assertThat(list.getString("content[0].id")).isEqualTo(id);
        assertThat(list.getString("content[0].authorName")).isEqualTo("Test s.");
        assertThat(list.getString("content[0].bookingId")).isNull();
        assertThat(list.getString("content[0].hidden")).isNull();
        l.tutor()
                .tutor()
                .api()
                .get("/api/v1/reviews/" + id)
                .then()
                .statusCode(200)
                .body("visible", equalTo(true));

        // the search row carries the aggregates
        JsonPath row = searchRow(l.tutor());
        assertThat(row.getDouble("rating")).isEqualTo(5.0);
        assertThat(row.getInt("ratingCount")).isEqualTo(1);

        // the private rating never reaches the student's side
        l.student()
                .api()
                .get("/api/v1/reviews/bookings/" + l.bookingId())
                .then()
                .statusCode(200)
                .body("studentRating", nullValue())
                .body("canReview", equalTo(false));
        rateStudent(l.tutor().tutor(), l.bookingId(), 3)
                .then()
                .statusCode(409)
                .body("code", equalTo("review.student_already_rated"));
    }

    @Test
    void aReviewBecomesVisibleWhenTheWindowEndsAndTheSweepCountsIt() {
        Lesson l = lesson();
        posted(l.student(), l.bookingId(), 4);
        assertThat(publicList(l.tutor().id()).getInt("summary.count")).isZero();

        testClock.advance(Duration.ofDays(15));
        assertThat(publicList(l.tutor().id()).getInt("summary.count")).isEqualTo(1);
        // the reveal sweep (every second in tests) reports the aggregates to the catalog
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> searchRow(l.tutor()).getInt("ratingCount") == 1);
        assertThat(searchRow(l.tutor()).getDouble("rating")).isEqualTo(4.0);
        // and the tutor can no longer rate the student
        rateStudent(l.tutor().tutor(), l.bookingId(), 5)
                .then()
                .statusCode(409)
                .body("code", equalTo("review.window_closed"));
    }

    @Test
    void onlyTheStudentSideReviewsOnlyADoneLessonWithinTheWindow() {
        Lesson l = lesson();
        SignedIn stranger = Accounts.newUser("STUDENT");
        post(stranger, l.bookingId(), 5, "Not my lesson")
                .then()
                .statusCode(404)
                .body("code", equalTo("review.booking_not_found"));
        post(l.tutor().tutor(), l.bookingId(), 5, "Reviewing myself")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        SignedIn unlinkedGuardian = Accounts.newUser("GUARDIAN");
        post(unlinkedGuardian, l.bookingId(), 5, "Not my child")
                .then()
                .statusCode(404)
                .body("code", equalTo("review.booking_not_found"));
        post(l.student(), UUID.randomUUID(), 5, "No such lesson")
                .then()
                .statusCode(404)
                .body("code", equalTo("review.booking_not_found"));

        UUID upcoming = Lessons.insert(
                jdbc, l.tutor().id(), l.student().userId(), "CONFIRMED", testClock.instant(), Duration.ofHours(-48));
        post(l.student(), upcoming, 5, "Too early")
                .then()
                .statusCode(409)
                .body("code", equalTo("review.lesson_not_completed"));
        UUID missed = Lessons.insert(
                jdbc, l.tutor().id(), l.student().userId(), "NO_SHOW_TUTOR", testClock.instant(), Duration.ofHours(30));
        post(l.student(), missed, 1, "Never came")
                .then()
                .statusCode(409)
                .body("code", equalTo("review.lesson_not_completed"));
        UUID old = Lessons.insert(
                jdbc, l.tutor().id(), l.student().userId(), "COMPLETED", testClock.instant(), Duration.ofDays(20));
        post(l.student(), old, 5, "Long ago").then().statusCode(409).body("code", equalTo("review.window_closed"));

        l.student()
                .api()
                .contentType("application/json")
                .body(Map.of("bookingId", l.bookingId(), "rating", 6, "body", ""))
                .post("/api/v1/reviews")
                .then()
                .statusCode(422)
                .body("code", equalTo("review.invalid"))
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("rating", "body"));
        api().contentType("application/json")
                .body(Map.of("bookingId", l.bookingId(), "rating", 5, "body", "anonymous"))
                .post("/api/v1/reviews")
                .then()
                .statusCode(401);
        assertThat(reviewRows(l.bookingId())).isZero();
    }

    @Test
    void aLinkedGuardianReviewsTheirChildsLesson() {
        Lesson l = lesson();
        SignedIn guardian = Accounts.newUser("GUARDIAN");
        io.lyceum.testsupport.Accounts.linkGuardian(guardian, l.student());
        String id = posted(guardian, l.bookingId(), 5);
        // the student's side reads it while blind; the author is the guardian, the public name the student's
        l.student().api().get("/api/v1/reviews/" + id).then().statusCode(200).body("authorName", equalTo("Test s."));
        post(l.student(), l.bookingId(), 4, "Me too")
                .then()
                .statusCode(409)
                .body("code", equalTo("review.already_reviewed"));
    }

    @Test
    void aSecondReviewOfABookingIsRefusedEvenWhenTheyArriveTogether() {
        Lesson l = lesson();
        List<Integer> statuses = Parallel.run(6, i -> post(l.student(), l.bookingId(), 1 + i % 5, "Attempt " + i)
                .then()
                .extract()
                .statusCode());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(5);
        assertThat(reviewRows(l.bookingId())).isEqualTo(1);
        post(l.student(), l.bookingId(), 5, "Once more")
                .then()
                .statusCode(409)
                .body("code", equalTo("review.already_reviewed"));
    }

    @Test
    void theAuthorEditsWithin48HoursOnly() {
        Lesson l = lesson();
        String id = posted(l.student(), l.bookingId(), 3);
        SignedIn other = Accounts.newUser("STUDENT");
        edit(other, id, 5, "Hijack").then().statusCode(404).body("code", equalTo("review.not_found"));
        edit(l.student(), id, 4, "Better on reflection.")
                .then()
                .statusCode(200)
                .body("rating", equalTo(4))
                .body("body", equalTo("Better on reflection."));

        // visible now (tutor rated); the tutor can read it but not edit it
        rateStudent(l.tutor().tutor(), l.bookingId(), 5).then().statusCode(201);
        edit(l.tutor().tutor(), id, 5, "Tutor's edit")
                .then()
                .statusCode(403)
                .body("code", equalTo("review.not_author"));
        assertThat(publicList(l.tutor().id()).getDouble("summary.average")).isEqualTo(4.0);

        testClock.advance(Duration.ofHours(48).plusMinutes(1));
        edit(l.student(), id, 1, "Too late").then().statusCode(409).body("code", equalTo("review.edit_window_closed"));
        assertThat(publicList(l.tutor().id()).getInt("content[0].rating")).isEqualTo(4);
    }

    @Test
    void theTutorRepliesOnceToAVisibleReview() {
        Lesson l = lesson();
        String id = posted(l.student(), l.bookingId(), 5);
        // blind: the tutor cannot answer what they cannot read
        reply(l.tutor().tutor(), id, "Thanks!").then().statusCode(404).body("code", equalTo("review.not_found"));
        rateStudent(l.tutor().tutor(), l.bookingId(), 5).then().statusCode(201);

        Tutors.Approved otherTutor = Tutors.approved(jdbc);
        reply(otherTutor.tutor(), id, "Not mine")
                .then()
                .statusCode(403)
                .body("code", equalTo("review.not_reviewed_tutor"));
        reply(l.student(), id, "Students do not reply").then().statusCode(403).body("code", equalTo("auth.forbidden"));
        reply(l.tutor().tutor(), id, "").then().statusCode(422).body("code", equalTo("review.invalid"));

        reply(l.tutor().tutor(), id, "Thank you, see you next week.")
                .then()
                .statusCode(200)
                .body("reply.body", equalTo("Thank you, see you next week."));
        reply(l.tutor().tutor(), id, "A second reply")
                .then()
                .statusCode(409)
                .body("code", equalTo("review.already_replied"));
        assertThat(publicList(l.tutor().id()).getString("content[0].reply.body"))
                .isEqualTo("Thank you, see you next week.");
    }

    @Test
    void anAdminHidesAReviewWithAReasonAndItIsAuditedAndUncounted() {
        Lesson l = lesson();
        String id = posted(l.student(), l.bookingId(), 1);
        rateStudent(l.tutor().tutor(), l.bookingId(), 3).then().statusCode(201);
        assertThat(publicList(l.tutor().id()).getInt("summary.count")).isEqualTo(1);

        hide(l.student(), id, "I changed my mind").then().statusCode(403).body("code", equalTo("auth.forbidden"));
        hide(l.tutor().tutor(), id, "Unfair").then().statusCode(403).body("code", equalTo("auth.forbidden"));
        SignedIn admin = l.tutor().admin();
        hide(admin, id, " ").then().statusCode(422).body("code", equalTo("review.invalid"));
        hide(admin, UUID.randomUUID().toString(), "x").then().statusCode(404).body("code", equalTo("review.not_found"));
        hide(admin, id, "Personal attack on the tutor")
                .then()
                .statusCode(200)
                .body("hidden", equalTo(true))
                .body("hiddenReason", equalTo("Personal attack on the tutor"));
        hide(admin, id, "Again").then().statusCode(409).body("code", equalTo("review.already_hidden"));

        JsonPath list = publicList(l.tutor().id());
        assertThat(list.getInt("summary.count")).isZero();
        assertThat(list.getList("content")).isEmpty();
        assertThat(searchRow(l.tutor()).getInt("ratingCount")).isZero();
        api().get("/api/v1/reviews/" + id).then().statusCode(404);
        // the author still sees it, with the reason
        l.student().api().get("/api/v1/reviews/" + id).then().statusCode(200).body("hidden", equalTo(true));
        edit(l.student(), id, 2, "Edited after hiding").then().statusCode(409).body("code", equalTo("review.hidden"));

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> admin.api()
                                .queryParam("subjectId", id)
                                .queryParam("action", "REVIEW_HIDDEN")
                                .get("/api/v1/admin/audit-log")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<Integer>path("page.totalElements")
                        == 1);
        JsonPath entry = admin.api()
                .queryParam("subjectId", id)
                .queryParam("action", "REVIEW_HIDDEN")
                .get("/api/v1/admin/audit-log")
                .then()
                .extract()
                .jsonPath()
                .setRootPath("content[0]");
        assertThat(entry.getString("actorUserId")).isEqualTo(admin.userId().toString());
        assertThat(entry.getString("subjectType")).isEqualTo("REVIEW");
        assertThat(entry.getString("reason")).isEqualTo("Personal attack on the tutor");
        assertThat(entry.getBoolean("before.hidden")).isFalse();
        assertThat(entry.getBoolean("after.hidden")).isTrue();
    }

    @Test
    void theTutorsListIsPagedSortableAndHasTheDistribution() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        int[] ratings = {5, 4, 5, 2};
        for (int rating : ratings) {
            SignedIn student = Accounts.newUser("STUDENT");
            UUID booking = Lessons.completed(jdbc, tutor.id(), student.userId(), testClock.instant());
            posted(student, booking, rating);
            rateStudent(tutor.tutor(), booking, 4).then().statusCode(201);
        }
        JsonPath list = publicList(tutor.id());
        assertThat(list.getInt("summary.count")).isEqualTo(4);
        assertThat(list.getDouble("summary.average")).isEqualTo(4.0);
        // (5 × 4.0 + 16) / (5 + 4) = 4.0
        assertThat(list.getDouble("summary.bayesianAverage")).isEqualTo(4.0);
        assertThat(list.getMap("summary.distribution"))
                .containsEntry("1", 0)
                .containsEntry("2", 1)
                .containsEntry("4", 1)
                .containsEntry("5", 2);

        api().queryParam("sort", "rating,asc")
                .queryParam("size", 2)
                .get("/api/v1/reviews/tutors/" + tutor.id())
                .then()
                .statusCode(200)
                .body("content", hasSize(2))
                .body("content[0].rating", equalTo(2))
                .body("content[1].rating", equalTo(4))
                .body("page.totalElements", equalTo(4))
                .body("page.totalPages", equalTo(2));
        api().queryParam("sort", "body")
                .get("/api/v1/reviews/tutors/" + tutor.id())
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_paging"));
        api().get("/api/v1/reviews/tutors/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("code", equalTo("review.tutor_not_found"));
    }

    // ---- more helpers

    private int reviewRows(UUID bookingId) {
        return io.lyceum.tenancy.TenantContext.callAs(
                io.lyceum.tenancy.TenantId.DEFAULT, () -> jdbc.sql("SELECT count(*) FROM reviews WHERE booking_id = :b")
                        .param("b", bookingId)
                        .query(Integer.class)
                        .single());
    }

    private static Response edit(SignedIn user, String id, int rating, String body) {
        return user.api()
                .contentType("application/json")
                .body(Map.of("rating", rating, "body", body))
                .patch("/api/v1/reviews/" + id);
    }

    private static Response reply(SignedIn user, String id, String body) {
        return user.api()
                .contentType("application/json")
                .body(Map.of("body", body))
                .post("/api/v1/reviews/" + id + "/reply");
    }

    private static Response hide(SignedIn user, String id, String reason) {
        return user.api()
                .contentType("application/json")
                .body(Map.of("reason", reason))
                .post("/api/v1/admin/reviews/" + id + "/hide");
    }
}
