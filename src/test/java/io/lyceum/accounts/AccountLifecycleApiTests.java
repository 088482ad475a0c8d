package io.lyceum.accounts;

import static io.lyceum.testsupport.Accounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.lyceum.platform.FileStorage;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.http.Response;
import java.awt.Color;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@RecordApplicationEvents
class AccountLifecycleApiTests extends ApiTestBase {

    private static final String OTHER_TENANT = "lifecycle-elsewhere";
    private static final String CONFIRM = "ARCHIVE MY ACCOUNT";

    @Autowired
    ArchivedAccountEraser eraser;

    @Autowired
    FileStorage storage;

    @Autowired
    ApplicationEvents events;

    @Autowired
    DataSource dataSource;

    private TenantId otherTenant;

    @BeforeEach
    void otherTenant() {
        jdbc.sql("""
                INSERT INTO tenants (id, slug, name, status, default_currency, time_zone, created_at, updated_at)
                VALUES (:id, :slug, 'Lifecycle Elsewhere', 'ACTIVE', 'USD', 'America/New_York', now(), now())
                ON CONFLICT (slug) DO NOTHING
                """).param("id", UUID.randomUUID()).param("slug", OTHER_TENANT).update();
        otherTenant = new TenantId(jdbc.sql("SELECT id FROM tenants WHERE slug = :slug")
                .param("slug", OTHER_TENANT)
                .query(UUID.class)
                .single());
    }

    private static Response archive(Accounts.SignedIn user, Object password, String confirmation) {
        var body = new java.util.HashMap<String, Object>();
        body.put("password", password);
        body.put("confirmation", confirmation);
        return user.api().contentType("application/json").body(body).post("/api/v1/users/me/archive");
    }

    private static Response login(String email, String tenant) {
        return Accounts.request(tenant)
                .contentType("application/json")
                .body(Map.of("email", email, "password", PASSWORD))
                .post("/api/v1/auth/login");
    }

    private Map<String, Object> userRow(TenantId tenant, UUID id) {
        return TenantContext.callAs(
                tenant, () -> jdbc.sql("""
                        SELECT email, email_normalized, full_name, password_hash, mobile, status, archived_at,
                               erased_at
                          FROM users WHERE id = :id
                        """).param("id", id).query().singleRow());
    }

    private long count(TenantId tenant, String sql, UUID userId) {
        return TenantContext.callAs(
                tenant,
                () -> jdbc.sql(sql).param("id", userId).query(Long.class).single());
    }

    @Test
    void archiveNeedsTheConfirmationAndThePassword() {
        var user = Accounts.newUser("STUDENT");
        archive(user, PASSWORD, "archive my account")
                .then()
                .statusCode(422)
                .body("code", equalTo("account.confirmation_mismatch"))
                .body("errors[0].field", equalTo("confirmation"));
        archive(user, PASSWORD, null)
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", hasItem("confirmation"));
        archive(user, "not my password", CONFIRM)
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.wrong_password"))
                .body("errors[0].field", equalTo("password"));
        archive(user, null, CONFIRM)
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.wrong_password"))
                .body("errors[0].message", equalTo("is required"));
        api().contentType("application/json")
                .body(Map.of("password", PASSWORD, "confirmation", CONFIRM))
                .post("/api/v1/users/me/archive")
                .then()
                .statusCode(401);
        // still active
        user.api().get("/api/v1/auth/me").then().statusCode(200);
        assertThat(userRow(TenantId.DEFAULT, user.userId()).get("status")).isEqualTo("ACTIVE");
    }

    @Test
    void archivingSignsOutEverywhereAndSigningInWithin30DaysRestores() {
        var user = Accounts.newUser("TUTOR");
        var otherDevice = Accounts.login(user.email(), null);

        archive(user, PASSWORD, CONFIRM)
                .then()
                .statusCode(200)
                .body("status", equalTo("ARCHIVED"))
                .body("archivedAt", notNullValue())
                .body("restorableUntil", notNullValue());
        var row = userRow(TenantId.DEFAULT, user.userId());
        assertThat(row.get("status")).isEqualTo("ARCHIVED");
        assertThat(row.get("archived_at")).isNotNull();

        // every session is over: access tokens and refresh tokens of both devices
        user.api().get("/api/v1/auth/me").then().statusCode(401);
        otherDevice.api().get("/api/v1/auth/me").then().statusCode(401);
        api().contentType("application/json")
                .body(Map.of("refreshToken", otherDevice.refreshToken()))
                .post("/api/v1/auth/refresh")
                .then()
                .statusCode(401);
        assertThat(count(
                        TenantId.DEFAULT,
                        "SELECT count(*) FROM user_sessions WHERE user_id = :id AND revoked_at IS NULL",
                        user.userId()))
                .isZero();

        // 29 days later, signing in brings the account back
        testClock.advance(Duration.ofDays(29));
        var restored = Accounts.login(user.email(), null);
        restored.api().get("/api/v1/auth/me").then().statusCode(200).body("email", equalTo(user.email()));
        row = userRow(TenantId.DEFAULT, user.userId());
        assertThat(row.get("status")).isEqualTo("ACTIVE");
        assertThat(row.get("archived_at")).isNull();

        // and the eraser leaves restored accounts alone
        eraser.eraseExpired();
        assertThat(userRow(TenantId.DEFAULT, user.userId()).get("email")).isEqualTo(user.email());
    }

