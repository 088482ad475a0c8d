package io.lyceum.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.Response;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AdminUserApiTests extends ApiTestBase {

    private static final String USERS = "/api/v1/admin/users";

    @Autowired
    DataSource dataSource;

    /** Registers, verifies and signs in a user with a chosen name. */
    private static SignedIn person(String fullName, String emailPrefix, String role, String tenant) {
        String email = Accounts.uniqueEmail(emailPrefix);
        Accounts.request(tenant)
                .contentType("application/json")
                .body(Map.of(
                        "email",
                        email,
                        "password",
                        Accounts.PASSWORD,
                        "fullName",
                        fullName,
                        "role",
                        role,
                        "timeZone",
                        "UTC"))
                .post("/api/v1/auth/register")
                .then()
                .statusCode(202);
        Accounts.verify(email, tenant);
        return Accounts.login(email, tenant);
    }

    private static Response post(SignedIn user, String path, Object body) {
        var request = user.api().contentType("application/json");
        return body == null ? request.post(path) : request.body(body).post(path);
    }

    private static Response put(SignedIn user, String path, Object body) {
        return user.api().contentType("application/json").body(body).put(path);
    }

    private static void tokenWorks(SignedIn user, boolean works) {
        user.api().get("/api/v1/auth/me").then().statusCode(works ? 200 : 401);
    }

    @Test
    void listsFiltersSearchesSortsAndPagesTheTenantsUsers() {
        String slug = Tenants.uniqueSlug("list");
        SignedIn owner = Tenants.newTenantWithOwner(slug);
        SignedIn ada = person("Ada Lovelace", "ada", "STUDENT", slug);
        SignedIn alan = person("Alan Turing", "alan", "TUTOR", slug);
        SignedIn grace = person("Grace Hopper", "grace", "GUARDIAN", slug);
        SignedIn percent = person("Percy 100% Sure", "percy", "STUDENT", slug);

        owner.api()
                .get(USERS)
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(5))
                // newest first by default
                .body("content[0].id", equalTo(percent.userId().toString()))
                .body("content[4].id", equalTo(owner.userId().toString()))
                .body("content[0].passwordHash", equalTo(null));

        owner.api()
                .queryParam("role", "TUTOR")
                .queryParam("role", "GUARDIAN")
                .get(USERS)
                .then()
                .statusCode(200)
                .body(
                        "content.id",
                        containsInAnyOrder(
                                alan.userId().toString(), grace.userId().toString()));
        owner.api()
                .queryParam("email", ada.email().substring(0, 6).toUpperCase())
                .get(USERS)
                .then()
                .body("content.id", equalTo(List.of(ada.userId().toString())));
        owner.api()
                .queryParam("name", "TURIN")
                .get(USERS)
                .then()
                .body("content.id", equalTo(List.of(alan.userId().toString())));
        // every word of q must be in the name or the email
        owner.api()
                .queryParam("q", "lovelace ada-")
                .get(USERS)
                .then()
                .body("content.id", equalTo(List.of(ada.userId().toString())));
        owner.api()
                .queryParam("q", "hopper example.com")
                .get(USERS)
                .then()
                .body("content.id", equalTo(List.of(grace.userId().toString())));
        owner.api().queryParam("q", "lovelace turing").get(USERS).then().body("page.totalElements", equalTo(0));
        // the caller's wildcards are literal characters
        owner.api()
                .queryParam("q", "%")
                .get(USERS)
                .then()
                .body("content.id", equalTo(List.of(percent.userId().toString())));
        owner.api().queryParam("name", "_").get(USERS).then().body("page.totalElements", equalTo(0));

        var byEmail = owner.api()
                .queryParam("sort", "email,asc")
                .get(USERS)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("content.email", String.class);
        assertThat(byEmail).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER).hasSize(5);
        var byName = owner.api()
                .queryParam("sort", "fullName,desc")
                .get(USERS)
                .then()
                .extract()
                .jsonPath()
                .getList("content.fullName", String.class);
        assertThat(byName).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER.reversed());
        owner.api()
                .queryParam("size", 2)
                .queryParam("page", 2)
                .queryParam("sort", "createdAt,asc")
                .get(USERS)
                .then()
                .body("content.id", equalTo(List.of(percent.userId().toString())))
                .body("page.totalPages", equalTo(3));

        owner.api()
                .queryParam("sort", "passwordHash,asc")
                .get(USERS)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_paging"));
        owner.api()
                .queryParam("role", "WIZARD")
                .get(USERS)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));
        owner.api()
                .queryParam("size", 1000)
                .get(USERS)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_paging"));

        post(owner, USERS + "/" + alan.userId() + "/suspend", Map.of("reason", "test"))
                .then()
                .statusCode(200);
        owner.api()
                .queryParam("status", "SUSPENDED")
                .get(USERS)
                .then()
                .body("content.id", equalTo(List.of(alan.userId().toString())));
    }

    @Test
    void studentsAndTutorsMayNotUseAdminRoutes() {
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn tutor = Accounts.newUser("TUTOR");
        SignedIn other = Accounts.newUser("STUDENT");
        String user = USERS + "/" + other.userId();
        for (SignedIn caller : List.of(student, tutor)) {
            caller.api().get(USERS).then().statusCode(403).body("code", equalTo("auth.forbidden"));
            caller.api().get(user).then().statusCode(403).body("code", equalTo("auth.forbidden"));
            put(caller, user, Map.of("fullName", "X")).then().statusCode(403).body("code", equalTo("auth.forbidden"));
            put(caller, user + "/role", Map.of("role", "TUTOR"))
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("auth.forbidden"));
            post(caller, user + "/suspend", Map.of("reason", "x"))
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("auth.forbidden"));
            post(caller, user + "/ban", Map.of("reason", "x")).then().statusCode(403);
            post(caller, user + "/reinstate", Map.of()).then().statusCode(403);
            post(caller, user + "/password-reset", Map.of()).then().statusCode(403);
            caller.api().delete(user).then().statusCode(403).body("code", equalTo("auth.forbidden"));
            // and not on themselves either
            put(caller, USERS + "/" + caller.userId() + "/role", Map.of("role", "ADMIN"))
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("auth.forbidden"));
        }
        Accounts.request(null).get(USERS).then().statusCode(401);
        tokenWorks(other, true); // nothing happened to it
    }

    @Test
    void anotherTenantsUserIsNotFound() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        String slug = Tenants.uniqueSlug("far");
        Tenants.newTenantWithOwner(slug);
        SignedIn elsewhere = Accounts.newUser("STUDENT", slug);
        String user = USERS + "/" + elsewhere.userId();

        admin.api().get(user).then().statusCode(404).body("code", equalTo("user.not_found"));
        put(admin, user, Map.of("fullName", "Hijacked")).then().statusCode(404).body("code", equalTo("user.not_found"));
        put(admin, user + "/role", Map.of("role", "TUTOR"))
                .then()
                .statusCode(404)
                .body("code", equalTo("user.not_found"));
        post(admin, user + "/suspend", Map.of("reason", "x"))
                .then()
                .statusCode(404)
                .body("code", equalTo("user.not_found"));
        post(admin, user + "/ban", Map.of("reason", "x")).then().statusCode(404);
        post(admin, user + "/reinstate", Map.of()).then().statusCode(404);
        post(admin, user + "/password-reset", Map.of()).then().statusCode(404);
        admin.api().delete(user).then().statusCode(404).body("code", equalTo("user.not_found"));
        admin.api().get(USERS + "/" + UUID.randomUUID()).then().statusCode(404).body("code", equalTo("user.not_found"));
        admin.api().queryParam("email", elsewhere.email()).get(USERS).then().body("page.totalElements", equalTo(0));

        // the other tenant's user is untouched and still signed in
        tokenWorks(elsewhere, true);
        elsewhere.api().get("/api/v1/auth/me").then().body("fullName", equalTo("Test student"));
    }

    @Test
    void adminsReadAndUpdateProfilesButNeverEmailVerification() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        SignedIn student = Accounts.newUser("STUDENT");
        String user = USERS + "/" + student.userId();

        admin.api()
                .get(user)
                .then()
                .statusCode(200)
                .body("email", equalTo(student.email()))
                .body("role", equalTo("STUDENT"))
                .body("status", equalTo("ACTIVE"))
                .body("emailVerified", equalTo(true));
        put(admin, user, Map.of("fullName", "  Renamed Student ", "timeZone", "Asia/Tokyo", "locale", "ja"))
                .then()
                .statusCode(200)
                .body("fullName", equalTo("Renamed Student"))
                .body("timeZone", equalTo("Asia/Tokyo"))
                .body("locale", equalTo("ja"));
        student.api().get("/api/v1/auth/me").then().body("fullName", equalTo("Renamed Student"));

        put(admin, user, Map.of("emailVerified", false))
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", hasItem("emailVerified"));
        put(admin, user, Map.of("email", "new@example.com"))
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        put(admin, user, Map.of("role", "ADMIN"))
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        put(admin, user, Map.of("timeZone", "Mars/Olympus")).then().statusCode(422);
        put(admin, user, Map.of("fullName", "")).then().statusCode(422);
        put(admin, user, Map.of("locale", "not a locale!")).then().statusCode(422);
        admin.api()
                .contentType("application/json")
                .body("{")
                .put(user)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.malformed_body"));
        admin.api()
                .get(USERS + "/not-a-uuid")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));
        admin.api().get(user).then().body("fullName", equalTo("Renamed Student"));

        // admins do not manage staff accounts; owners do
        SignedIn otherAdmin = Tenants.newStaff(jdbc, "ADMIN", null);
        put(admin, USERS + "/" + otherAdmin.userId(), Map.of("fullName", "Demoted?"))
                .then()
                .statusCode(403)
                .body("code", equalTo("admin.insufficient_role"));
        put(admin, USERS + "/" + admin.userId(), Map.of("fullName", "Myself"))
                .then()
                .statusCode(403)
                .body("code", equalTo("admin.insufficient_role"));
        SignedIn owner = Tenants.newStaff(jdbc, "OWNER", null);
        put(owner, USERS + "/" + otherAdmin.userId(), Map.of("fullName", "Renamed Admin"))
                .then()
                .statusCode(200)
                .body("fullName", equalTo("Renamed Admin"));
    }

    @Test
    void onlyOwnersGrantOrRemoveStaffRolesAndNobodyChangesTheirOwn() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        SignedIn owner = Tenants.newStaff(jdbc, "OWNER", null);
        SignedIn student = Accounts.newUser("STUDENT");
        String role = USERS + "/" + student.userId() + "/role";

        put(admin, role, Map.of("role", "TUTOR", "reason", "teaches maths"))
                .then()
                .statusCode(200)
                .body("role", equalTo("TUTOR"));
        // a role change signs the user out, so no token keeps the old role
        tokenWorks(student, false);
        Accounts.login(student.email(), null)
                .api()
                .get("/api/v1/auth/me")
                .then()
                .body("role", equalTo("TUTOR"));

        put(admin, role, Map.of("role", "ADMIN"))
                .then()
                .statusCode(403)
                .body("code", equalTo("admin.insufficient_role"));
        put(admin, role, Map.of("role", "OWNER"))
                .then()
                .statusCode(403)
                .body("code", equalTo("admin.insufficient_role"));
        SignedIn otherAdmin = Tenants.newStaff(jdbc, "ADMIN", null);
        put(admin, USERS + "/" + otherAdmin.userId() + "/role", Map.of("role", "STUDENT"))
                .then()
                .statusCode(403)
                .body("code", equalTo("admin.insufficient_role"));
        put(admin, USERS + "/" + owner.userId() + "/role", Map.of("role", "STUDENT"))
                .then()
                .statusCode(403)
                .body("code", equalTo("admin.insufficient_role"));
        put(admin, USERS + "/" + admin.userId() + "/role", Map.of("role", "OWNER"))
                .then()
                .statusCode(403)
                .body("code", equalTo("admin.own_role"));
        put(owner, USERS + "/" + owner.userId() + "/role", Map.of("role", "ADMIN"))
                .then()
                .statusCode(403)
                .body("code", equalTo("admin.own_role"));
        put(owner, role, Map.of("role", "SUPERHERO"))
                .then()
                .statusCode(400)
                .body("code", equalTo("request.malformed_body"));
        put(owner, role, Map.of()).then().statusCode(422).body("code", equalTo("request.validation_failed"));

        put(owner, role, Map.of("role", "ADMIN")).then().statusCode(200).body("role", equalTo("ADMIN"));
        put(owner, USERS + "/" + otherAdmin.userId() + "/role", Map.of("role", "GUARDIAN"))
                .then()
                .statusCode(200)
                .body("role", equalTo("GUARDIAN"));
        assertThat(roleOf(otherAdmin.userId())).isEqualTo("GUARDIAN");

        // a demoted admin's old token stops working at once
        tokenWorks(otherAdmin, false);
    }

    @Test
    void staleTokenRoleDoesNotOutliveADemotion() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        SignedIn student = Accounts.newUser("STUDENT");
        // demoted behind the token's back (no session revocation): the database role still decides
        TenantContext.runAs(Tenants.idOf(jdbc, null), () -> jdbc.sql("UPDATE users SET role = 'TUTOR' WHERE id = :id")
                .param("id", admin.userId())
                .update());
        post(admin, USERS + "/" + student.userId() + "/suspend", Map.of("reason", "x"))
                .then()
                .statusCode(403)
                .body("code", equalTo("admin.insufficient_role"));
        tokenWorks(student, true);
    }

    @Test
    void suspendingStopsTheUsersTokensAtOnceAndReinstatingLetsThemSignInAgain() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        SignedIn student = Accounts.newUser("STUDENT");
        String user = USERS + "/" + student.userId();
        tokenWorks(student, true);

        post(admin, user + "/suspend", Map.of())
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", hasItem("reason"));
        post(admin, user + "/suspend", Map.of("reason", " "))
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        post(admin, user + "/suspend", Map.of("reason", "x".repeat(1001)))
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        tokenWorks(student, true);

        post(admin, user + "/suspend", Map.of("reason", "spamming tutors"))
                .then()
                .statusCode(200)
                .body("status", equalTo("SUSPENDED"));
        tokenWorks(student, false);
        student.api().get("/api/v1/auth/me").then().body("code", equalTo("auth.invalid_token"));
        Accounts.request(null)
                .contentType("application/json")
                .body(Map.of("refreshToken", student.refreshToken()))
                .post("/api/v1/auth/refresh")
                .then()
                .statusCode(401);
        Accounts.request(null)
                .contentType("application/json")
                .body(Map.of("email", student.email(), "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.account_suspended"));
        assertThat(liveSessions(student.userId())).isZero();

        post(admin, user + "/suspend", Map.of("reason", "again"))
                .then()
                .statusCode(409)
                .body("code", equalTo("admin.invalid_transition"));
        post(admin, user + "/reinstate", null).then().statusCode(200).body("status", equalTo("ACTIVE"));
        post(admin, user + "/reinstate", Map.of("reason", "twice"))
                .then()
                .statusCode(409)
                .body("code", equalTo("admin.invalid_transition"));
        // the old session stays closed; signing in works again
        tokenWorks(student, false);
        tokenWorks(Accounts.login(student.email(), null), true);
    }

    @Test
    void banAndSoftDelete() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn secondDevice = Accounts.login(student.email(), null);
        String user = USERS + "/" + student.userId();

        post(admin, user + "/ban", Map.of("reason", "fraud"))
                .then()
                .statusCode(200)
                .body("status", equalTo("BANNED"));
        tokenWorks(student, false);
        tokenWorks(secondDevice, false);
        Accounts.request(null)
                .contentType("application/json")
                .body(Map.of("email", student.email(), "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.account_banned"));
        post(admin, user + "/ban", Map.of("reason", "again"))
                .then()
                .statusCode(409)
                .body("code", equalTo("admin.invalid_transition"));
        post(admin, user + "/suspend", Map.of("reason", "milder"))
                .then()
                .statusCode(409)
                .body("code", equalTo("admin.invalid_transition"));

        SignedIn tutor = Accounts.newUser("TUTOR");
        admin.api()
                .queryParam("reason", "asked to leave")
                .delete(USERS + "/" + tutor.userId())
                .then()
                .statusCode(204);
        tokenWorks(tutor, false);
        admin.api().get(USERS + "/" + tutor.userId()).then().statusCode(200).body("status", equalTo("DELETED"));
        Accounts.request(null)
                .contentType("application/json")
                .body(Map.of("email", tutor.email(), "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(401);
        admin.api()
                .delete(USERS + "/" + tutor.userId())
                .then()
                .statusCode(409)
                .body("code", equalTo("admin.invalid_transition"));
        post(admin, USERS + "/" + tutor.userId() + "/reinstate", Map.of())
                .then()
                .statusCode(409)
                .body("code", equalTo("admin.invalid_transition"));
        put(admin, USERS + "/" + tutor.userId(), Map.of("fullName", "Ghost"))
                .then()
                .statusCode(409)
                .body("code", equalTo("admin.invalid_transition"));
        put(admin, USERS + "/" + tutor.userId() + "/role", Map.of("role", "STUDENT"))
                .then()
                .statusCode(409)
                .body("code", equalTo("admin.invalid_transition"));

        // admins do not suspend, ban or delete staff
        SignedIn otherAdmin = Tenants.newStaff(jdbc, "ADMIN", null);
        post(admin, USERS + "/" + otherAdmin.userId() + "/ban", Map.of("reason", "x"))
                .then()
                .statusCode(403)
                .body("code", equalTo("admin.insufficient_role"));
        admin.api()
                .delete(USERS + "/" + otherAdmin.userId())
                .then()
                .statusCode(403)
                .body("code", equalTo("admin.insufficient_role"));
        tokenWorks(otherAdmin, true);
    }

    @Test
    void passwordResetEmailsACodeAndSignsTheUserOut() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        SignedIn student = Accounts.newUser("STUDENT");
        Instant before = Instant.now();

        var expiresAt = post(admin, USERS + "/" + student.userId() + "/password-reset", null)
                .then()
                .statusCode(202)
                .body("status", equalTo("SENT"))
                .extract()
                .<String>path("expiresAt");
        assertThat(Instant.parse(expiresAt))
                .isBetween(before.plus(Duration.ofMinutes(29)), Instant.now().plus(Duration.ofMinutes(31)));
        tokenWorks(student, false);

        String body = Accounts.request(null)
                .queryParam("recipient", student.email())
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200)
                .extract()
                .path("content[0].body");
        var matcher =
                Pattern.compile("Your Lyceum password reset code is (\\d{6})").matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        var stored = TenantContext.callAs(Tenants.idOf(jdbc, null), () -> jdbc.sql("""
                        SELECT count(*) FROM verification_codes
                         WHERE user_id = :id AND purpose = 'PASSWORD_RESET' AND consumed_at IS NULL
                           AND expires_at BETWEEN created_at + interval '29 minutes' AND created_at + interval '31 minutes'
                        """)
                .param("id", student.userId())
                .query(Long.class)
                .single());
        assertThat(stored).isEqualTo(1);
        // the code is the user's to use; the password itself is unchanged until they choose a new one
        tokenWorks(Accounts.login(student.email(), null), true);

        post(admin, USERS + "/" + student.userId() + "/password-reset", null)
                .then()
                .statusCode(429)
                .body("code", equalTo("verification.resend_too_soon"));
        SignedIn otherAdmin = Tenants.newStaff(jdbc, "ADMIN", null);
        post(admin, USERS + "/" + otherAdmin.userId() + "/password-reset", null)
                .then()
                .statusCode(403)
                .body("code", equalTo("admin.insufficient_role"));
        tokenWorks(otherAdmin, true);
    }

    @Test
    void theLastActiveOwnerCannotBeRemoved() {
        String slug = Tenants.uniqueSlug("solo");
        SignedIn owner = Tenants.newTenantWithOwner(slug);
        String self = USERS + "/" + owner.userId();

        post(owner, self + "/suspend", Map.of("reason", "x"))
                .then()
                .statusCode(409)
                .body("code", equalTo("admin.last_owner"));
        post(owner, self + "/ban", Map.of("reason", "x"))
                .then()
                .statusCode(409)
                .body("code", equalTo("admin.last_owner"));
        owner.api().delete(self).then().statusCode(409).body("code", equalTo("admin.last_owner"));
        put(owner, self + "/role", Map.of("role", "ADMIN"))
                .then()
                .statusCode(403)
                .body("code", equalTo("admin.own_role"));
        tokenWorks(owner, true);

        // with a second owner, one of them may go
        SignedIn second = Tenants.newStaff(jdbc, "OWNER", slug);
        post(second, self + "/suspend", Map.of("reason", "handing over")).then().statusCode(200);
        tokenWorks(owner, false);
        // and now the second is the last one
        second.api()
                .delete(USERS + "/" + second.userId())
                .then()
                .statusCode(409)
                .body("code", equalTo("admin.last_owner"));
        // a suspended owner does not count as an active one, but may be reinstated
        post(second, self + "/reinstate", Map.of()).then().statusCode(200);
        put(second, self + "/role", Map.of("role", "ADMIN")).then().statusCode(200);
        assertThat(activeOwners(slug)).isEqualTo(1);
    }

    @Test
    void twoOwnersDemotingEachOtherAtOnceLeaveExactlyOneOwner() throws Exception {
        for (int round = 0; round < 3; round++) {
            String slug = Tenants.uniqueSlug("race");
            SignedIn first = Tenants.newTenantWithOwner(slug);
            SignedIn second = Tenants.newStaff(jdbc, "OWNER", slug);
            assertThat(activeOwners(slug)).isEqualTo(2);
            boolean ban = round == 2;

            List<Callable<Response>> demotions = List.of(
                    () -> put(first, USERS + "/" + second.userId() + "/role", Map.of("role", "ADMIN")),
                    () -> ban
                            ? post(second, USERS + "/" + first.userId() + "/ban", Map.of("reason", "coup"))
                            : put(second, USERS + "/" + first.userId() + "/role", Map.of("role", "TUTOR")));
            List<Response> responses = new ArrayList<>();
            // Hold the owners' row locks while both requests arrive, so both are signed in and inside their
            // transactions before either can commit (the winner signs the loser out). Without the application's own
            // FOR UPDATE neither would wait here and both demotions would succeed.
            try (var pool = Executors.newFixedThreadPool(2);
                    Connection holder = lockOwnerRows(slug)) {
                List<Future<Response>> futures =
                        demotions.stream().map(pool::submit).toList();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> waitingForLocks() >= 2 || futures.stream().anyMatch(Future::isDone));
                assertThat(futures).as("both requests wait for the owner locks").noneMatch(Future::isDone);
                holder.commit();
                for (Future<Response> f : futures) {
                    responses.add(f.get());
                }
            }
            var statuses = responses.stream().map(Response::statusCode).sorted().toList();
            assertThat(statuses).as("round " + round).containsExactly(200, 409);
            var loser = responses.stream()
                    .filter(x -> x.statusCode() == 409)
                    .findFirst()
                    .orElseThrow();
            assertThat(loser.jsonPath().getString("code")).isEqualTo("admin.last_owner");
            assertThat(activeOwners(slug)).as("round " + round).isEqualTo(1);
        }
    }

    @Test
    void parallelDemotionsWithoutHelpLeaveOneOwnerToo() throws Exception {
        String slug = Tenants.uniqueSlug("race");
        SignedIn first = Tenants.newTenantWithOwner(slug);
        SignedIn second = Tenants.newStaff(jdbc, "OWNER", slug);
        var barrier = new CyclicBarrier(2);
        List<Callable<Response>> demotions = List.of(
                () -> {
                    barrier.await();
                    return put(first, USERS + "/" + second.userId() + "/role", Map.of("role", "ADMIN"));
                },
                () -> {
                    barrier.await();
                    return put(second, USERS + "/" + first.userId() + "/role", Map.of("role", "ADMIN"));
                });
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            for (Future<Response> f : pool.invokeAll(demotions)) {
                statuses.add(f.get().statusCode());
            }
        }
        // the loser either lost the lock race (409) or was already signed out by the winner (401)
        assertThat(statuses).containsOnlyOnce(200).hasSize(2).allMatch(s -> s == 200 || s == 409 || s == 401);
        assertThat(activeOwners(slug)).isEqualTo(1);
    }

    private Connection lockOwnerRows(String slug) throws Exception {
        Connection connection = TenantContext.callAs(Tenants.idOf(jdbc, slug), () -> {
            try {
                return dataSource.getConnection();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        connection.setAutoCommit(false);
        try (var statement = connection.createStatement()) {
            statement.execute("SELECT id FROM users WHERE role = 'OWNER' AND status = 'ACTIVE' FOR UPDATE");
        }
        return connection;
    }

    private long waitingForLocks() {
        return jdbc.sql("SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted")
                .query(Long.class)
                .single();
    }

    private String roleOf(UUID userId) {
        return TenantContext.callAs(Tenants.idOf(jdbc, null), () -> jdbc.sql("SELECT role FROM users WHERE id = :id")
                .param("id", userId)
                .query(String.class)
                .single());
    }

    private long liveSessions(UUID userId) {
        return TenantContext.callAs(Tenants.idOf(jdbc, null), () -> jdbc.sql(
                        "SELECT count(*) FROM user_sessions WHERE user_id = :id AND revoked_at IS NULL")
                .param("id", userId)
                .query(Long.class)
                .single());
    }

    private long activeOwners(String slug) {
        return TenantContext.callAs(Tenants.idOf(jdbc, slug), () -> jdbc.sql(
                        "SELECT count(*) FROM users WHERE role = 'OWNER' AND status = 'ACTIVE'")
                .query(Long.class)
                .single());
    }
}
