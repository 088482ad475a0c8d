package io.lyceum.accounts;

import static io.lyceum.testsupport.Accounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiDocument;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.TestClock;
import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.RequestSpecification;
import io.lyceum.testsupport.http.Response;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two-factor sign-in over HTTP: TOTP enrolment, login challenges, replay protection, recovery codes, email codes,
 * attempt limits, expiry, user and tenant binding, and turning it off. TOTP codes are computed here from the secret
 * with the same library an authenticator app would use.
 */
class TwoFactorApiTests extends ApiTestBase {

    private static final String OTHER_TENANT = "twofactor";
    private static final String OPEN_TENANT = "twofactor-open";
    private static final Pattern SIGN_IN_CODE = Pattern.compile("sign-in code is (\\d{6})");
    private static final Pattern SECURITY_CODE = Pattern.compile("security code is (\\d{6})");

    @BeforeEach
    void tenants() {
        insertTenant(OTHER_TENANT, "{}");
        insertTenant(OPEN_TENANT, "{\"requireEmailVerification\": false}");
    }

    private void insertTenant(String slug, String settings) {
        jdbc.sql("""
                INSERT INTO tenants (id, slug, name, status, default_currency, time_zone, settings, created_at,
                                     updated_at)
                VALUES (:id, :slug, :slug, 'ACTIVE', 'EUR', 'Europe/Paris', :settings::jsonb, now(), now())
                ON CONFLICT (slug) DO NOTHING
                """)
                .param("id", UUID.randomUUID())
                .param("slug", slug)
                .param("settings", settings)
                .update();
    }

    // ---- enrolment and sign-in ----

    @Test
    void enrolmentNeedsARightCodeAndThenSignInNeedsTheSecondFactor() throws Exception {
        var user = Accounts.newUser("STUDENT");
        status(user).body("totpEnabled", equalTo(false)).body("emailEnabled", equalTo(false));
        user.api()
                .contentType("application/json")
                .body(Map.of("code", "123456"))
                .post("/api/v1/auth/2fa/totp/confirm")
                .then()
                .statusCode(409)
                .body("code", equalTo("auth.totp_not_pending"));

        var setup = user.api()
                .post("/api/v1/auth/2fa/totp/setup")
                .then()
                .statusCode(200)
                .body("secret", org.hamcrest.Matchers.matchesPattern("[A-Z2-7]{32}"))
                .body("otpauthUri", startsWith("otpauth://totp/"))
                .body("qrCodeDataUri", startsWith("data:image/png;base64,"))
                .extract()
                .jsonPath();
        String secret = setup.getString("secret");
        String uri = setup.getString("otpauthUri");
        assertThat(uri)
                .contains("secret=" + secret)
                .contains("issuer=")
                .contains("digits=6")
                .contains("period=30");
        // the QR code holds exactly the otpauth URI
        assertThat(decodeQr(setup.getString("qrCodeDataUri"))).isEqualTo(uri);
        // the secret is encrypted at rest
        String stored = inTenant(null, () -> jdbc.sql("SELECT totp_secret FROM user_second_factors WHERE user_id = :u")
                .param("u", user.userId())
                .query(String.class)
                .single());
        assertThat(stored).startsWith("v1:").doesNotContain(secret);

        // pending: the password alone still signs in
        login(user.email(), null).then().statusCode(200).body("accessToken", notNullValue());

        var app = new Authenticator(secret, testClock);
        confirm(user, app.wrongCode()).statusCode(422).body("code", equalTo("auth.invalid_second_factor"));
        confirm(user, "12ab").statusCode(422).body("code", equalTo("auth.invalid_second_factor"));
        var recoveryCodes = confirm(user, app.nextCode())
                .statusCode(200)
                .body("totpEnabled", equalTo(true))
                .body("recoveryCodes.size()", equalTo(10))
                .extract()
                .jsonPath()
                .getList("recoveryCodes", String.class);
        assertThat(new HashSet<>(recoveryCodes)).hasSize(10);
        assertThat(recoveryCodes).allMatch(c -> c.matches("[a-z0-9]{4}(-[a-z0-9]{4}){3}"));
        status(user)
                .body("totpEnabled", equalTo(true))
                .body("emailEnabled", equalTo(false))
                .body("recoveryCodesLeft", equalTo(10));
        user.api()
                .post("/api/v1/auth/2fa/totp/setup")
                .then()
                .statusCode(409)
                .body("code", equalTo("auth.totp_already_enabled"));

        // now a right password only gets a challenge: no tokens, no cookies
        var challenge = login(user.email(), null)
                .then()
                .statusCode(200)
                .header("Set-Cookie", nullValue())
                .body("twoFactorRequired", equalTo(true))
                .body("outcome", equalTo("SECOND_FACTOR_REQUIRED"))
                .body("methods", contains("TOTP", "RECOVERY_CODE"))
                .body("expiresIn", equalTo(300))
                .body("accessToken", nullValue())
                .body("refreshToken", nullValue())
                .body("sessionId", nullValue())
                .extract()
                .jsonPath();
        String challengeId = challenge.getString("challengeId");
        assertThat(challengeId).isNotBlank();
        // a challenge is no token
        api().header("Authorization", "Bearer " + challengeId)
                .get("/api/v1/auth/me")
                .then()
                .statusCode(401);

        var tokens = verify(null, challengeId, "TOTP", app.nextCode())
                .then()
                .statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("user.email", equalTo(user.email()))
                .extract()
                .jsonPath();
        bearer(tokens.getString("accessToken"))
                .get("/api/v1/auth/me")
                .then()
                .statusCode(200)
                .body("email", equalTo(user.email()));
        api().contentType("application/json")
                .body(Map.of("refreshToken", tokens.getString("refreshToken")))
                .post("/api/v1/auth/refresh")
                .then()
                .statusCode(200);
        // the challenge is used up
        verify(null, challengeId, "TOTP", app.nextCode())
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.challenge_invalid"));
    }

