package io.lyceum.accounts;

import static io.lyceum.testsupport.Accounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AuthApiTests extends ApiTestBase {

    @Autowired
    SigningKeys signingKeys;

    private Response register(Map<String, Object> body) {
        return api().contentType("application/json").body(body).post("/api/v1/auth/register");
    }

    private Response login(String email, String password) {
        return api().contentType("application/json")
                .body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login");
    }

    private Response refresh(String token) {
        return api().contentType("application/json")
                .body(Map.of("refreshToken", token))
                .post("/api/v1/auth/refresh");
    }

    @Test
    void registerVerifyAndSignIn() {
        String email = Accounts.uniqueEmail("ada");
        register(Map.of(
                        "email", email,
                        "password", PASSWORD,
                        "fullName", "Ada Lovelace",
                        "role", "STUDENT",
                        "timeZone", "Europe/London",
                        "locale", "en-GB"))
                .then()
                .statusCode(202)
                .body("email", equalTo(email))
                .body("emailVerificationNeeded", equalTo(true))
                .body("user", equalTo(null));

        login(email, PASSWORD).then().statusCode(403).body("code", equalTo("auth.email_not_verified"));

        Accounts.verify(email, null);
        var json = login(email, PASSWORD)
                .then()
                .statusCode(200)
                .body("outcome", equalTo("SIGNED_IN"))
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("refreshExpiresIn", equalTo(604800))
                .extract()
                .jsonPath();
        Http.given()
                .header("Authorization", "Bearer " + json.getString("accessToken"))
                .get("/api/v1/auth/me")
                .then()
                .statusCode(200)
                .body("email", equalTo(email))
                .body("fullName", equalTo("Ada Lovelace"))
                .body("emailVerified", equalTo(true))
                .body("timeZone", equalTo("Europe/London"));
    }

    @Test
    void registrationValidatesInput() {
        register(Map.of("email", "not-an-email", "password", PASSWORD, "fullName", "X", "role", "STUDENT"))
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", hasItem("email"));
        register(Map.of("email", Accounts.uniqueEmail("a"), "password", "short", "fullName", "X", "role", "STUDENT"))
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.weak_password"));
        register(Map.of(
                        "email",
                        Accounts.uniqueEmail("a"),
                        "password",
                        "123qweasdzxc",
                        "fullName",
                        "X",
                        "role",
                        "TUTOR"))
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.weak_password"))
                .body("detail", org.hamcrest.Matchers.containsString("common"));
        register(Map.of("email", Accounts.uniqueEmail("a"), "password", PASSWORD, "fullName", "X", "role", "ADMIN"))
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.role_not_allowed"));
        register(Map.of("email", Accounts.uniqueEmail("a"), "password", PASSWORD, "fullName", "X", "role", "WIZARD"))
                .then()
                .statusCode(400)
                .body("code", equalTo("request.malformed_body"));
        register(Map.of(
                        "email", Accounts.uniqueEmail("a"),
                        "password", PASSWORD,
                        "fullName", "X",
                        "role", "STUDENT",
                        "timeZone", "Mars/Olympus"))
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors[0].field", equalTo("timeZone"));
    }

    /** Issue 11 finding 10 / issue 12: registration does not reveal who has an account; the owner is told. */
    @Test
    void registeringATakenEmailGetsTheSameAnswerAndTellsTheOwner() {
        String email = Accounts.uniqueEmail("dup");
        var fresh = register(Map.of("email", email, "password", PASSWORD, "fullName", "First", "role", "STUDENT"));
        fresh.then().statusCode(202);
        var again = register(
                Map.of("email", email.toUpperCase(), "password", PASSWORD, "fullName", "Second", "role", "TUTOR"));
        again.then().statusCode(202).contentType("application/json");
        assertThat(again.jsonPath().getMap("").keySet())
                .isEqualTo(fresh.jsonPath().getMap("").keySet());
        assertThat(again.jsonPath().getBoolean("emailVerificationNeeded"))
                .isEqualTo(fresh.jsonPath().getBoolean("emailVerificationNeeded"));

        // the owner's notice goes through the notifications module's queue: it arrives shortly after
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> api().queryParam("recipient", email)
                        .get("/api/v1/dev/outbox")
                        .then()
                        .extract()
                        .path("content.size()")
                        .equals(2));
        List<Map<String, Object>> mails = api().queryParam("recipient", email)
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200)
                .extract()
                .path("content");
        assertThat(mails).hasSize(2);
        assertThat(mails.get(0).get("subject")).isEqualTo("Someone tried to create a Lyceum account with your email");
        assertThat((String) mails.get(0).get("body")).doesNotContainPattern("\\d{6}");
        assertThat(mails.get(1).get("subject")).isEqualTo("Your Lyceum verification code");
        // still one account, with its first name and role
        assertThat(io.lyceum.tenancy.TenantContext.callAs(io.lyceum.tenancy.TenantId.DEFAULT, () -> jdbc.sql(
                                "SELECT full_name || ':' || role FROM users WHERE lower(email) = lower(:email)")
                        .param("email", email)
                        .query(String.class)
                        .list()))
                .containsExactly("First:STUDENT");
    }

    @Test
    void wrongPasswordAndUnknownEmailLookTheSame() {
        var user = Accounts.newUser("STUDENT");
        login(user.email(), "wrong password 123")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.invalid_credentials"));
        login("nobody-" + user.email(), PASSWORD)
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.invalid_credentials"));
    }

    @Test
    void repeatedFailuresSlowDownSignInWithRetryAfter() {
        var user = Accounts.newUser("STUDENT");
        for (int i = 0; i < 5; i++) {
            login(user.email(), "wrong password " + i).then().statusCode(401);
        }
        // blocked for a while, even with the right password; the owner gets in again once it passes
        login(user.email(), PASSWORD)
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("code", equalTo("auth.too_many_failures"))
                .header("Retry-After", notNullValue());
    }

    @Test
    void protectedRoutesNeedAValidToken() {
        api().get("/api/v1/auth/me")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("auth.unauthenticated"));
        api().header("Authorization", "Bearer not.a.token")
                .get("/api/v1/auth/me")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.invalid_token"));
        var user = Accounts.newUser("STUDENT");
        user.api().get("/api/v1/no-such-route").then().statusCode(404).body("code", equalTo("route.not_found"));
    }

    @Test
    void refreshRotatesAndReuseRevokesTheWholeSession() {
        var user = Accounts.newUser("TUTOR");
        String first = user.refreshToken();

        var rotated = refresh(first).then().statusCode(200).extract().jsonPath();
        String second = rotated.getString("refreshToken");
        assertThat(second).isNotEqualTo(first);
        assertThat(rotated.getString("sessionId")).isEqualTo(user.sessionId().toString());

        // the old token comes back: someone copied it. The session and every token in it die.
        refresh(first).then().statusCode(401).body("code", equalTo("auth.refresh_token_reused"));
        refresh(second).then().statusCode(401).body("code", equalTo("auth.invalid_refresh_token"));
        Http.given()
                .header("Authorization", "Bearer " + rotated.getString("accessToken"))
                .get("/api/v1/auth/me")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.invalid_token"));
        // other sessions of the same user are untouched
        Accounts.login(user.email(), null).api().get("/api/v1/auth/me").then().statusCode(200);
    }

    @Test
    void parallelRefreshesWithOneTokenIssueAtMostOneNewPair() throws Exception {
        var user = Accounts.newUser("STUDENT");
        List<Callable<Integer>> calls = java.util.stream.IntStream.range(0, 6)
                .<Callable<Integer>>mapToObj(
                        i -> () -> refresh(user.refreshToken()).statusCode())
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
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 401)).hasSize(5);
    }

    @Test
    void garbageRefreshTokensAre401() {
        refresh("garbage").then().statusCode(401).body("code", equalTo("auth.invalid_refresh_token"));
        api().contentType("application/json")
                .body("{}")
                .post("/api/v1/auth/refresh")
                .then()
                .statusCode(401);
    }

    @Test
    void logoutEndsTheSession() {
        var user = Accounts.newUser("GUARDIAN");
        user.api().post("/api/v1/auth/logout").then().statusCode(204);
        user.api().get("/api/v1/auth/me").then().statusCode(401);
        refresh(user.refreshToken()).then().statusCode(401);
    }

    @Test
    void updateOwnProfile() {
        var user = Accounts.newUser("STUDENT");
        user.api()
                .contentType("application/json")
                .body(Map.of("fullName", "Grace Hopper", "timeZone", "America/New_York", "locale", "en-US"))
                .put("/api/v1/auth/me")
                .then()
                .statusCode(200)
                .body("fullName", equalTo("Grace Hopper"))
                .body("timeZone", equalTo("America/New_York"));
        user.api()
                .contentType("application/json")
                .body(Map.of("timeZone", "Nowhere/Land"))
                .put("/api/v1/auth/me")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
    }

    @Test
    void passwordChangeNeedsOldPasswordAndSignsOutOtherSessions() {
        var user = Accounts.newUser("STUDENT");
        var otherDevice = Accounts.login(user.email(), null);
        user.api()
                .contentType("application/json")
                .body(Map.of("oldPassword", "not my password", "newPassword", "a brand new passphrase"))
                .put("/api/v1/auth/me/password")
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.wrong_password"));
        user.api()
                .contentType("application/json")
                .body(Map.of("oldPassword", PASSWORD, "newPassword", "a brand new passphrase"))
                .put("/api/v1/auth/me/password")
                .then()
                .statusCode(204);
        otherDevice.api().get("/api/v1/auth/me").then().statusCode(401);
        user.api().get("/api/v1/auth/me").then().statusCode(200);
        login(user.email(), "a brand new passphrase").then().statusCode(200);
        login(user.email(), PASSWORD).then().statusCode(401);
    }

    @Test
    void sessionsAreListedAndRevokedOnlyByTheirOwner() {
        var user = Accounts.newUser("STUDENT");
        var second = Accounts.login(user.email(), null);
        user.api()
                .get("/api/v1/auth/sessions")
                .then()
                .statusCode(200)
                .body("content.size()", equalTo(2))
                .body("page.totalElements", equalTo(2))
                .body("content.find { it.current }.id", equalTo(user.sessionId().toString()));
        // most recently used first, one per page when asked
        user.api()
                .queryParam("size", 1)
                .get("/api/v1/auth/sessions")
                .then()
                .statusCode(200)
                .body("content.size()", equalTo(1))
                .body("page.totalPages", equalTo(2));
        user.api()
                .queryParam("page", "x")
                .get("/api/v1/auth/sessions")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_paging"));

        var stranger = Accounts.newUser("STUDENT");
        stranger.api()
                .delete("/api/v1/auth/sessions/" + second.sessionId())
                .then()
                .statusCode(404)
                .body("code", equalTo("session.not_found"));
        second.api().get("/api/v1/auth/me").then().statusCode(200);

        user.api().delete("/api/v1/auth/sessions/" + second.sessionId()).then().statusCode(204);
        second.api().get("/api/v1/auth/me").then().statusCode(401);
    }

    @Test
    void emailCodesLockAfterFiveWrongTriesAndResendIsThrottled() {
        String email = Accounts.uniqueEmail("codes");
        Accounts.register(email, "STUDENT", null);
        String code = Accounts.latestCode(email, null);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            api().contentType("application/json")
                    .body(Map.of("email", email, "code", wrong))
                    .post("/api/v1/auth/email-verification/complete")
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("verification.invalid_code"));
        }
        api().contentType("application/json")
                .body(Map.of("email", email, "code", code))
                .post("/api/v1/auth/email-verification/complete")
                .then()
                .statusCode(422)
                .body("code", equalTo("verification.locked"));
        api().contentType("application/json")
                .body(Map.of("email", email))
                .post("/api/v1/auth/email-verification/start")
                .then()
                .statusCode(429)
                .body("code", equalTo("verification.resend_too_soon"))
                .header("Retry-After", notNullValue());
        // unknown emails get the same accepted answer as known ones
        api().contentType("application/json")
                .body(Map.of("email", Accounts.uniqueEmail("nobody")))
                .post("/api/v1/auth/email-verification/start")
                .then()
                .statusCode(202);
    }

    @Test
    void emailLinkVerifiesOnce() {
        String email = Accounts.uniqueEmail("link");
        Accounts.register(email, "STUDENT", null);
        String body = Accounts.request(null)
                .queryParam("recipient", email)
                .get("/api/v1/dev/outbox")
                .then()
                .extract()
                .path("content[0].body");
        String token = body.replaceAll("(?s).*confirm\\?token=([A-Za-z0-9_-]+).*", "$1");
        api().queryParam("token", token)
                .get("/api/v1/auth/email-verification/confirm")
                .then()
                .statusCode(200);
        api().queryParam("token", token)
                .get("/api/v1/auth/email-verification/confirm")
                .then()
                .statusCode(422)
                .body("code", equalTo("verification.invalid_code"));
        login(email, PASSWORD).then().statusCode(200);
    }

    @Test
    void accessTokensAreVerifiableWithThePublishedKeysAcrossRotation() throws Exception {
        var user = Accounts.newUser("STUDENT");
        String kid = SignedJWT.parse(user.accessToken()).getHeader().getKeyID();
        api().get("/.well-known/jwks.json").then().statusCode(200).body("keys.kid", hasItem(kid));

        String newKid = signingKeys.rotate();
        // tokens signed with the retired key stay valid until they expire; new tokens use the new key
        user.api().get("/api/v1/auth/me").then().statusCode(200);
        var next = Accounts.login(user.email(), null);
        assertThat(SignedJWT.parse(next.accessToken()).getHeader().getKeyID()).isEqualTo(newKid);
        api().get("/.well-known/jwks.json")
                .then()
                .body("keys.kid", hasItem(kid))
                .body("keys.kid", hasItem(newKid))
                .body("keys.d", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void anRsaKeyLeftActiveByAnEarlierVersionKeepsItsTokensValidAndIsReplacedAtTheNextSignIn() throws Exception {
        var user = Accounts.newUser("STUDENT");
        // the data an earlier version left: its RS256 key active, stored as it stored it
        RSAKey rsa = new RSAKeyGenerator(2048)
                .keyID(java.util.UUID.randomUUID().toString())
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .generate();
        jdbc.sql("UPDATE signing_keys SET status = 'RETIRED', retired_at = now() WHERE status = 'ACTIVE'")
                .update();
        jdbc.sql("""
                        INSERT INTO signing_keys (kid, algorithm, jwk, status, created_at)
                        VALUES (:kid, 'RS256', :jwk, 'ACTIVE', now())""")
                .param("kid", rsa.getKeyID())
                .param("jwk", rsa.toJSONString())
                .update();
        signingKeys.maintain(Duration.ofDays(3650), Duration.ofDays(3650)); // drops the instance's cached key set
        SignedJWT signedByRsa = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).build(),
                SignedJWT.parse(user.accessToken()).getJWTClaimsSet());
        signedByRsa.sign(new RSASSASigner(rsa));

        // a token the RSA key signed still works
        Http.given()
                .header("Authorization", "Bearer " + signedByRsa.serialize())
                .get("/api/v1/auth/me")
                .then()
                .statusCode(200)
                .body("email", equalTo(user.email()));
        // the next sign-in retires it and signs with a new ES256 key; the RSA key stays published for its tokens
        var next = Accounts.login(user.email(), null);
        JWSHeader header = SignedJWT.parse(next.accessToken()).getHeader();
        assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(header.getKeyID()).isNotEqualTo(rsa.getKeyID());
        assertThat(jdbc.sql("SELECT status FROM signing_keys WHERE kid = :kid")
                        .param("kid", rsa.getKeyID())
                        .query(String.class)
                        .single())
                .isEqualTo("RETIRED");
        api().get("/.well-known/jwks.json").then().body("keys.kid", hasItem(rsa.getKeyID()));
        Http.given()
                .header("Authorization", "Bearer " + signedByRsa.serialize())
                .get("/api/v1/auth/me")
                .then()
                .statusCode(200);
        next.api().get("/api/v1/auth/me").then().statusCode(200);
    }

    @Test
    void cookieModeUsesHttpOnlyCookiesAndDoubleSubmitCsrf() {
        var user = Accounts.newUser("STUDENT");
        Response response = api().contentType("application/json")
                .header("X-Auth-Mode", "cookie")
                .body(Map.of("email", user.email(), "password", PASSWORD))
                .post("/api/v1/auth/login");
        response.then().statusCode(200).body("accessToken", equalTo(null)).body("tokenType", equalTo("Cookie"));
        List<String> setCookies = response.headers().getValues("Set-Cookie");
        assertThat(setCookies)
                .anySatisfy(c ->
                        assertThat(c).startsWith("lyceum_access=").contains("HttpOnly", "Secure", "SameSite=Strict"))
                .anySatisfy(c -> assertThat(c).startsWith("lyceum_refresh=").contains("Path=/api/v1/auth", "HttpOnly"))
                .anySatisfy(c -> assertThat(c).startsWith("lyceum_csrf=").doesNotContain("HttpOnly"));
        String access = response.getCookie("lyceum_access");
        String csrf = response.getCookie("lyceum_csrf");

        Http.given()
                .cookie("lyceum_access", access)
                .get("/api/v1/auth/me")
                .then()
                .statusCode(200);
        Http.given()
                .cookie("lyceum_access", access)
                .cookie("lyceum_csrf", csrf)
                .contentType("application/json")
                .body(Map.of("fullName", "Via Cookie"))
                .put("/api/v1/auth/me")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.csrf_failed"));
        Http.given()
                .cookie("lyceum_access", access)
                .cookie("lyceum_csrf", csrf)
                .header("X-CSRF-Token", csrf)
                .contentType("application/json")
                .body(Map.of("fullName", "Via Cookie"))
                .put("/api/v1/auth/me")
                .then()
                .statusCode(200)
                .body("fullName", equalTo("Via Cookie"));
        // refresh in cookie mode: token from the cookie, new tokens back as cookies
        Http.given()
                .cookie("lyceum_refresh", response.getCookie("lyceum_refresh"))
                .cookie("lyceum_csrf", csrf)
                .header("X-CSRF-Token", csrf)
                .post("/api/v1/auth/refresh")
                .then()
                .statusCode(200)
                .cookie("lyceum_access", notNullValue());
    }

    @Test
    void developmentOwnerExists() {
        assertThat(io.lyceum.tenancy.TenantContext.callAs(io.lyceum.tenancy.TenantId.DEFAULT, () -> jdbc.sql(
                                "SELECT count(*) FROM users WHERE role = 'OWNER' AND email = 'owner@lyceum.local'")
                        .query(Long.class)
                        .single()))
                .isEqualTo(1);
    }
}
