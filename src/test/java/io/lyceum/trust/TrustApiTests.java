package io.lyceum.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Parallel;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.JsonPath;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Credibility scores end to end: a tutor's and a client's record written as scheduling keeps it, reviews and private
 * ratings through the API, the events enqueue the subjects, the worker recalculates, and the stored breakdown matches
 * the score computed by hand. Plus the internal worker's secret and who may read which score.
 */
class TrustApiTests extends ApiTestBase {

    static final String SECRET = "test-caas-worker-secret-0123456789";
    private static final AtomicLong SLOT = new AtomicLong();

    @Autowired
    Scoring scoring;

    // ---- helpers: bookings and their history as scheduling writes them

    private UUID booking(UUID tutor, UUID student, String state) {
        UUID id = UUID.randomUUID();
        Instant end = testClock
                .instant()
                .minus(Duration.ofHours(3 + 2 * SLOT.incrementAndGet()))
                .truncatedTo(ChronoUnit.SECONDS);
        TenantContext.runAs(TenantId.DEFAULT, () -> jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, starts_at,
                                              ends_at, occupied_until, state, price_amount, price_currency,
                                              created_at, updated_at)
                        VALUES (:id, :t, :tutor, :student, :student, :subject, :starts, :ends, :ends, :state, 3000,
                                'GBP', now(), now())
                        """)
                .param("id", id)
                .param("t", TenantId.DEFAULT.value())
                .param("tutor", tutor)
                .param("student", student)
                .param("subject", UUID.randomUUID())
                .param("starts", end.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC))
                .param("ends", end.atOffset(ZoneOffset.UTC))
                .param("state", state)
                .update());
        return id;
    }

    private void history(UUID booking, String from, String to, String role, String details, Instant at) {
        TenantContext.runAs(TenantId.DEFAULT, () -> jdbc.sql("""
                        INSERT INTO booking_history (id, tenant_id, booking_id, from_state, to_state, actor_role,
                                                     details, occurred_at)
                        VALUES (:id, :t, :b, :from, :to, :role, CAST(:details AS jsonb), :at)
                        """)
                .param("id", UUID.randomUUID())
                .param("t", TenantId.DEFAULT.value())
                .param("b", booking)
                .param("from", from)
                .param("to", to)
                .param("role", role)
                .param("details", details)
                .param("at", Timestamp.from(at))
                .update());
    }

    private static void review(SignedIn author, UUID booking, int rating) {
        author.api()
                .contentType("application/json")
                .body(Map.of("bookingId", booking, "rating", rating, "body", "Review " + rating))
                .post("/api/v1/reviews")
                .then()
                .statusCode(201);
    }

    private static void rate(SignedIn tutor, UUID booking, int rating) {
        tutor.api()
                .contentType("application/json")
                .body(Map.of("bookingId", booking, "rating", rating))
                .post("/api/v1/reviews/student-ratings")
                .then()
                .statusCode(201);
    }

    /** The stored score of a subject once the worker has computed it as expected. */
    private JsonPath storedScore(SignedIn admin, String path, int expected) {
        JsonPath[] found = new JsonPath[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    found[0] = admin.api()
                            .get(path)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    return found[0].getString("computedAt") != null && found[0].getInt("score") == expected;
                });
        return found[0];
    }

    private static BigDecimal points(JsonPath score, String component) {
        return new BigDecimal(score.getString("components.find { it.name == '" + component + "' }.points"));
    }

    // ---- scores

    @Test
    void aTutorsStoredScoreMatchesTheHandComputedOne() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        SignedIn[] students = {Accounts.newUser("STUDENT"), Accounts.newUser("STUDENT")};
        UUID[] done = new UUID[4];
        for (int i = 0; i < 4; i++) {
            done[i] = booking(tutor.id(), students[i % 2].userId(), "COMPLETED");
        }
        UUID cancelled = booking(tutor.id(), students[0].userId(), "CANCELLED");
        history(cancelled, "CONFIRMED", "CANCELLED", "TUTOR", "{\"rule\": \"TUTOR_CANCELLED\"}", testClock.instant());
        booking(tutor.id(), students[1].userId(), "NO_SHOW_TUTOR");
        // one request answered after 3 hours
        Instant requested = testClock.instant().minus(Duration.ofDays(5));
        history(done[0], "PENDING_PAYMENT", "REQUESTED", "BILLING", null, requested);
        history(done[0], "REQUESTED", "CONFIRMED", "TUTOR", null, requested.plus(Duration.ofHours(3)));
        // two visible reviews, 5 and 3 (the events enqueue the tutor after the record above is in place)
        review(students[0], done[0], 5);
        rate(tutor.tutor(), done[0], 4);
        review(students[1], done[1], 3);
        rate(tutor.tutor(), done[1], 4);

        // profile 5/8 × 10 = 6.25; credentials 0; reviews Bayesian (5 × 4.0 + 8) / 7 = 4.0 → 0.75 × 25 = 18.75;
        // lessons 4/20 × 15 = 3; agreed 4 + 1 + 1 = 6: cancellations and no-shows (5/6) × 10 = 8.3333 each;
        // response 3 h → 1 − 2/47 = 0.95745 × 10 = 9.5745; tenure 0; disputes 5. Sum 59.2411 → 59
        JsonPath score = storedScore(tutor.admin(), "/api/v1/admin/trust/tutors/" + tutor.id(), 59);
        assertThat(score.getString("kind")).isEqualTo("TUTOR");
        assertThat(points(score, "profile")).isEqualByComparingTo("6.25");
        assertThat(points(score, "reviews")).isEqualByComparingTo("18.75");
        assertThat(points(score, "lessons")).isEqualByComparingTo("3.00");
        assertThat(points(score, "cancellations")).isEqualByComparingTo("8.33");
        assertThat(points(score, "responseTime")).isEqualByComparingTo("9.57");
        assertThat(points(score, "disputes")).isEqualByComparingTo("5.00");
        assertThat(score.getString("components.find { it.name == 'credentials' }.hint"))
                .isNotBlank();

        // the tutor reads the same breakdown; the catalog ranks with it
        tutor.tutor().api().get("/api/v1/trust/me").then().statusCode(200).body("score", equalTo(59));
        BigDecimal inSearch = TenantContext.callAs(
                TenantId.DEFAULT, () -> jdbc.sql("SELECT trust_score FROM tutor_search WHERE tutor_id = :id")
                        .param("id", tutor.id())
                        .query(BigDecimal.class)
                        .single());
        assertThat(inSearch).isEqualByComparingTo("59");
    }

    @Test
    void theDailyJobRefreshesTenure() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        String path = "/api/v1/admin/trust/tutors/" + tutor.id();
        // approval enqueued the tutor: profile 6.25 + cancellations 10 + no-shows 10 + response 5 + disputes 5 = 36
        JsonPath before = storedScore(tutor.admin(), path, 36);
        assertThat(points(before, "tenure")).isEqualByComparingTo("0.00");

        testClock.advance(Duration.ofDays(366));
        assertThat(scoring.enqueueScoredTutors()).isGreaterThanOrEqualTo(1);
        // a year on Lyceum: tenure counts fully (+5); the admin signs in again (a year ends any session)
        JsonPath after = storedScore(Accounts.login(tutor.admin().email(), null), path, 41);
        assertThat(points(after, "tenure")).isEqualByComparingTo("5.00");
    }

    @Test
    void aClientsStoredScoreMatchesTheHandComputedOne() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        SignedIn student = Accounts.newUser("STUDENT");
        UUID first = booking(tutor.id(), student.userId(), "COMPLETED");
        UUID second = booking(tutor.id(), student.userId(), "COMPLETED");
        booking(tutor.id(), student.userId(), "COMPLETED");
        UUID lapsed = booking(tutor.id(), student.userId(), "EXPIRED");
        history(lapsed, "PENDING_PAYMENT", "EXPIRED", "SYSTEM", null, testClock.instant());
        UUID late = booking(tutor.id(), student.userId(), "CANCELLED");
        history(late, "CONFIRMED", "CANCELLED", "STUDENT", "{\"rule\": \"LATE_CANCELLATION\"}", testClock.instant());
        booking(tutor.id(), student.userId(), "NO_SHOW_STUDENT");
        rate(tutor.tutor(), first, 4);
        rate(tutor.tutor(), second, 2);

        // 6 to pay, 1 lapsed: (5/6) × 30 = 25; held 3 + 1 + 1: late and no-shows 0.8 × 20 = 16 each; disputes 10;
        // tutors' average 3.0 → 0.5 × 20 = 10. Sum 77
        JsonPath score = storedScore(tutor.admin(), "/api/v1/admin/trust/clients/" + student.userId(), 77);
        assertThat(points(score, "payments")).isEqualByComparingTo("25.00");
        assertThat(points(score, "lateCancellations")).isEqualByComparingTo("16.00");
        assertThat(points(score, "tutorRatings")).isEqualByComparingTo("10.00");
        student.api()
                .get("/api/v1/trust/me")
                .then()
                .statusCode(200)
                .body("kind", equalTo("CLIENT"))
                .body("score", equalTo(77));
    }

    @Test
    void whoReadsWhichScore() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        SignedIn student = Accounts.newUser("STUDENT");
        student.api()
                .get("/api/v1/admin/trust/tutors/" + tutor.id())
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        tutor.tutor()
                .api()
                .get("/api/v1/admin/trust/clients/" + student.userId())
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        Accounts.newUser("GUARDIAN")
                .api()
                .get("/api/v1/trust/me")
                .then()
                .statusCode(404)
                .body("code", equalTo("trust.no_score"));
        tutor.admin()
                .api()
                .get("/api/v1/admin/trust/tutors/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("code", equalTo("trust.no_score"));
        Http.given().get("/api/v1/trust/me").then().statusCode(401);
        // a student with no history yet: computed for the answer (nothing stored), 90 by hand (see StrategyTests)
        student.api().get("/api/v1/trust/me").then().statusCode(200).body("score", equalTo(90));
    }

    // ---- the queue and the internal worker

    @Test
    void enqueueingIsDeduplicatedPerSubject() {
        UUID subject = UUID.randomUUID();
        Parallel.run(8, i -> {
            TenantContext.runAs(TenantId.DEFAULT, () -> scoring.enqueue(SubjectKind.CLIENT, subject, "test " + i));
            return null;
        });
        int rows = TenantContext.callAs(TenantId.DEFAULT, () -> jdbc.sql(
                        "SELECT count(*) FROM trust_recalculation_queue WHERE subject_id = :id")
                .param("id", subject)
                .query(Integer.class)
                .single());
        // one row at most (the scheduler's worker may already have taken it)
        assertThat(rows).isLessThanOrEqualTo(1);
    }

    @Test
    void theWorkerEndpointNeedsTheSharedSecret() {
        String route = "/api/v1/internal/caas-worker";
        Http.given().post(route).then().statusCode(401).body("code", equalTo("trust.invalid_worker_secret"));
        Http.given()
                .header("Authorization", "Bearer wrong-secret")
                .post(route)
                .then()
                .statusCode(401)
                .body("code", equalTo("trust.invalid_worker_secret"));
        Http.given()
                .header("Authorization", "Bearer " + SECRET.substring(0, SECRET.length() - 1))
                .post(route)
                .then()
                .statusCode(401);
        Http.given()
                .header("Authorization", "Basic " + SECRET)
                .post(route)
                .then()
                .statusCode(401);
        // a user's access token is not the worker's secret
        SignedIn admin = Tutors.approved(jdbc).admin();
        admin.api().post(route).then().statusCode(401).body("code", equalTo("trust.invalid_worker_secret"));

        UUID subject = UUID.randomUUID();
        TenantContext.runAs(TenantId.DEFAULT, () -> scoring.enqueue(SubjectKind.CLIENT, subject, "worker test"));
        Http.given()
                .header("Authorization", "Bearer " + SECRET)
                .post(route)
                .then()
                .statusCode(200)
                .body("recalculated", greaterThanOrEqualTo(0))
                // what the default tenant still has queued: other tests' events may have queued more, and a subject
                // that the scheduler's own worker holds at that moment is skipped here and counted
                .body("remaining", greaterThanOrEqualTo(0));
        // the client was computed and stored (by this call, or by the scheduler's worker, which may commit just after)
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin.api()
                .get("/api/v1/admin/trust/clients/" + subject)
                .then()
                .statusCode(200)
                .body("score", equalTo(90))
                .body("computedAt", org.hamcrest.Matchers.notNullValue()));
    }
}