    @Test
    void aTotpCodeSignsInOnceEvenWithinItsTimeStep() {
        var enrolled = enrol(Accounts.newUser("TUTOR"), null);
        String first = challengeFor(enrolled.user().email(), null);
        String second = challengeFor(enrolled.user().email(), null);
        String code = enrolled.app().nextCode();
        verify(null, first, "TOTP", code).then().statusCode(200);
        verify(null, second, "TOTP", code)
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.invalid_second_factor"))
                .body("accessToken", nullValue());
        // the refused replay cost the challenge one attempt, not its life
        verify(null, second, "TOTP", enrolled.app().nextCode()).then().statusCode(200);
    }

    @Test
    void parallelVerificationsWithOneCodeSignInOnce() throws Exception {
        var enrolled = enrol(Accounts.newUser("STUDENT"), null);
        List<String> challenges = IntStream.range(0, 4)
                .mapToObj(i -> challengeFor(enrolled.user().email(), null))
                .toList();
        String code = enrolled.app().nextCode();
        List<Integer> statuses = parallel(challenges.stream()
                .<Callable<Integer>>map(
                        id -> () -> verify(null, id, "TOTP", code).statusCode())
                .toList());
        assertThat(statuses).containsOnly(200, 422);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
    }

    @Test
    void parallelAnswersToOneChallengeOpenOneSession() throws Exception {
        var enrolled = enrol(Accounts.newUser("STUDENT"), null);
        String challengeId = challengeFor(enrolled.user().email(), null);
        // four different recovery codes, all right: only one may use the challenge
        List<Integer> statuses = parallel(enrolled.recoveryCodes().subList(0, 4).stream()
                .<Callable<Integer>>map(code ->
                        () -> verify(null, challengeId, "RECOVERY_CODE", code).statusCode())
                .toList());
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 401)).hasSize(3);
        assertThat(inTenant(null, () -> jdbc.sql("SELECT count(*) FROM user_sessions WHERE user_id = :u")
                        .param("u", enrolled.user().userId())
                        .query(Long.class)
                        .single()))
                .as("the enrolling session plus one")
                .isEqualTo(2);
    }

    @Test
    void aRecoveryCodeWorksOnce() {
        var enrolled = enrol(Accounts.newUser("GUARDIAN"), null);
        String code = enrolled.recoveryCodes().get(3);
        // case, dashes and spaces do not matter
        String typed = code.toUpperCase().replace("-", " ");
        verify(null, challengeFor(enrolled.user().email(), null), "RECOVERY_CODE", typed)
                .then()
                .statusCode(200)
                .body("accessToken", notNullValue());
        status(enrolled.user()).body("recoveryCodesLeft", equalTo(9));
        verify(null, challengeFor(enrolled.user().email(), null), "RECOVERY_CODE", code)
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.invalid_second_factor"));
    }

    @Test
    void recoveryCodesCanBeReplacedWithASecondFactor() {
        var enrolled = enrol(Accounts.newUser("STUDENT"), null);
        var user = enrolled.user();
        regenerate(user, "111111").statusCode(422).body("code", equalTo("auth.invalid_second_factor"));
        List<String> fresh = regenerate(user, enrolled.recoveryCodes().get(0))
                .statusCode(200)
                .body("recoveryCodes.size()", equalTo(10))
                .extract()
                .jsonPath()
                .getList("recoveryCodes", String.class);
        assertThat(fresh).doesNotContainAnyElementsOf(enrolled.recoveryCodes());
        status(user).body("recoveryCodesLeft", equalTo(10));
        verify(
                        null,
                        challengeFor(user.email(), null),
                        "RECOVERY_CODE",
                        enrolled.recoveryCodes().get(1))
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.invalid_second_factor"));
        verify(null, challengeFor(user.email(), null), "RECOVERY_CODE", fresh.get(1))
                .then()
                .statusCode(200);
        // a TOTP code works too
        regenerate(user, enrolled.app().nextCode()).statusCode(200);

        var without = Accounts.newUser("STUDENT");
        regenerate(without, "123456").statusCode(409).body("code", equalTo("auth.two_factor_not_enabled"));
    }

    // ---- email codes ----

    @Test
    void emailCodesAsTheSecondFactor() {
        var user = Accounts.newUser("TUTOR");
        user.api()
                .post("/api/v1/auth/2fa/email/enable")
                .then()
                .statusCode(200)
                .body("emailEnabled", equalTo(true))
                .body("totpEnabled", equalTo(false))
                .body("recoveryCodesLeft", equalTo(0));

        var challenge = login(user.email(), null)
                .then()
                .statusCode(200)
                .body("twoFactorRequired", equalTo(true))
                .body("methods", contains("EMAIL"))
                .body("accessToken", nullValue())
                .extract()
                .jsonPath();
        String challengeId = challenge.getString("challengeId");
        verify(null, challengeId, "EMAIL", "123456")
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.invalid_second_factor"));
        verify(null, challengeId, "TOTP", "123456")
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.second_factor_method_unavailable"));

        api().contentType("application/json")
                .body(Map.of("challengeId", challengeId))
                .post("/api/v1/auth/2fa/challenge/email")
                .then()
                .statusCode(202)
                .body("status", equalTo("SENT"))
                .body("expiresAt", notNullValue());
        // at most one code a minute
        api().contentType("application/json")
                .body(Map.of("challengeId", challengeId))
                .post("/api/v1/auth/2fa/challenge/email")
                .then()
                .statusCode(429)
                .body("code", equalTo("verification.resend_too_soon"));
        String code = latest(user.email(), null, SIGN_IN_CODE);

        // the code belongs to its challenge: another sign-in of the same user cannot use it
        String other = challengeFor(user.email(), null);
        verify(null, other, "EMAIL", code).then().statusCode(422).body("code", equalTo("auth.invalid_second_factor"));

        var tokens = verify(null, challengeId, "EMAIL", code)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        bearer(tokens.getString("accessToken")).get("/api/v1/auth/me").then().statusCode(200);
        // and it works once
        verify(null, challengeId, "EMAIL", code).then().statusCode(401);
    }

    @Test
    void emailCodesNeedAVerifiedAddress() {
        String email = Accounts.uniqueEmail("unverified");
        Accounts.register(email, "STUDENT", OPEN_TENANT);
        var user = Accounts.login(email, OPEN_TENANT);
        user.api()
                .post("/api/v1/auth/2fa/email/enable")
                .then()
                .statusCode(409)
                .body("code", equalTo("auth.email_not_verified"));
        status(user).body("emailEnabled", equalTo(false));
    }

    // ---- limits, expiry and binding ----

    @Test
    void fiveWrongCodesEndTheChallenge() {
        var enrolled = enrol(Accounts.newUser("STUDENT"), null);
        String challengeId = challengeFor(enrolled.user().email(), null);
        String wrong = enrolled.app().wrongCode();
        for (int i = 1; i <= 4; i++) {
            verify(null, challengeId, "TOTP", wrong)
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("auth.invalid_second_factor"))
                    .body("errors.field", hasItem("code"));
        }
        verify(null, challengeId, "TOTP", wrong).then().statusCode(422).body("code", equalTo("auth.challenge_locked"));
        // dead: even right answers are refused now
        verify(null, challengeId, "TOTP", enrolled.app().nextCode())
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.challenge_locked"));
        verify(null, challengeId, "RECOVERY_CODE", enrolled.recoveryCodes().get(0))
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.challenge_locked"));
        status(enrolled.user()).body("recoveryCodesLeft", equalTo(10));
        // and the account now makes further guesses wait
        assertThat(inTenant(null, () -> jdbc.sql(
                                "SELECT blocked_until IS NOT NULL FROM user_second_factors WHERE user_id = :u")
                        .param("u", enrolled.user().userId())
                        .query(Boolean.class)
                        .single()))
                .isTrue();
    }

    @Test
    void anExpiredChallengeIsRefused() {
        var enrolled = enrol(Accounts.newUser("STUDENT"), null);
        String challengeId = challengeFor(enrolled.user().email(), null);
        testClock.advance(SecondFactors.CHALLENGE_TTL.plusSeconds(1));
        verify(null, challengeId, "TOTP", enrolled.app().nextCode())
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.challenge_expired"));
        verify(null, challengeId, "RECOVERY_CODE", enrolled.recoveryCodes().get(0))
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.challenge_expired"));
        status(enrolled.user()).body("recoveryCodesLeft", equalTo(10));
    }

    @Test
    void aChallengeWorksOnlyForItsUserAndTenant() {
        var alice = enrol(Accounts.newUser("STUDENT"), null);
        var bob = enrol(Accounts.newUser("STUDENT"), null);
        String aliceChallenge = challengeFor(alice.user().email(), null);
        // Bob's right code and recovery code do not answer Alice's challenge
        String bobsCode = bob.app().nextCode();
        verify(null, aliceChallenge, "TOTP", bobsCode)
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.invalid_second_factor"));
        verify(null, aliceChallenge, "RECOVERY_CODE", bob.recoveryCodes().get(0))
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.invalid_second_factor"));
        // ... and were not used up by the attempt
        verify(null, challengeFor(bob.user().email(), null), "TOTP", bobsCode)
                .then()
                .statusCode(200)
                .body("user.email", equalTo(bob.user().email()));
        status(bob.user()).body("recoveryCodesLeft", equalTo(10));

        // a challenge exists only in its tenant
        var carol = enrol(Accounts.newUser("TUTOR", OTHER_TENANT), OTHER_TENANT);
        String carolChallenge = challengeFor(carol.user().email(), OTHER_TENANT);
        String carolsCode = carol.app().nextCode();
        verify(null, carolChallenge, "TOTP", carolsCode)
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.challenge_invalid"));
        verify(OTHER_TENANT, carolChallenge, "TOTP", carolsCode)
                .then()
                .statusCode(200)
                .body("user.email", equalTo(carol.user().email()));

        verify(null, "no-such-challenge", "TOTP", "123456")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.challenge_invalid"));
    }

    // ---- turning it off ----

    @Test
    void turningOffNeedsThePasswordAndASecondFactor() {
        var enrolled = enrol(Accounts.newUser("STUDENT"), null);
        var user = enrolled.user();
        disable(
                        user,
                        Map.of(
                                "password",
                                "not my password",
                                "code",
                                enrolled.app().nextCode()))
                .statusCode(422)
                .body("code", equalTo("auth.wrong_password"));
        disable(user, Map.of("password", PASSWORD, "code", enrolled.app().wrongCode()))
                .statusCode(422)
                .body("code", equalTo("auth.invalid_second_factor"));
        disable(user, Map.of("password", PASSWORD))
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", hasItem("code"));
        status(user).body("totpEnabled", equalTo(true));

        disable(user, Map.of("password", PASSWORD, "code", enrolled.app().nextCode()))
                .statusCode(204);
        status(user)
                .body("totpEnabled", equalTo(false))
                .body("emailEnabled", equalTo(false))
                .body("recoveryCodesLeft", equalTo(0));
        login(user.email(), null).then().statusCode(200).body("accessToken", notNullValue());
        // the notice goes through the notifications module's queue: it arrives shortly after
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> Accounts.outboxBodies(user.email(), null).stream()
                        .anyMatch(body -> body.contains("turned off")));

        disable(user, Map.of("password", PASSWORD, "code", "123456"))
                .statusCode(409)
                .body("code", equalTo("auth.two_factor_not_enabled"));
    }

    @Test
    void emailOnlyUsersTurnItOffWithAnEmailedSecurityCode() {
        var user = Accounts.newUser("GUARDIAN");
        var otherDevice = Accounts.login(user.email(), null);
        user.api().post("/api/v1/auth/2fa/email/enable").then().statusCode(200);
        user.api().post("/api/v1/auth/2fa/email/code").then().statusCode(202).body("expiresAt", notNullValue());
        String code = latest(user.email(), null, SECURITY_CODE);
        // the code is bound to the session that asked for it
        disable(otherDevice, Map.of("password", PASSWORD, "code", code))
                .statusCode(422)
                .body("code", equalTo("auth.invalid_second_factor"));
        status(user).body("emailEnabled", equalTo(true));
        disable(user, Map.of("password", PASSWORD, "code", code)).statusCode(204);
        status(user).body("emailEnabled", equalTo(false));
        login(user.email(), null).then().statusCode(200).body("accessToken", notNullValue());
    }

    // ---- cookie mode, input and documentation ----

    @Test
    void verifyHonoursCookieMode() {
        var enrolled = enrol(Accounts.newUser("STUDENT"), null);
        String challengeId = Accounts.request(null)
                .header("X-Auth-Mode", "cookie")
                .contentType("application/json")
                .body(Map.of("email", enrolled.user().email(), "password", PASSWORD))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(200)
                .header("Set-Cookie", nullValue())
                .body("twoFactorRequired", equalTo(true))
                .extract()
                .path("challengeId");
        var response = Accounts.request(null)
                .header("X-Auth-Mode", "cookie")
                .contentType("application/json")
                .body(Map.of(
                        "challengeId",
                        challengeId,
                        "method",
                        "TOTP",
                        "code",
                        enrolled.app().nextCode()))
                .post("/api/v1/auth/2fa/verify");
        response.then()
                .statusCode(200)
                .body("tokenType", equalTo("Cookie"))
                .body("accessToken", nullValue())
                .cookie("lyceum_access", notNullValue())
                .cookie("lyceum_refresh", notNullValue());
        Http.given()
                .cookie("lyceum_access", response.getCookie("lyceum_access"))
                .get("/api/v1/auth/me")
                .then()
                .statusCode(200);
    }

    @Test
    void badInputIsRefusedPolitely() {
        api().contentType("application/json")
                .body(Map.of("challengeId", "x", "method", "SMS", "code", "123456"))
                .post("/api/v1/auth/2fa/verify")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.malformed_body"));
        api().contentType("application/json")
                .body(Map.of("challengeId", "x", "method", "TOTP"))
                .post("/api/v1/auth/2fa/verify")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("code"));
        api().contentType("application/json")
                .body(Map.of())
                .post("/api/v1/auth/2fa/challenge/email")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        api().post("/api/v1/auth/2fa/totp/setup").then().statusCode(401);
        api().get("/api/v1/auth/2fa").then().statusCode(401);
    }

    @Test
    void openApiDescribesBothLoginAnswers() {
        var json = ApiDocument.jsonPath();
        List<Map<String, Object>> oneOf =
                json.getList("paths.'/api/v1/auth/login'.post.responses.'200'.content.'application/json'.schema.oneOf");
        assertThat(oneOf).hasSize(2);
        assertThat(oneOf.toString()).contains("TokenView").contains("ChallengeView");
        assertThat(json.getMap("paths.'/api/v1/auth/2fa/verify'.post")).doesNotContainKey("security");
        assertThat(json.getList("paths.'/api/v1/auth/2fa/totp/setup'.post.security"))
                .isNotEmpty();
    }

    // ---- helpers ----

    private record Enrolled(SignedIn user, Authenticator app, List<String> recoveryCodes) {}

    /** Sets up and confirms TOTP for a signed-in user. */
    private Enrolled enrol(SignedIn user, String tenant) {
        String secret = user.api()
                .post("/api/v1/auth/2fa/totp/setup")
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        var app = new Authenticator(secret, testClock);
        List<String> codes = confirm(user, app.nextCode())
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("recoveryCodes", String.class);
        return new Enrolled(user, app, codes);
    }

    private io.lyceum.testsupport.http.ValidatableResponse confirm(SignedIn user, String code) {
        return user.api()
                .contentType("application/json")
                .body(Map.of("code", code))
                .post("/api/v1/auth/2fa/totp/confirm")
                .then();
    }

    private io.lyceum.testsupport.http.ValidatableResponse regenerate(SignedIn user, String code) {
        return user.api()
                .contentType("application/json")
                .body(Map.of("code", code))
                .post("/api/v1/auth/2fa/recovery-codes")
                .then();
    }

    private io.lyceum.testsupport.http.ValidatableResponse disable(SignedIn user, Map<String, String> body) {
        return user.api()
                .contentType("application/json")
                .body(body)
                .delete("/api/v1/auth/2fa")
                .then();
    }

    private io.lyceum.testsupport.http.ValidatableResponse status(SignedIn user) {
        return user.api().get("/api/v1/auth/2fa").then().statusCode(200);
    }

    private static Response login(String email, String tenant) {
        return Accounts.request(tenant)
                .contentType("application/json")
                .body(Map.of("email", email, "password", PASSWORD))
                .post("/api/v1/auth/login");
    }

    private static String challengeFor(String email, String tenant) {
        return login(email, tenant)
                .then()
                .statusCode(200)
                .body("twoFactorRequired", equalTo(true))
                .extract()
                .path("challengeId");
    }

    private static Response verify(String tenant, String challengeId, String method, String code) {
        return Accounts.request(tenant)
                .contentType("application/json")
                .body(Map.of("challengeId", challengeId, "method", method, "code", code))
                .post("/api/v1/auth/2fa/verify");
    }

    private static RequestSpecification bearer(String token) {
        return Http.given().header("Authorization", "Bearer " + token);
    }

    /** The code in the newest message to this address that matches the pattern. */
    private static String latest(String email, String tenant, Pattern pattern) {
        List<String> bodies = Accounts.outboxBodies(email, tenant);
        for (String body : bodies) {
            Matcher matcher = pattern.matcher(body);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no message matching " + pattern + " in " + bodies);
    }

    private <T> T inTenant(String slug, java.util.function.Supplier<T> work) {
        TenantId tenant = slug == null
                ? TenantId.DEFAULT
                : new TenantId(jdbc.sql("SELECT id FROM tenants WHERE slug = :s")
                        .param("s", slug)
                        .query(UUID.class)
                        .single());
        return TenantContext.callAs(tenant, work);
    }

    private static List<Integer> parallel(List<Callable<Integer>> calls) throws Exception {
        List<Integer> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(calls.size())) {
            for (Future<Integer> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
        }
        return results;
    }

    private static String decodeQr(String dataUri) throws Exception {
        byte[] png = Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1));
        var image = ImageIO.read(new ByteArrayInputStream(png));
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        // a generated, unrotated code: PURE_BARCODE reads it exactly instead of searching for finder patterns
        return new QRCodeReader()
                .decode(
                        bitmap,
                        java.util.Map.of(
                                com.google.zxing.DecodeHintType.PURE_BARCODE,
                                Boolean.TRUE,
                                com.google.zxing.DecodeHintType.TRY_HARDER,
                                Boolean.TRUE))
                .getText();
    }

    /**
     * An authenticator app: codes from the shared secret at the application's time. The server accepts each time
     * step once and only steps later than the last one used, so this hands out codes for increasing steps, starting
     * with the oldest one still accepted (one step back), and moves the test clock on when it has run ahead by more
     * than one step (a real app's user would wait for the next code).
     */
    static final class Authenticator {

        private static final long PERIOD_MILLIS = 30_000;
        private final DefaultCodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);
        private final String secret;
        private final TestClock clock;
        private long nextStep = Long.MIN_VALUE;

        Authenticator(String secret, TestClock clock) {
            this.secret = secret;
            this.clock = clock;
        }

        synchronized String nextCode() {
            long millis = clock.millis();
            long current = millis / PERIOD_MILLIS;
            long step = Math.max(nextStep, current - 1);
            if (step == current - 1 && millis % PERIOD_MILLIS > 20_000) {
                step = current; // too close to the end of the window of the previous step
            }
            if (step > current + 1) {
                // the steps accepted now are used up: time moves on to just inside the step before this one
                clock.advanceTo(Instant.ofEpochMilli((step - 1) * PERIOD_MILLIS + 200));
            }
            nextStep = step + 1;
            return code(step);
        }

        /** Six digits that are no valid code right now. */
        String wrongCode() {
            long current = clock.millis() / PERIOD_MILLIS;
            Set<String> valid = new HashSet<>();
            for (long step = current - 2; step <= current + 2; step++) {
                valid.add(code(step));
            }
            int candidate = 0;
            while (valid.contains(String.format("%06d", candidate))) {
                candidate++;
            }
            return String.format("%06d", candidate);
        }

        private String code(long step) {
            try {
                return generator.generate(secret, step);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
