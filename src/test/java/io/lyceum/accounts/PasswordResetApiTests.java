package io.lyceum.accounts;

import static io.lyceum.testsupport.Accounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.http.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PasswordResetApiTests extends ApiTestBase {

    private static final String NEW_PASSWORD = "a fresh passphrase 2027";
    private static final Pattern CODE = Pattern.compile("password reset code is (\\d{6})");
    private static final Pattern TOKEN = Pattern.compile("link token: ([A-Za-z0-9_-]+)");

    private Response post(String path, Map<String, ?> body) {
        return post(path, body, null);
    }

    private Response post(String path, Map<String, ?> body, String tenant) {
        return Accounts.request(tenant)
                .contentType("application/json")
                .body(body)
                .post(path);
    }

    private Response requestReset(String email) {
        return post("/api/v1/auth/password/reset-request", Map.of("email", email));
    }

    private Response login(String email, String password) {
        return post("/api/v1/auth/login", Map.of("email", email, "password", password));
    }

    /** The first match of the pattern's group in the messages (newest first), which must have one. */
    private static String find(Pattern pattern, List<String> messages) {
        for (String body : messages) {
            Matcher matcher = pattern.matcher(body);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no " + pattern + " in " + messages);
    }

    private String resetCode(String email) {
        return find(CODE, Accounts.outboxBodies(email, null));
    }

    private static String otherThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    /** Makes the user's reset code look as if it had been sent long ago (and so may be sent again). */
    private void age(UUID userId, String interval) {
        TenantContext.runAs(
                TenantId.DEFAULT,
                () -> jdbc.sql("""
                        UPDATE verification_codes
                           SET created_at = created_at - CAST(:i AS interval),
                               expires_at = expires_at - CAST(:i AS interval)
                         WHERE user_id = :user
                        """).param("i", interval).param("user", userId).update());
    }

    @Test
    void resetByEmailCodeSetsThePasswordAndSignsOutEverySession() {
        var user = Accounts.newUser("STUDENT");
        var otherDevice = Accounts.login(user.email(), null);

        requestReset(user.email()).then().statusCode(202).body("status", equalTo("SENT_IF_ACCOUNT_EXISTS"));
        String code = resetCode(user.email());

        // checking the code leaves it usable
        post("/api/v1/auth/password/verify-token", Map.of("email", user.email(), "code", code))
                .then()
                .statusCode(200)
                .body("valid", equalTo(true));
        post("/api/v1/auth/password/verify-token", Map.of("email", user.email(), "code", code))
                .then()
                .statusCode(200);

        post(
                        "/api/v1/auth/password/reset-confirm",
                        Map.of("email", user.email(), "code", code, "newPassword", NEW_PASSWORD))
                .then()
                .statusCode(204);

        // every session is gone: access tokens and refresh tokens alike
        user.api().get("/api/v1/auth/me").then().statusCode(401).body("code", equalTo("auth.invalid_token"));
        otherDevice.api().get("/api/v1/auth/me").then().statusCode(401);
        post("/api/v1/auth/refresh", Map.of("refreshToken", user.refreshToken()))
                .then()
                .statusCode(401);
        post("/api/v1/auth/refresh", Map.of("refreshToken", otherDevice.refreshToken()))
                .then()
                .statusCode(401);

        login(user.email(), PASSWORD).then().statusCode(401);
        login(user.email(), NEW_PASSWORD).then().statusCode(200);
        // the notice goes through the notifications module's queue: it arrives shortly after
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> Accounts.outboxBodies(user.email(), null).stream()
                        .anyMatch(body -> body.contains("password of your Lyceum account was just reset")));

        // the code worked once
        post(
                        "/api/v1/auth/password/reset-confirm",
                        Map.of("email", user.email(), "code", code, "newPassword", "yet another passphrase"))
                .then()
                .statusCode(422)
                .body("code", equalTo("verification.invalid_code"));
        post("/api/v1/auth/password/verify-token", Map.of("email", user.email(), "code", code))
                .then()
                .statusCode(422)
                .body("code", equalTo("verification.invalid_code"));
        login(user.email(), NEW_PASSWORD).then().statusCode(200);
    }

    @Test
    void resetByLinkTokenWorksOnce() {
        var user = Accounts.newUser("TUTOR");
        requestReset(user.email()).then().statusCode(202);
        String token = find(TOKEN, Accounts.outboxBodies(user.email(), null));

        post("/api/v1/auth/password/verify-token", Map.of("token", token))
                .then()
                .statusCode(200)
                .body("valid", equalTo(true));
        post("/api/v1/auth/password/reset-confirm", Map.of("token", token, "newPassword", NEW_PASSWORD))
                .then()
                .statusCode(204);
        user.api().get("/api/v1/auth/me").then().statusCode(401);
        login(user.email(), NEW_PASSWORD).then().statusCode(200);

        post("/api/v1/auth/password/reset-confirm", Map.of("token", token, "newPassword", "yet another passphrase"))
                .then()
                .statusCode(422)
                .body("code", equalTo("verification.invalid_code"));
        post("/api/v1/auth/password/verify-token", Map.of("token", token))
                .then()
                .statusCode(422)
                .body("code", equalTo("verification.invalid_code"));
        post("/api/v1/auth/password/verify-token", Map.of("token", "not-a-token"))
                .then()
                .statusCode(422)
                .body("code", equalTo("verification.invalid_code"));
    }

    @Test
    void unknownEmailsGetTheSameAnswerAndNoMessage() {
        var user = Accounts.newUser("STUDENT");
        String unknown = Accounts.uniqueEmail("nobody");

        Response known = requestReset(user.email());
        Response missing = requestReset(unknown);
        // asked again within the resend interval: not sent again, but the answer does not show it
        Response tooSoon = requestReset(user.email());
        Response sms = post("/api/v1/auth/password/reset-request", Map.of("email", unknown, "channel", "SMS"));

        for (Response response : List.of(known, missing, tooSoon, sms)) {
            response.then().statusCode(202).contentType("application/json");
            assertThat(response.asString()).isEqualTo(known.asString());
        }
        assertThat(Accounts.outboxBodies(unknown, null)).isEmpty();
        assertThat(Accounts.outboxBodies(user.email(), null).stream().filter(CODE.asPredicate()))
                .hasSize(1);

        // codes for an unknown email are simply invalid, like wrong ones
        post("/api/v1/auth/password/verify-token", Map.of("email", unknown, "code", "123456"))
                .then()
                .statusCode(422)
                .body("code", equalTo("verification.invalid_code"));
        post(
                        "/api/v1/auth/password/reset-confirm",
                        Map.of("email", unknown, "code", "123456", "newPassword", NEW_PASSWORD))
                .then()
                .statusCode(422)
                .body("code", equalTo("verification.invalid_code"));
    }

    @Test
    void wrongCodesAreRejectedCountedAndLockTheCode() {
        var user = Accounts.newUser("STUDENT");
        requestReset(user.email()).then().statusCode(202);
        String code = resetCode(user.email());
        String wrong = otherThan(code);

        post(
                        "/api/v1/auth/password/reset-confirm",
                        Map.of("email", user.email(), "code", wrong, "newPassword", NEW_PASSWORD))
                .then()
                .statusCode(422)
                .body("code", equalTo("verification.invalid_code"));
        login(user.email(), PASSWORD).then().statusCode(200);
        user.api().get("/api/v1/auth/me").then().statusCode(200);

        // checking without using counts too, so verify-token is no free oracle
        for (int i = 0; i < 4; i++) {
            post("/api/v1/auth/password/verify-token", Map.of("email", user.email(), "code", wrong))
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("verification.invalid_code"));
        }
        post(
                        "/api/v1/auth/password/reset-confirm",
                        Map.of("email", user.email(), "code", code, "newPassword", NEW_PASSWORD))
                .then()
                .statusCode(422)
                .body("code", equalTo("verification.locked"));
        login(user.email(), PASSWORD).then().statusCode(200);

        // a new code replaces the locked one
        age(user.userId(), "2 minutes");
        requestReset(user.email()).then().statusCode(202);
        String fresh = resetCode(user.email());
        post(
                        "/api/v1/auth/password/reset-confirm",
                        Map.of("email", user.email(), "code", fresh, "newPassword", NEW_PASSWORD))
                .then()
                .statusCode(204);
    }

    @Test
    void expiredCodesAndTokensAreRejected() {
        var user = Accounts.newUser("GUARDIAN");
        requestReset(user.email()).then().statusCode(202);
        String code = resetCode(user.email());
        String token = find(TOKEN, Accounts.outboxBodies(user.email(), null));
        age(user.userId(), "31 minutes");

        post("/api/v1/auth/password/verify-token", Map.of("email", user.email(), "code", code))
                .then()
                .statusCode(422)
                .body("code", equalTo("verification.expired"));
        post(
                        "/api/v1/auth/password/reset-confirm",
                        Map.of("email", user.email(), "code", code, "newPassword", NEW_PASSWORD))
                .then()
                .statusCode(422)
                .body("code", equalTo("verification.expired"));
        post("/api/v1/auth/password/reset-confirm", Map.of("token", token, "newPassword", NEW_PASSWORD))
                .then()
                .statusCode(422)
                .body("code", equalTo("verification.expired"));
        login(user.email(), PASSWORD).then().statusCode(200);
    }

    @Test
    void aWeakNewPasswordIsRefusedAndTheCodeStaysUsable() {
        var user = Accounts.newUser("STUDENT");
        requestReset(user.email()).then().statusCode(202);
        String code = resetCode(user.email());

        post(
                        "/api/v1/auth/password/reset-confirm",
                        Map.of("email", user.email(), "code", code, "newPassword", "password123"))
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.weak_password"))
                .body("errors.field", hasItem("newPassword"));
        post(
                        "/api/v1/auth/password/reset-confirm",
                        Map.of("email", user.email(), "code", code, "newPassword", user.email()))
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.weak_password"));
        user.api().get("/api/v1/auth/me").then().statusCode(200);

        post(
                        "/api/v1/auth/password/reset-confirm",
                        Map.of("email", user.email(), "code", code, "newPassword", NEW_PASSWORD))
                .then()
                .statusCode(204);
    }

    @Test
    void badInputIs422() {
        post("/api/v1/auth/password/reset-request", Map.of("email", "not-an-email"))
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", hasItem("email"));
        post("/api/v1/auth/password/reset-request", Map.of("email", Accounts.uniqueEmail("x"), "channel", "PIGEON"))
                .then()
                .statusCode(400)
                .body("code", equalTo("request.malformed_body"))
                // an enum lists its allowed values
                .body("errors[0].field", equalTo("channel"))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("must be one of ["));
        post("/api/v1/auth/password/verify-token", Map.of())
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        post("/api/v1/auth/password/verify-token", Map.of("email", Accounts.uniqueEmail("x"), "code", "12ab56"))
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("code"));
        post("/api/v1/auth/password/reset-confirm", Map.of("email", Accounts.uniqueEmail("x"), "code", "123456"))
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", hasItem("newPassword"));
        post("/api/v1/auth/password/reset-confirm", Map.of("newPassword", NEW_PASSWORD))
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
    }

    @Test
    void resetClearsTheSignInSlowDown() {
        var user = Accounts.newUser("STUDENT");
        for (int i = 0; i < 5; i++) {
            login(user.email(), "wrong password " + i).then().statusCode(401);
        }
        login(user.email(), PASSWORD).then().statusCode(429).body("code", equalTo("auth.too_many_failures"));

        requestReset(user.email()).then().statusCode(202);
        post(
                        "/api/v1/auth/password/reset-confirm",
                        Map.of("email", user.email(), "code", resetCode(user.email()), "newPassword", NEW_PASSWORD))
                .then()
                .statusCode(204);
        login(user.email(), NEW_PASSWORD).then().statusCode(200);
    }

    @Test
    void resetVerifiesAnUnverifiedEmail() {
        String email = Accounts.uniqueEmail("unverified");
        Accounts.register(email, "STUDENT", null);
        login(email, PASSWORD).then().statusCode(403).body("code", equalTo("auth.email_not_verified"));

        requestReset(email).then().statusCode(202);
        post(
                        "/api/v1/auth/password/reset-confirm",
                        Map.of("email", email, "code", resetCode(email), "newPassword", NEW_PASSWORD))
                .then()
                .statusCode(204);
        login(email, NEW_PASSWORD).then().statusCode(200).body("user.emailVerified", equalTo(true));
    }

    @Test
    void smsResetNeedsAVerifiedMobile() {
        var user = Accounts.newUser("STUDENT");
        String mobile = MobileApiTests.uniqueMobile();
        Response expected = requestReset(Accounts.uniqueEmail("nobody"));

        // no mobile at all: the same answer, nothing sent anywhere
        Response noMobile =
                post("/api/v1/auth/password/reset-request", Map.of("email", user.email(), "channel", "SMS"));
        noMobile.then().statusCode(202);
        assertThat(noMobile.asString()).isEqualTo(expected.asString());
        assertThat(Accounts.outboxBodies(user.email(), null)).noneMatch(CODE.asPredicate());

        // an unverified mobile does not get reset codes either
        user.api()
                .contentType("application/json")
                .body(Map.of("mobile", mobile))
                .put("/api/v1/users/me/mobile")
                .then()
                .statusCode(200);
        Response unverified =
                post("/api/v1/auth/password/reset-request", Map.of("email", user.email(), "channel", "SMS"));
        assertThat(unverified.asString()).isEqualTo(expected.asString());
        assertThat(Accounts.outboxBodies(mobile, null)).hasSize(1).noneMatch(CODE.asPredicate());

        user.api()
                .contentType("application/json")
                .body(Map.of("code", MobileApiTests.smsCode(mobile)))
                .post("/api/v1/users/me/mobile/verify")
                .then()
                .statusCode(200);
        Response verified =
                post("/api/v1/auth/password/reset-request", Map.of("email", user.email(), "channel", "SMS"));
        assertThat(verified.asString()).isEqualTo(expected.asString());
        String code = find(CODE, Accounts.outboxBodies(mobile, null));
        assertThat(Accounts.outboxBodies(user.email(), null)).noneMatch(CODE.asPredicate());

        post(
                        "/api/v1/auth/password/reset-confirm",
                        Map.of("email", user.email(), "code", code, "newPassword", NEW_PASSWORD))
                .then()
                .statusCode(204);
        user.api().get("/api/v1/auth/me").then().statusCode(401);
        login(user.email(), NEW_PASSWORD).then().statusCode(200);
    }

    @Test
    void resetsStayInsideTheirTenant() {
        jdbc.sql("""
                INSERT INTO tenants (id, slug, name, status, default_currency, time_zone, created_at, updated_at)
                VALUES (:id, 'isolated', 'Isolated Agency', 'ACTIVE', 'EUR', 'Europe/Paris', now(), now())
                ON CONFLICT (slug) DO NOTHING
                """).param("id", UUID.randomUUID()).update();
        var user = Accounts.newUser("STUDENT");

        // the same email in another tenant is an unknown account there
        post("/api/v1/auth/password/reset-request", Map.of("email", user.email()), "isolated")
                .then()
                .statusCode(202);
        assertThat(Accounts.outboxBodies(user.email(), "isolated")).isEmpty();
        assertThat(Accounts.outboxBodies(user.email(), null)).noneMatch(CODE.asPredicate());

        requestReset(user.email()).then().statusCode(202);
        String code = resetCode(user.email());
        post(
                        "/api/v1/auth/password/reset-confirm",
                        Map.of("email", user.email(), "code", code, "newPassword", NEW_PASSWORD),
                        "isolated")
                .then()
                .statusCode(422)
                .body("code", equalTo("verification.invalid_code"));
        login(user.email(), PASSWORD).then().statusCode(200);
    }

    @Test
    void parallelConfirmsWithOneCodeSucceedOnce() throws Exception {
        var user = Accounts.newUser("STUDENT");
        requestReset(user.email()).then().statusCode(202);
        String code = resetCode(user.email());
        List<Callable<Integer>> calls = IntStream.range(0, 6)
                .<Callable<Integer>>mapToObj(i -> () -> post(
                                "/api/v1/auth/password/reset-confirm",
                                Map.of("email", user.email(), "code", code, "newPassword", NEW_PASSWORD + " " + i))
                        .statusCode())
                .toList();
        List<Integer> statuses;
        try (var pool = Executors.newFixedThreadPool(6)) {
            statuses = pool.invokeAll(calls).stream()
                    .map(f -> {
                        try {
                            return f.get();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        }
        assertThat(statuses).containsOnly(204, 422);
        assertThat(statuses.stream().filter(s -> s == 204)).hasSize(1);
    }
}
