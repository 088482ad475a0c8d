package io.lyceum.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.http.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Guardian–student links: invitations, pairing codes, listing, revoking, and the facade's answers. */
class GuardianLinkApiTests extends ApiTestBase {

    private static final Pattern INVITATION_CODE = Pattern.compile("invitation code is ([A-Z0-9]{16})");
    private static final String OTHER_TENANT = "links-other";

    @Autowired
    AccountsApi accounts;

    @Autowired
    LinkProperties linkProperties;

    // ---- helpers

    private static Response invite(SignedIn guardian, String studentEmail) {
        return guardian.api()
                .contentType("application/json")
                .body(Map.of("studentEmail", studentEmail))
                .post("/api/v1/links/invitations");
    }

    private static Response accept(SignedIn user, String field, String code) {
        return user.api()
                .contentType("application/json")
                .body(Map.of(field, code))
                .post("/api/v1/links/accept");
    }

    private static String pairingCode(SignedIn student) {
        return student.api()
                .post("/api/v1/links/pairing-codes")
                .then()
                .statusCode(201)
                .extract()
                .path("code");
    }

    /** The invitation code most recently emailed to an address, from the development outbox. */
    private static String invitationCode(String email, String tenant) {
        String body = Accounts.request(tenant)
                .queryParam("recipient", email)
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200)
                .extract()
                .path("content[0].body");
        Matcher matcher = INVITATION_CODE.matcher(body == null ? "" : body);
        assertThat(matcher.find()).as("an invitation code in: " + body).isTrue();
        return matcher.group(1);
    }

    private static int outboxCount(String email) {
        return Accounts.request(null)
                .queryParam("recipient", email)
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200)
                .extract()
                .path("page.totalElements");
    }

    private UUID link(SignedIn guardian, SignedIn student) {
        return UUID.fromString(accept(guardian, "pairingCode", pairingCode(student))
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    }

    private boolean mayActFor(UUID actor, UUID student) {
        return TenantContext.callAs(TenantId.DEFAULT, () -> accounts.mayActFor(UserId.of(actor), UserId.of(student)));
    }

    private void ensureOtherTenant() {
        jdbc.sql("""
                INSERT INTO tenants (id, slug, name, status, default_currency, time_zone, created_at, updated_at)
                VALUES (:id, :slug, 'Other Links Agency', 'ACTIVE', 'EUR', 'Europe/Paris', now(), now())
                ON CONFLICT (slug) DO NOTHING
                """).param("id", UUID.randomUUID()).param("slug", OTHER_TENANT).update();
    }

    private static List<Response> inParallel(List<Callable<Response>> calls) throws Exception {
        List<Response> responses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(calls.size())) {
            for (Future<Response> future : pool.invokeAll(calls)) {
                responses.add(future.get());
            }
        }
        return responses;
    }

    // ---- linking paths

    @Test
    void guardianInvitesAndTheStudentAccepts() {
        var guardian = Accounts.newUser("GUARDIAN");
        var student = Accounts.newUser("STUDENT");

        var sent = invite(guardian, student.email().toUpperCase())
                .then()
                .statusCode(202)
                .body("status", equalTo("SENT_IF_STUDENT_EXISTS"))
                .extract()
                .jsonPath();
        assertThat(Instant.parse(sent.getString("expiresAt")))
                .isCloseTo(Instant.now().plus(7, ChronoUnit.DAYS), within(2, ChronoUnit.MINUTES));

        // the student sees the pending invitation; the guardian sees no student yet
        student.api()
                .queryParam("status", "PENDING")
                .get("/api/v1/links/my-guardians")
                .then()
                .statusCode(200)
                .body("content[0].userId", equalTo(guardian.userId().toString()))
                .body("content[0].status", equalTo("PENDING"));
        guardian.api().get("/api/v1/links/my-students").then().statusCode(200).body("page.totalElements", equalTo(0));
        assertThat(mayActFor(guardian.userId(), student.userId())).isFalse();

        String code = invitationCode(student.email(), null);
        // the code is stored only as a hash
        assertThat(TenantContext.callAs(TenantId.DEFAULT, () -> jdbc.sql(
                                "SELECT count(*) FROM guardian_link_invitations WHERE code_hash LIKE :code")
                        .param("code", "%" + code + "%")
                        .query(Long.class)
                        .single()))
                .isZero();

        // the code was sent to this student: another student cannot use it
        var someoneElse = Accounts.newUser("STUDENT");
        accept(someoneElse, "invitationCode", code).then().statusCode(422).body("code", equalTo("link.invalid_code"));

        String linkId = accept(student, "invitationCode", code.toLowerCase())
                .then()
                .statusCode(201)
                .body("guardianId", equalTo(guardian.userId().toString()))
                .body("studentId", equalTo(student.userId().toString()))
                .body("status", equalTo("ACTIVE"))
                .body("linkedAt", notNullValue())
                .extract()
                .path("id");

        guardian.api()
                .get("/api/v1/links/my-students")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(1))
                .body("content[0].id", equalTo(linkId))
                .body("content[0].userId", equalTo(student.userId().toString()))
                .body("content[0].email", equalTo(student.email()))
                .body("content[0].fullName", equalTo("Test student"))
                .body("content[0].linkedAt", notNullValue());
        student.api()
                .get("/api/v1/links/my-guardians")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(1))
                .body("content[0].id", equalTo(linkId))
                .body("content[0].userId", equalTo(guardian.userId().toString()))
                .body("content[0].status", equalTo("ACTIVE"));
        student.api()
                .queryParam("status", "PENDING")
                .get("/api/v1/links/my-guardians")
                .then()
                .body("page.totalElements", equalTo(0));

        // the facade
        assertThat(mayActFor(guardian.userId(), student.userId())).isTrue();
        assertThat(mayActFor(student.userId(), guardian.userId())).isFalse();
        assertThat(mayActFor(guardian.userId(), someoneElse.userId())).isFalse();
        assertThat(mayActFor(student.userId(), student.userId())).isTrue();
        assertThat(TenantContext.callAs(
                        TenantId.DEFAULT, () -> accounts.studentsOf(UserId.of(guardian.userId())).stream()
                                .map(UserId::value)
                                .toList()))
                .containsExactly(student.userId());

        // replaying the code
        accept(student, "invitationCode", code).then().statusCode(422).body("code", equalTo("link.invalid_code"));
    }

    @Test
    void studentGivesAPairingCodeAndTheGuardianRedeemsIt() {
        var guardian = Accounts.newUser("GUARDIAN");
        var student = Accounts.newUser("STUDENT");

        var issued = student.api()
                .post("/api/v1/links/pairing-codes")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String code = issued.getString("code");
        assertThat(code).matches("[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}");
        assertThat(Instant.parse(issued.getString("expiresAt")))
                .isCloseTo(Instant.now().plus(15, ChronoUnit.MINUTES), within(1, ChronoUnit.MINUTES));
        assertThat(TenantContext.callAs(TenantId.DEFAULT, () -> jdbc.sql(
                                "SELECT code_hash FROM guardian_pairing_codes WHERE student_id = :s")
                        .param("s", student.userId())
                        .query(String.class)
                        .list()))
                .hasSize(1)
                .noneMatch(hash -> hash.contains(code));

        // typed sloppily: lower case with a dash
        String typed = (code.substring(0, 4) + "-" + code.substring(4)).toLowerCase();
        String linkId = accept(guardian, "pairingCode", typed)
                .then()
                .statusCode(201)
                .body("guardianId", equalTo(guardian.userId().toString()))
                .body("studentId", equalTo(student.userId().toString()))
                .body("status", equalTo("ACTIVE"))
                .extract()
                .path("id");
        guardian.api()
                .get("/api/v1/links/my-students")
                .then()
                .body("content.userId", hasItem(student.userId().toString()));
        assertThat(mayActFor(guardian.userId(), student.userId())).isTrue();

        // single use
        accept(guardian, "pairingCode", code).then().statusCode(422).body("code", equalTo("link.invalid_code"));

        // already linked: the new code is refused with 409 and stays unused
        String second = pairingCode(student);
        accept(guardian, "pairingCode", second).then().statusCode(409).body("code", equalTo("link.already_linked"));

        // after the student ends the link, the guardian may no longer act for them, and can link again
        student.api().delete("/api/v1/links/" + linkId).then().statusCode(204);
        assertThat(mayActFor(guardian.userId(), student.userId())).isFalse();
        guardian.api().get("/api/v1/links/my-students").then().body("page.totalElements", equalTo(0));
        accept(guardian, "pairingCode", second).then().statusCode(201);
        assertThat(mayActFor(guardian.userId(), student.userId())).isTrue();
    }

    @Test
    void aNewPairingCodeReplacesThePreviousOne() {
        var guardian = Accounts.newUser("GUARDIAN");
        var student = Accounts.newUser("STUDENT");
        String first = pairingCode(student);
        String second = pairingCode(student);
        accept(guardian, "pairingCode", first).then().statusCode(422).body("code", equalTo("link.invalid_code"));
        accept(guardian, "pairingCode", second).then().statusCode(201);
    }

    @Test
    void theStudentCanDeclineAnInvitation() {
        var guardian = Accounts.newUser("GUARDIAN");
        var student = Accounts.newUser("STUDENT");
        invite(guardian, student.email()).then().statusCode(202);
        String code = invitationCode(student.email(), null);
        String pending = student.api()
                .queryParam("status", "PENDING")
                .get("/api/v1/links/my-guardians")
                .then()
                .statusCode(200)
                .extract()
                .path("content[0].id");
        student.api().delete("/api/v1/links/" + pending).then().statusCode(204);
        accept(student, "invitationCode", code).then().statusCode(422).body("code", equalTo("link.invalid_code"));
        assertThat(mayActFor(guardian.userId(), student.userId())).isFalse();
    }

    // ---- refusals

    @Test
    void eachRouteIsForItsRole() {
        var guardian = Accounts.newUser("GUARDIAN");
        var student = Accounts.newUser("STUDENT");
        var tutor = Accounts.newUser("TUTOR");

        invite(student, Accounts.uniqueEmail("x")).then().statusCode(403);
        invite(tutor, Accounts.uniqueEmail("x")).then().statusCode(403);
        guardian.api().post("/api/v1/links/pairing-codes").then().statusCode(403);
        tutor.api().post("/api/v1/links/pairing-codes").then().statusCode(403);
        guardian.api().get("/api/v1/links/my-guardians").then().statusCode(403).body("code", equalTo("auth.forbidden"));
        student.api().get("/api/v1/links/my-students").then().statusCode(403);
        accept(tutor, "pairingCode", "ABCDEFGH").then().statusCode(403);

        // a valid code in the wrong hands: 403, and the code still works for its rightful user
        String pairing = pairingCode(student);
        accept(student, "pairingCode", pairing).then().statusCode(403).body("code", equalTo("link.wrong_role"));
        invite(guardian, student.email()).then().statusCode(202);
        String invitation = invitationCode(student.email(), null);
        accept(guardian, "invitationCode", invitation).then().statusCode(403).body("code", equalTo("link.wrong_role"));
        accept(student, "invitationCode", invitation).then().statusCode(201);

        Accounts.request(null).post("/api/v1/links/pairing-codes").then().statusCode(401);
    }

    @Test
    void badInputIsRefused() {
        var guardian = Accounts.newUser("GUARDIAN");
        guardian.api()
                .contentType("application/json")
                .body(Map.of())
                .post("/api/v1/links/accept")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", hasItem("pairingCode"));
        guardian.api()
                .contentType("application/json")
                .body(Map.of("pairingCode", "ABCDEFGH", "invitationCode", "ABCDEFGHJKMNPQRS"))
                .post("/api/v1/links/accept")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        invite(guardian, "not-an-email").then().statusCode(422).body("errors.field", hasItem("studentEmail"));
        guardian.api()
                .get("/api/v1/links/my-students?size=500")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_paging"));
        guardian.api()
                .get("/api/v1/links/my-students?sort=password,asc")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_paging"));
        var student = Accounts.newUser("STUDENT");
        student.api()
                .get("/api/v1/links/my-guardians?status=REVOKED")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        student.api()
                .get("/api/v1/links/my-guardians?status=WHATEVER")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));
        student.api().get("/api/v1/links/my-guardians?sort=fullName,asc").then().statusCode(200);
        guardian.api()
                .delete("/api/v1/links/not-a-uuid")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));
    }

    @Test
    void onlyThePartiesMayEndALink() {
        var guardian = Accounts.newUser("GUARDIAN");
        var student = Accounts.newUser("STUDENT");
        UUID linkId = link(guardian, student);

        for (String role : List.of("GUARDIAN", "STUDENT", "TUTOR")) {
            Accounts.newUser(role)
                    .api()
                    .delete("/api/v1/links/" + linkId)
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("link.not_found"));
        }
        guardian.api()
                .delete("/api/v1/links/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("code", equalTo("link.not_found"));
        assertThat(mayActFor(guardian.userId(), student.userId())).isTrue();

        guardian.api().delete("/api/v1/links/" + linkId).then().statusCode(204);
        guardian.api().delete("/api/v1/links/" + linkId).then().statusCode(404).body("code", equalTo("link.not_found"));
        assertThat(mayActFor(guardian.userId(), student.userId())).isFalse();
        assertThat(TenantContext.callAs(
                        TenantId.DEFAULT, () -> jdbc.sql("SELECT revoked_by FROM guardian_links WHERE id = :id")
                                .param("id", linkId)
                                .query(UUID.class)
                                .single()))
                .isEqualTo(guardian.userId());
    }

    @Test
    void codesDoNotWorkInAnotherTenant() {
        ensureOtherTenant();
        var guardian = Accounts.newUser("GUARDIAN");
        var student = Accounts.newUser("STUDENT");

        // a pairing code from another tenant's student
        var foreignStudent = Accounts.newUser("STUDENT", OTHER_TENANT);
        accept(guardian, "pairingCode", pairingCode(foreignStudent))
                .then()
                .statusCode(422)
                .body("code", equalTo("link.invalid_code"));

        // an invitation to an address that also has an account in another tenant
        invite(guardian, student.email()).then().statusCode(202);
        String code = invitationCode(student.email(), null);
        Accounts.register(student.email(), "STUDENT", OTHER_TENANT);
        Accounts.verify(student.email(), OTHER_TENANT);
        var namesake = Accounts.login(student.email(), OTHER_TENANT);
        accept(namesake, "invitationCode", code).then().statusCode(422).body("code", equalTo("link.invalid_code"));

        // the facade answers for the current tenant only
        accept(student, "invitationCode", code).then().statusCode(201);
        assertThat(mayActFor(guardian.userId(), student.userId())).isTrue();
        UUID other = jdbc.sql("SELECT id FROM tenants WHERE slug = :slug")
                .param("slug", OTHER_TENANT)
                .query(UUID.class)
                .single();
        assertThat(TenantContext.callAs(
                        new TenantId(other),
                        () -> accounts.mayActFor(UserId.of(guardian.userId()), UserId.of(student.userId()))))
                .isFalse();
    }

    @Test
    void expiredCodesAreRefused() {
        var guardian = Accounts.newUser("GUARDIAN");
        var student = Accounts.newUser("STUDENT");
        String pairing = pairingCode(student);
        invite(guardian, student.email()).then().statusCode(202);
        String invitation = invitationCode(student.email(), null);
        testClock.advance(linkProperties.pairingCodeTtl().plusSeconds(1));
        // the invitation lives a week, as long as an unused session: moving the shared clock a week on would end the
        // users' sessions and let every timer act on other tests' data, so its expiry is written instead
        TenantContext.runAs(TenantId.DEFAULT, () -> jdbc.sql("""
                        UPDATE guardian_link_invitations SET expires_at = :now
                         WHERE guardian_id = :g
                        """)
                .param("now", testClock.instant().minusSeconds(1).atOffset(java.time.ZoneOffset.UTC))
                .param("g", guardian.userId())
                .update());
        accept(guardian, "pairingCode", pairing).then().statusCode(422).body("code", equalTo("link.invalid_code"));
        accept(student, "invitationCode", invitation).then().statusCode(422).body("code", equalTo("link.invalid_code"));
        assertThat(mayActFor(guardian.userId(), student.userId())).isFalse();
    }

    @Test
    void invitationsDoNotRevealWhichAddressesAreStudents() {
        var guardian = Accounts.newUser("GUARDIAN");
        var student = Accounts.newUser("STUDENT");
        var tutor = Accounts.newUser("TUTOR");
        String nobody = Accounts.uniqueEmail("nobody");

        var answers = new ArrayList<Map<String, Object>>();
        for (String email : List.of(student.email(), tutor.email(), nobody)) {
            answers.add(invite(guardian, email)
                    .then()
                    .statusCode(202)
                    .extract()
                    .jsonPath()
                    .getMap(""));
        }
        for (var answer : answers) {
            assertThat(answer.keySet()).isEqualTo(answers.getFirst().keySet());
            assertThat(answer.get("status")).isEqualTo("SENT_IF_STUDENT_EXISTS");
        }
        // only the student got an email
        assertThat(outboxCount(student.email())).isEqualTo(2); // verification code, invitation
        assertThat(outboxCount(tutor.email())).isEqualTo(1); // verification code only
        assertThat(outboxCount(nobody)).isZero();
    }

    @Test
    void invitationsPerGuardianAreLimited() {
        var guardian = Accounts.newUser("GUARDIAN");
        for (int i = 0; i < 20; i++) {
            invite(guardian, Accounts.uniqueEmail("nobody")).then().statusCode(202);
        }
        var refused = invite(guardian, Accounts.uniqueEmail("nobody"))
                .then()
                .statusCode(429)
                .body("code", equalTo("link.too_many_invitations"))
                .extract();
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(86_000L, 86_400L);
        // other guardians are not affected
        invite(Accounts.newUser("GUARDIAN"), Accounts.uniqueEmail("nobody"))
                .then()
                .statusCode(202);
    }

    // ---- concurrency

    @Test
    void wrongPairingCodesAreLimitedPerGuardianEvenInParallel() throws Exception {
        var guardian = Accounts.newUser("GUARDIAN");
        var student = Accounts.newUser("STUDENT");
        List<Callable<Response>> guesses = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            guesses.add(() -> accept(guardian, "pairingCode", "ZZZZ" + (2000 + (int) (Math.random() * 7000))));
        }
        var responses = inParallel(guesses);
        assertThat(responses).filteredOn(r -> r.statusCode() == 422).hasSize(10);
        var limited = responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(limited).hasSize(5);
        assertThat(limited).allSatisfy(r -> {
            assertThat(r.jsonPath().getString("code")).isEqualTo("link.too_many_attempts");
            assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(3_500L, 3_600L);
        });

        // even the right code waits now; another guardian is not affected
        String code = pairingCode(student);
        accept(guardian, "pairingCode", code).then().statusCode(429);
        accept(Accounts.newUser("GUARDIAN"), "pairingCode", code).then().statusCode(201);
    }

    @Test
    void rightCodesDoNotCountTowardsTheLimit() {
        var guardian = Accounts.newUser("GUARDIAN");
        for (int i = 0; i < 9; i++) {
            accept(guardian, "pairingCode", "WRONG" + i)
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("link.invalid_code"));
        }
        for (int i = 0; i < 3; i++) {
            var student = Accounts.newUser("STUDENT");
            accept(guardian, "pairingCode", pairingCode(student)).then().statusCode(201);
        }
        accept(guardian, "pairingCode", "WRONG9").then().statusCode(422).body("code", equalTo("link.invalid_code"));
        accept(guardian, "pairingCode", "WRONG10")
                .then()
                .statusCode(429)
                .body("code", equalTo("link.too_many_attempts"));
    }

    @Test
    void aPairingCodeLinksOnlyOneGuardianWhenRedeemedInParallel() throws Exception {
        var student = Accounts.newUser("STUDENT");
        var guardians = List.of(
                Accounts.newUser("GUARDIAN"),
                Accounts.newUser("GUARDIAN"),
                Accounts.newUser("GUARDIAN"),
                Accounts.newUser("GUARDIAN"));
        String code = pairingCode(student);
        List<Callable<Response>> calls = new ArrayList<>();
        for (var guardian : guardians) {
            calls.add(() -> accept(guardian, "pairingCode", code));
        }
        var responses = inParallel(calls);
        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.statusCode() == 422).hasSize(3);
        student.api().get("/api/v1/links/my-guardians").then().body("page.totalElements", equalTo(1));
    }
}
