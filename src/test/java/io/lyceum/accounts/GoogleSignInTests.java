package io.lyceum.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.RequestSpecification;
import io.lyceum.testsupport.http.Response;
import java.io.IOException;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Google sign-in against a real OpenID Connect provider running inside the test (mock-oauth2-server): discovery,
 * the authorization endpoint redirecting a browser with code and state, the token endpoint checking PKCE, ID tokens
 * signed with the provider's JWKS. The provider is told per sign-in which subject and claims Google would vouch for.
 */
class GoogleSignInTests extends ApiTestBase {

    private static final String ISSUER_ID = "google";
    private static final String CLIENT_ID = "lyceum-test.apps.googleusercontent.com";
    private static final String FRONTEND = "https://app.example.test/signed-in";
    private static final int APP_PORT = freePort();
    private static final String REDIRECT_URI = "http://localhost:" + APP_PORT + "/api/v1/auth/google/callback";
    private static final MockOAuth2Server GOOGLE = new MockOAuth2Server();
    /** A browser that shows us each redirect instead of following it blindly. */
    private static final HttpClient BROWSER =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static final List<UserRegistered> REGISTERED = new CopyOnWriteArrayList<>();

    static {
        GOOGLE.start();
    }

    @DynamicPropertySource
    static void pointAtTheProvider(DynamicPropertyRegistry registry) {
        // a known port, so the redirect URI registered with the provider can name our callback
        registry.add("server.port", () -> APP_PORT);
        registry.add("lyceum.auth.google.client-id", () -> CLIENT_ID);
        registry.add("lyceum.auth.google.client-secret", () -> "test-secret");
        registry.add(
                "lyceum.auth.google.issuer", () -> GOOGLE.issuerUrl(ISSUER_ID).toString());
        registry.add("lyceum.auth.google.redirect-uri", () -> REDIRECT_URI);
        registry.add("lyceum.auth.google.frontend-redirect-uri", () -> FRONTEND);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class RegistrationListener {

        @Bean
        Object userRegisteredRecorder() {
            return new Object() {
                @EventListener
                void on(UserRegistered event) {
                    REGISTERED.add(event);
                }
            };
        }
    }

    @AfterAll
    static void stopProvider() {
        GOOGLE.shutdown();
    }

    @BeforeEach
    void isolatedTenant() {
        jdbc.sql("""
                INSERT INTO tenants (id, slug, name, status, default_currency, time_zone, created_at, updated_at)
                VALUES (:id, 'isolated', 'Isolated Agency', 'ACTIVE', 'EUR', 'Europe/Paris', now(), now())
                ON CONFLICT (slug) DO NOTHING
                """).param("id", UUID.randomUUID()).update();
    }

    // ---------------------------------------------------------------- sign-in

    @Test
    void aNewGoogleUserGetsAStudentAccount() {
        String subject = newSubject();
        String email = Accounts.uniqueEmail("grace");
        URI callback = authorize(start(api()));

        googleSays(subject, email, true, Map.of("name", "Grace Hopper", "locale", "en-GB"));
        var json = follow(callback)
                .then()
                .statusCode(201)
                .body("tokenType", equalTo("Bearer"))
                .body("accessToken", notNullValue())
                .body("refreshToken", notNullValue())
                .body("user.email", equalTo(email))
                .body("user.fullName", equalTo("Grace Hopper"))
                .body("user.role", equalTo("STUDENT"))
                .body("user.emailVerified", equalTo(true))
                .body("user.locale", equalTo("en-GB"))
                .extract()
                .jsonPath();
        UUID userId = UUID.fromString(json.getString("user.id"));

        bearer(json.getString("accessToken"))
                .get("/api/v1/auth/me")
                .then()
                .statusCode(200)
                .body("id", equalTo(userId.toString()));
        bearer(json.getString("accessToken"))
                .get("/api/v1/auth/google/link")
                .then()
                .statusCode(200)
                .body("provider", equalTo("google"))
                .body("email", equalTo(email));
        assertThat(inDefaultTenant(
                        "SELECT password_hash IS NULL FROM users WHERE id = '" + userId + "'", Boolean.class))
                .isEqualTo(true);
        assertThat(inDefaultTenant(
                        "SELECT user_id FROM external_identities WHERE provider = 'GOOGLE' AND subject = '" + subject
                                + "'",
                        UUID.class))
                .isEqualTo(userId);
        assertThat(REGISTERED).anySatisfy(event -> {
            assertThat(event.userId().value()).isEqualTo(userId);
            assertThat(event.role()).isEqualTo(Role.STUDENT);
            assertThat(event.email()).isEqualTo(email);
        });
    }

    @Test
    void anExistingPasswordAccountWithTheSameEmailSignsInAndIsLinked() {
        var existing = Accounts.newUser("TUTOR");
        String subject = newSubject();
        URI callback = authorize(start(api()));

        googleSays(subject, existing.email().toUpperCase(), true, Map.of("name", "Someone Else"));
        follow(callback)
                .then()
                .statusCode(200)
                .body("user.id", equalTo(existing.userId().toString()))
                .body("user.role", equalTo("TUTOR"))
                .body("user.fullName", equalTo("Test tutor"));

        existing.api().get("/api/v1/auth/google/link").then().statusCode(200);
        // the password still works: linking added a way in, it took none away
        Accounts.login(existing.email(), null);
    }

    @Test
    void anUnverifiedPasswordRegisteredByAnyoneIsDroppedWhenGoogleProvesTheEmail() {
        // someone registers the victim's address with their own password and never verifies it
        String email = Accounts.uniqueEmail("victim");
        Accounts.register(email, "STUDENT", null);
        UUID registered = inDefaultTenant("SELECT id FROM users WHERE email = '" + email + "'", UUID.class);

        URI callback = authorize(start(api()));
        googleSays(newSubject(), email, true, Map.of());
        follow(callback)
                .then()
                .statusCode(200)
                .body("user.id", equalTo(registered.toString()))
                .body("user.emailVerified", equalTo(true));

        // the squatter's password no longer opens the account the real owner now uses
        api().contentType("application/json")
                .body(Map.of("email", email, "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.invalid_credentials"));
    }

    @Test
    void theSecondSignInFindsTheAccountByGoogleSubjectEvenAfterAnEmailChange() {
        String subject = newSubject();
        String first = Accounts.uniqueEmail("first");
        UUID userId = signInWithGoogle(subject, first, 201);

        String changed = Accounts.uniqueEmail("changed");
        URI callback = authorize(start(api()));
        googleSays(subject, changed, true, Map.of());
        follow(callback).then().statusCode(200).body("user.id", equalTo(userId.toString()));

        // no second account for the new address; the link remembers the address Google reported last
        assertThat(inDefaultTenant("SELECT count(*) FROM users WHERE email = '" + changed + "'", Long.class))
                .isEqualTo(0L);
        assertThat(inDefaultTenant(
                        "SELECT email FROM external_identities WHERE user_id = '" + userId + "'", String.class))
                .isEqualTo(changed);
    }

    @Test
    void cookieModeSetsAuthCookiesAndRedirectsToTheFrontEnd() {
        Response started = api().header("X-Auth-Mode", "cookie").get("/api/v1/auth/google/login");
        started.then().statusCode(200).header("Set-Cookie", org.hamcrest.Matchers.containsString("SameSite=Lax"));
        String browserCookie = started.getCookie(GoogleSignInController.BROWSER_COOKIE);
        assertThat(browserCookie).isNotBlank();
        URI callback = authorize(started.jsonPath().getString("authorizationUrl"));

        googleSays(newSubject(), Accounts.uniqueEmail("cookie"), true, Map.of());
        Response landed = follow(callback, new HttpCookie(GoogleSignInController.BROWSER_COOKIE, browserCookie));
        landed.then().statusCode(302).header("Location", equalTo(FRONTEND));
        String access = landed.getCookie(AuthCookies.ACCESS);
        assertThat(access).isNotBlank();
        assertThat(landed.getCookie(AuthCookies.REFRESH)).isNotBlank();
        assertThat(landed.getCookie(AuthCookies.CSRF)).isNotBlank();

        api().cookie(AuthCookies.ACCESS, access).get("/api/v1/auth/me").then().statusCode(200);
    }

    @Test
    void cookieModeCallbackFromAnotherBrowserIsRefused() {
        // an attacker starts a sign-in and lures someone else's browser to the callback: no lyceum_oauth cookie there
        String url = api().header("X-Auth-Mode", "cookie")
                .get("/api/v1/auth/google/login")
                .then()
                .statusCode(200)
                .extract()
                .path("authorizationUrl");
        URI callback = authorize(url);
        follow(callback, new HttpCookie(GoogleSignInController.BROWSER_COOKIE, "someone-elses"))
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.google_state_invalid"));
        follow(callback).then().statusCode(422).body("code", equalTo("auth.google_state_invalid"));
    }

    @Test
    void theTenantTravelsWithTheState() {
        var inDefault = Accounts.newUser("STUDENT");
        URI callback = authorize(start(api().header("X-Tenant", "isolated")));

        // the callback itself arrives without X-Tenant, on a host that names no tenant
        googleSays(newSubject(), inDefault.email(), true, Map.of());
        var json = follow(callback).then().statusCode(201).extract().jsonPath();
        assertThat(json.getString("user.id")).isNotEqualTo(inDefault.userId().toString());
        UUID isolated = jdbc.sql("SELECT id FROM tenants WHERE slug = 'isolated'")
                .query(UUID.class)
                .single();
        assertThat(io.lyceum.tenancy.TenantContext.callAs(new io.lyceum.tenancy.TenantId(isolated), () -> jdbc.sql(
                                "SELECT count(*) FROM external_identities WHERE user_id = :id")
                        .param("id", UUID.fromString(json.getString("user.id")))
                        .query(Long.class)
                        .single()))
                .isEqualTo(1L);
        // the default tenant's account with that email was not touched
        inDefault
                .api()
                .get("/api/v1/auth/google/link")
                .then()
                .statusCode(404)
                .body("code", equalTo("auth.google_not_linked"));
    }

    // ---------------------------------------------------------------- state, code and token checks

    @Test
    void aStateWorksOnce() {
        URI callback = authorize(start(api()));
        googleSays(newSubject(), Accounts.uniqueEmail("once"), true, Map.of());
        follow(callback).then().statusCode(201);

        follow(callback).then().statusCode(422).body("code", equalTo("auth.google_state_invalid"));
    }

    @Test
    void parallelCallbacksWithOneStateSignInOnce() throws Exception {
        URI callback = authorize(start(api()));
        googleSays(newSubject(), Accounts.uniqueEmail("race"), true, Map.of());

        int parallel = 6;
        var ready = new CountDownLatch(parallel);
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(parallel)) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                futures.add(pool.submit((Callable<Integer>) () -> {
                    ready.countDown();
                    ready.await();
                    return follow(callback).statusCode();
                }));
            }
            for (var future : futures) {
                statuses.add(future.get());
            }
        }
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 422).hasSize(parallel - 1);
    }

    @Test
    void aWrongStateIsRefusedAndLeavesTheRealOneUsable() {
        URI callback = authorize(start(api()));
        String code = query(callback, "code");
        String realState = query(callback, "state");

        // a well-formed state of this tenant that nobody issued, garbage, and none at all
        String forged = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(java.nio.ByteBuffer.allocate(48)
                        .putLong(io.lyceum.tenancy.TenantId.DEFAULT.value().getMostSignificantBits())
                        .putLong(io.lyceum.tenancy.TenantId.DEFAULT.value().getLeastSignificantBits())
                        .put(new byte[32])
                        .array());
        callback(code, forged).then().statusCode(422).body("code", equalTo("auth.google_state_invalid"));
        callback(code, "not-a-state").then().statusCode(422).body("code", equalTo("auth.google_state_invalid"));
        api().queryParam("code", code)
                .get("/api/v1/auth/google/callback")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors[0].field", equalTo("state"));

        googleSays(newSubject(), Accounts.uniqueEmail("real"), true, Map.of());
        callback(code, realState).then().statusCode(201);
    }

    @Test
    void anExpiredStateIsRefused() {
        URI callback = authorize(start(api()));
        testClock.advance(ExternalSignInStates.TTL.plusSeconds(1));
        follow(callback).then().statusCode(422).body("code", equalTo("auth.google_state_expired"));
    }

    @Test
    void theProviderChecksOurPkceVerifier() {
        URI callback = authorize(start(api()));
        // the verifier no longer matches the challenge sent with the authorization request
        inDefaultTenantUpdate(
                "UPDATE external_sign_in_states SET code_verifier = repeat('x', 43)" + " WHERE consumed_at IS NULL");
        googleSays(newSubject(), Accounts.uniqueEmail("pkce"), true, Map.of());
        follow(callback).then().statusCode(422).body("code", equalTo("auth.google_code_invalid"));
    }

    @Test
    void anUnverifiedGoogleEmailIsRefused() {
        String email = Accounts.uniqueEmail("unverified");
        URI callback = authorize(start(api()));
        googleSays(newSubject(), email, false, Map.of());
        follow(callback).then().statusCode(403).body("code", equalTo("auth.google_email_not_verified"));
        assertThat(inDefaultTenant("SELECT count(*) FROM users WHERE email = '" + email + "'", Long.class))
                .isEqualTo(0L);
    }

    @Test
    void anIdTokenForAnotherSignInOrAnotherClientIsRefused() {
        URI callback = authorize(start(api()));
        googleSays(newSubject(), Accounts.uniqueEmail("nonce"), true, Map.of("nonce", "from-another-sign-in"));
        follow(callback).then().statusCode(401).body("code", equalTo("auth.google_token_invalid"));

        callback = authorize(start(api()));
        googleSays(newSubject(), Accounts.uniqueEmail("aud"), true, Map.of("aud", "another-client"));
        follow(callback).then().statusCode(401).body("code", equalTo("auth.google_token_invalid"));
    }

    @Test
    void anIdTokenWithoutASubjectIsRefused() {
        // Google always names the account with "sub"; a token without one cannot be linked to anybody
        String email = Accounts.uniqueEmail("nosub");
        URI callback = authorize(start(api()));
        Map<String, Object> withoutSubject = new HashMap<>();
        withoutSubject.put("sub", null); // a null claim removes it from the token the provider signs
        googleSays(newSubject(), email, true, withoutSubject);
        follow(callback).then().statusCode(401).body("code", equalTo("auth.google_token_invalid"));
        assertThat(inDefaultTenant("SELECT count(*) FROM users WHERE email = '" + email + "'", Long.class))
                .isEqualTo(0L);
    }

    @Test
    void cancellingAtGoogleIsReported() {
        String state = api().get("/api/v1/auth/google/login")
                .then()
                .statusCode(200)
                .extract()
                .path("state");
        api().queryParam("error", "access_denied")
                .queryParam("state", state)
                .get("/api/v1/auth/google/callback")
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.google_denied"));
    }

    @Test
    void suspendedAndBannedAccountsAreRefused() {
        String subject = newSubject();
        UUID userId = signInWithGoogle(subject, Accounts.uniqueEmail("suspended"), 201);
        inDefaultTenantUpdate("UPDATE users SET status = 'SUSPENDED' WHERE id = '" + userId + "'");
        URI callback = authorize(start(api()));
        googleSays(subject, Accounts.uniqueEmail("suspended"), true, Map.of());
        follow(callback).then().statusCode(403).body("code", equalTo("auth.account_suspended"));

        inDefaultTenantUpdate("UPDATE users SET status = 'BANNED' WHERE id = '" + userId + "'");
        callback = authorize(start(api()));
        googleSays(subject, Accounts.uniqueEmail("banned"), true, Map.of());
        follow(callback).then().statusCode(403).body("code", equalTo("auth.account_banned"));
    }

    @Test
    void startValidatesThePurpose() {
        api().queryParam("purpose", "steal")
                .get("/api/v1/auth/google/login")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors[0].field", equalTo("purpose"));
        api().queryParam("purpose", "link")
                .get("/api/v1/auth/google/login")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.unauthenticated"));
        var json = api().get("/api/v1/auth/google/login")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        URI url = URI.create(json.getString("authorizationUrl"));
        assertThat(url.toString())
                .startsWith(GOOGLE.authorizationEndpointUrl(ISSUER_ID).toString());
        assertThat(query(url, "state")).isEqualTo(json.getString("state"));
        assertThat(query(url, "client_id")).isEqualTo(CLIENT_ID);
        assertThat(query(url, "redirect_uri")).isEqualTo(REDIRECT_URI);
        assertThat(query(url, "code_challenge_method")).isEqualTo("S256");
        assertThat(query(url, "nonce")).isNotBlank();
        assertThat(query(url, "scope")).isEqualTo("openid email profile");
    }

    // ---------------------------------------------------------------- link and unlink

    @Test
    void aSignedInUserLinksGoogleAndAnotherUserCannotTakeTheSameGoogleAccount() {
        var ada = Accounts.newUser("STUDENT");
        var bob = Accounts.newUser("STUDENT");
        String subject = newSubject();
        String googleEmail = Accounts.uniqueEmail("ada.gmail");

        URI callback = authorize(start(ada.api().queryParam("purpose", "link")));
        // a link started with a token is finished by that user, not by the bare callback
        follow(callback).then().statusCode(422).body("code", equalTo("auth.google_state_invalid"));

        callback = authorize(start(ada.api().queryParam("purpose", "link")));
        // someone else cannot finish Ada's link
        link(bob, query(callback, "code"), query(callback, "state"))
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.google_state_invalid"));

        callback = authorize(start(ada.api().queryParam("purpose", "link")));
        googleSays(subject, googleEmail, true, Map.of());
        link(ada, query(callback, "code"), query(callback, "state"))
                .then()
                .statusCode(200)
                .body("provider", equalTo("google"))
                .body("email", equalTo(googleEmail))
                .body("linkedAt", notNullValue());

        // now Google signs Ada in, although the Google address is not her account's
        callback = authorize(start(api()));
        googleSays(subject, googleEmail, true, Map.of());
        follow(callback)
                .then()
                .statusCode(200)
                .body("user.id", equalTo(ada.userId().toString()));

        // Bob tries to link the same Google account
        callback = authorize(start(bob.api().queryParam("purpose", "link")));
        googleSays(subject, googleEmail, true, Map.of());
        link(bob, query(callback, "code"), query(callback, "state"))
                .then()
                .statusCode(409)
                .body("code", equalTo("auth.google_already_linked"));
        bob.api()
                .get("/api/v1/auth/google/link")
                .then()
                .statusCode(404)
                .body("code", equalTo("auth.google_not_linked"));

        // and Ada cannot link a second Google account on top of the first
        callback = authorize(start(ada.api().queryParam("purpose", "link")));
        googleSays(newSubject(), Accounts.uniqueEmail("ada.other"), true, Map.of());
        link(ada, query(callback, "code"), query(callback, "state"))
                .then()
                .statusCode(409)
                .body("code", equalTo("auth.google_link_exists"));
    }

    @Test
    void linkingInCookieModeFinishesAtTheCallbackInTheBrowserThatStarted() {
        var user = Accounts.newUser("GUARDIAN");
        String access = api().header("X-Auth-Mode", "cookie")
                .contentType("application/json")
                .body(Map.of("email", user.email(), "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .cookie(AuthCookies.ACCESS);

        Response started = api().header("X-Auth-Mode", "cookie")
                .cookie(AuthCookies.ACCESS, access)
                .queryParam("purpose", "link")
                .get("/api/v1/auth/google/login");
        started.then().statusCode(200);
        URI callback = authorize(started.jsonPath().getString("authorizationUrl"));

        googleSays(newSubject(), Accounts.uniqueEmail("guardian.gmail"), true, Map.of());
        follow(
                        callback,
                        new HttpCookie(
                                GoogleSignInController.BROWSER_COOKIE,
                                started.getCookie(GoogleSignInController.BROWSER_COOKIE)))
                .then()
                .statusCode(302)
                .header("Location", equalTo(FRONTEND + "?linked=google"));
        user.api().get("/api/v1/auth/google/link").then().statusCode(200);
    }

    @Test
    void unlinkIsRefusedWhenGoogleIsTheOnlyWayInAndAllowedWithAPassword() {
        String subject = newSubject();
        URI callback = authorize(start(api()));
        googleSays(subject, Accounts.uniqueEmail("googleonly"), true, Map.of());
        String token = follow(callback).then().statusCode(201).extract().path("accessToken");
        bearer(token)
                .delete("/api/v1/auth/google/unlink")
                .then()
                .statusCode(409)
                .body("code", equalTo("auth.last_sign_in_method"));
        bearer(token).get("/api/v1/auth/google/link").then().statusCode(200);

        var withPassword = Accounts.newUser("STUDENT");
        withPassword
                .api()
                .delete("/api/v1/auth/google/unlink")
                .then()
                .statusCode(404)
                .body("code", equalTo("auth.google_not_linked"));
        callback = authorize(start(api()));
        googleSays(newSubject(), withPassword.email(), true, Map.of());
        follow(callback).then().statusCode(200);
        withPassword.api().delete("/api/v1/auth/google/unlink").then().statusCode(204);
        withPassword
                .api()
                .get("/api/v1/auth/google/link")
                .then()
                .statusCode(404)
                .body("code", equalTo("auth.google_not_linked"));
    }

    @Test
    void linkAndUnlinkNeedASignedInUser() {
        api().contentType("application/json")
                .body(Map.of("code", "x", "state", "y"))
                .post("/api/v1/auth/google/link")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.unauthenticated"));
        api().delete("/api/v1/auth/google/unlink").then().statusCode(401);
        var user = Accounts.newUser("STUDENT");
        link(user, "", "").then().statusCode(422).body("code", equalTo("request.validation_failed"));
    }

    // ---------------------------------------------------------------- helpers

    /** Starts a sign-in and returns Google's authorization URL. */
    private static String start(RequestSpecification request) {
        return request.get("/api/v1/auth/google/login")
                .then()
                .statusCode(200)
                .body("state", notNullValue())
                .body("authorizationUrl", startsWith("http://localhost:"))
                .extract()
                .path("authorizationUrl");
    }

    /** Opens the authorization URL as a browser; the provider redirects to our redirect URI with code and state. */
    private static URI authorize(String authorizationUrl) {
        try {
            var response = BROWSER.send(
                    HttpRequest.newBuilder(URI.create(authorizationUrl)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).isEqualTo(302);
            URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
            assertThat(location.toString()).startsWith(REDIRECT_URI + "?");
            assertThat(query(location, "code")).isNotBlank();
            return location;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Follows the provider's redirect to our callback, as the browser would. */
    private Response follow(URI callback, HttpCookie... cookies) {
        var request = api().urlEncodingEnabled(false).redirects().follow(false);
        for (HttpCookie cookie : cookies) {
            request = request.cookie(cookie.getName(), cookie.getValue());
        }
        return request.get(callback.toString());
    }

    private Response callback(String code, String state) {
        return api().queryParam("code", code).queryParam("state", state).get("/api/v1/auth/google/callback");
    }

    private Response link(Accounts.SignedIn user, String code, String state) {
        return user.api()
                .contentType("application/json")
                .body(Map.of("code", code, "state", state))
                .post("/api/v1/auth/google/link");
    }

    /** What Google will vouch for in the next ID token it issues. */
    private static void googleSays(String subject, String email, boolean verified, Map<String, Object> extra) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("email", email);
        claims.put("email_verified", verified);
        claims.putAll(extra);
        GOOGLE.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", null, claims));
    }

    private UUID signInWithGoogle(String subject, String email, int expectedStatus) {
        URI callback = authorize(start(api()));
        googleSays(subject, email, true, Map.of());
        return UUID.fromString(
                follow(callback).then().statusCode(expectedStatus).extract().path("user.id"));
    }

    private static RequestSpecification bearer(String token) {
        return Http.given()
                .accept("application/json, application/problem+json")
                .header("Authorization", "Bearer " + token);
    }

    private <T> T inDefaultTenant(String sql, Class<T> type) {
        return io.lyceum.tenancy.TenantContext.callAs(
                io.lyceum.tenancy.TenantId.DEFAULT,
                () -> jdbc.sql(sql).query(type).single());
    }

    private void inDefaultTenantUpdate(String sql) {
        io.lyceum.tenancy.TenantContext.runAs(
                io.lyceum.tenancy.TenantId.DEFAULT, () -> jdbc.sql(sql).update());
    }

    private static String query(URI uri, String name) {
        String value =
                UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst(name);
        return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String newSubject() {
        return "google-" + UUID.randomUUID();
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