    @Test
    void afterThirtyDaysTheAccountCannotBeRestoredAndIsErased() {
        var user = Accounts.newUser("STUDENT");
        user.api()
                .multiPart("file", "me.png", TestImages.png(Color.MAGENTA), "image/png")
                .put("/api/v1/users/me/avatar")
                .then()
                .statusCode(200);
        String avatarKey = TenantContext.callAs(
                TenantId.DEFAULT, () -> jdbc.sql("SELECT storage_key FROM user_avatars WHERE user_id = :id")
                        .param("id", user.userId())
                        .query(String.class)
                        .single());
        TenantContext.runAs(TenantId.DEFAULT, () -> jdbc.sql("UPDATE users SET mobile = '+447700900123' WHERE id = :id")
                .param("id", user.userId())
                .update());
        archive(user, PASSWORD, CONFIRM).then().statusCode(200);
        // an account of another tenant archived the same day is due too: the job goes through every tenant
        var elsewhere = Accounts.newUser("TUTOR", OTHER_TENANT);
        archive(elsewhere, PASSWORD, CONFIRM).then().statusCode(200);
        testClock.advance(Duration.ofDays(30));
        // an account archived only yesterday is not due
        var recent = Accounts.newUser("STUDENT");
        archive(recent, PASSWORD, CONFIRM).then().statusCode(200);
        testClock.advance(Duration.ofDays(1));

        // 31 days on, too late to restore: a clear refusal, and the account stays archived
        login(user.email(), null)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("auth.account_archive_expired"));
        assertThat(userRow(TenantId.DEFAULT, user.userId()).get("status")).isEqualTo("ARCHIVED");

        assertThat(eraser.eraseExpired()).isGreaterThanOrEqualTo(2);

        var row = userRow(TenantId.DEFAULT, user.userId());
        assertThat(row.get("email")).isEqualTo("erased-" + user.userId() + "@invalid");
        assertThat(row.get("email_normalized")).isEqualTo("erased-" + user.userId() + "@invalid");
        assertThat(row.get("full_name")).isEqualTo("Erased user");
        assertThat(row.get("password_hash")).isNull();
        assertThat(row.get("mobile")).isNull();
        assertThat(row.get("status")).isEqualTo("DELETED");
        assertThat(row.get("erased_at")).isNotNull();
        assertThat(count(TenantId.DEFAULT, "SELECT count(*) FROM user_sessions WHERE user_id = :id", user.userId()))
                .isZero();
        assertThat(count(
                        TenantId.DEFAULT, "SELECT count(*) FROM verification_codes WHERE user_id = :id", user.userId()))
                .isZero();
        assertThat(count(TenantId.DEFAULT, "SELECT count(*) FROM user_avatars WHERE user_id = :id", user.userId()))
                .isZero();
        assertThat(storage.get(avatarKey)).isEmpty();
        api().get("/api/v1/users/" + user.userId() + "/avatar")
                .then()
                .statusCode(404)
                .body("code", equalTo("avatar.not_found"));
        assertThat(events.stream(UserErased.class))
                .contains(new UserErased(UserId.of(user.userId()), TenantId.DEFAULT))
                .contains(new UserErased(UserId.of(elsewhere.userId()), otherTenant))
                .noneMatch(e -> e.userId().value().equals(recent.userId()));

        var erasedElsewhere = userRow(otherTenant, elsewhere.userId());
        assertThat(erasedElsewhere.get("status")).isEqualTo("DELETED");
        assertThat(erasedElsewhere.get("full_name")).isEqualTo("Erased user");
        assertThat(userRow(TenantId.DEFAULT, recent.userId()).get("status")).isEqualTo("ARCHIVED");

        // nobody can sign in as the erased user any more
        login(user.email(), null).then().statusCode(401).body("code", equalTo("auth.invalid_credentials"));
        login(elsewhere.email(), OTHER_TENANT).then().statusCode(401);
        // running again erases nothing twice
        long before = events.stream(UserErased.class).count();
        eraser.eraseExpired();
        assertThat(events.stream(UserErased.class)
                        .filter(e -> e.userId().value().equals(user.userId()))
                        .count())
                .isEqualTo(1);
        assertThat(events.stream(UserErased.class).count()).isEqualTo(before);
    }

    private void makeOwner(UUID userId) {
        TenantContext.runAs(otherTenant, () -> jdbc.sql("UPDATE users SET role = 'OWNER' WHERE id = :id")
                .param("id", userId)
                .update());
    }

    private long activeOwners() {
        return TenantContext.callAs(
                otherTenant, () -> jdbc.sql("SELECT count(*) FROM users WHERE role = 'OWNER' AND status = 'ACTIVE'")
                        .query(Long.class)
                        .single());
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long waitingForLocks(Connection connection) throws SQLException {
        try (var query = connection.prepareStatement("""
                        SELECT count(*) FROM pg_stat_activity
                         WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                        """);
                var rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void theLastOwnerCannotArchiveEvenWhenTwoOwnersTryAtOnce() throws Exception {
        TenantContext.runAs(otherTenant, () -> jdbc.sql("UPDATE users SET status = 'SUSPENDED' WHERE role = 'OWNER'")
                .update());
        var owner = Accounts.newUser("STUDENT", OTHER_TENANT);
        makeOwner(owner.userId());
        archive(owner, PASSWORD, CONFIRM).then().statusCode(409).body("code", equalTo("account.last_owner"));
        assertThat(userRow(otherTenant, owner.userId()).get("status")).isEqualTo("ACTIVE");

        // two owners archive at the same moment: one must stay. The test holds the owners' rows until both
        // requests are waiting inside their transactions, so the two really overlap.
        var second = Accounts.newUser("STUDENT", OTHER_TENANT);
        makeOwner(second.userId());
        var executor = Executors.newFixedThreadPool(2);
        try (Connection blocker = TenantContext.callAs(otherTenant, this::connection)) {
            blocker.setAutoCommit(false);
            try (var lock = blocker.prepareStatement("SELECT id FROM users WHERE role = 'OWNER' FOR UPDATE")) {
                lock.executeQuery().close();
            }
            var results = java.util.List.of(
                    executor.submit(() -> archive(owner, PASSWORD, CONFIRM).statusCode()),
                    executor.submit(() -> archive(second, PASSWORD, CONFIRM).statusCode()));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> waitingForLocks(blocker) >= 2);
            blocker.rollback();
            var codes = new java.util.ArrayList<Integer>();
            for (var result : results) {
                codes.add(result.get());
            }
            assertThat(codes).containsExactlyInAnyOrder(200, 409);
        } finally {
            executor.shutdown();
        }
        assertThat(activeOwners()).isEqualTo(1);
    }

    @Test
    void exportHoldsTheProfileAndNoSecrets() {
        var user = Accounts.newUser("GUARDIAN");
        user.api()
                .multiPart("file", "me.png", TestImages.png(Color.PINK), "image/png")
                .put("/api/v1/users/me/avatar")
                .then()
                .statusCode(200);
        var response = user.api()
                .get("/api/v1/users/me/export")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment"))
                .header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
                .body("format", equalTo("lyceum-personal-data/1"))
                .body("userId", equalTo(user.userId().toString()))
                .body("tenant", equalTo("default"))
                .body("sections.accounts.profile.email", equalTo(user.email()))
                .body("sections.accounts.profile.fullName", equalTo("Test guardian"))
                .body("sections.accounts.profile.role", equalTo("GUARDIAN"))
                .body("sections.accounts.avatar.contentType", equalTo("image/png"))
                .body("sections.accounts.sessions.id", hasItem(user.sessionId().toString()))
                .body("sections.accounts.verificationHistory.purpose", hasItem("EMAIL_VERIFICATION"))
                .body("sections.accounts.verificationHistory.sentTo", hasItem(user.email()))
                .extract()
                .asString();

        String passwordHash = (String) userRow(TenantId.DEFAULT, user.userId()).get("password_hash");
        String codeHash = TenantContext.callAs(
                TenantId.DEFAULT, () -> jdbc.sql("SELECT code_hash FROM verification_codes WHERE user_id = :id LIMIT 1")
                        .param("id", user.userId())
                        .query(String.class)
                        .single());
        assertThat(passwordHash).isNotBlank();
        assertThat(response)
                .doesNotContain(passwordHash)
                .doesNotContain(codeHash)
                .doesNotContainIgnoringCase("passwordHash")
                .doesNotContainIgnoringCase("password_hash")
                .doesNotContain("codeHash")
                .doesNotContain("storage_key")
                .doesNotContain(user.refreshToken());

        // only one's own data, and only when signed in
        var other = Accounts.newUser("STUDENT");
        assertThat(other.api().get("/api/v1/users/me/export").then().extract().asString())
                .doesNotContain(user.email());
        api().get("/api/v1/users/me/export").then().statusCode(401);
    }
}
