package io.lyceum.accounts;

import static io.lyceum.testsupport.Accounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.Response;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 11 (ASVS level 2 hardening), the findings a development-mode instance shows, black box: code guessing capped
 * per account (3), CSRF following what authenticated (5), session lifetime and idle timeout (6), password length (7),
 * body size limit (9), image re-encoding and pixel caps (11), security headers (13), suspended tenants and the
 * operator's controls (15), the audience claim and control characters (16), access tokens expiring on the application's clock. Finding 10 is in {@link AuthApiTests};
 * the production-mode findings in {@code io.lyceum.ProductionModeTests}.
 */
class SecurityHardeningApiTests extends ApiTestBase {

    @Autowired
    SigningKeys signingKeys;

    // ---- finding 3

    @Test
    void wrongCodesAreCappedPerAccountAcrossNewCodesAndTheOwnerIsTold() {
        String email = Accounts.uniqueEmail("guess");
        Accounts.register(email, "STUDENT", null);
        String first = Accounts.latestCode(email, null);
        for (int i = 0; i < 5; i++) {
            complete(email, wrong(first)).then().statusCode(422).body("code", equalTo("verification.invalid_code"));
        }
        complete(email, first).then().statusCode(422).body("code", equalTo("verification.locked"));

        // a new code (after the resend interval) used to reset the count: it no longer does
        testClock.advance(VerificationCodes.RESEND_AFTER.plusSeconds(1));
        api().contentType("application/json")
                .body(Map.of("email", email))
                .post("/api/v1/auth/email-verification/start")
                .then()
                .statusCode(202);
        String second = Accounts.latestCode(email, null);
        for (int i = 0; i < 5; i++) {
            complete(email, wrong(second)).then().statusCode(422).body("code", equalTo("verification.invalid_code"));
        }
        // ten wrong codes: now even the right one waits
        complete(email, second)
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("verification.too_many_failures"));

        // the owner's notice goes through the notifications module's queue: it arrives shortly after
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> api().queryParam("recipient", email)
                        .get("/api/v1/dev/outbox")
                        .then()
                        .extract()
                        .<List<String>>path("content.subject")
                        .contains("Wrong codes entered for your Lyceum account"));
        List<String> subjects = api().queryParam("recipient", email)
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200)
                .extract()
                .path("content.subject");
        assertThat(subjects).containsOnlyOnce("Wrong codes entered for your Lyceum account");
    }

    private Response complete(String email, String code) {
        return api().contentType("application/json")
                .body(Map.of("email", email, "code", code))
                .post("/api/v1/auth/email-verification/complete");
    }

    private static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    // ---- finding 5

    @Test
    void aNonBearerAuthorizationHeaderDoesNotSkipTheCsrfCheckOfCookieMode() {
        var user = Accounts.newUser("STUDENT");
        Response login = api().contentType("application/json")
                .header("X-Auth-Mode", "cookie")
                .body(Map.of("email", user.email(), "password", PASSWORD))
                .post("/api/v1/auth/login");
        login.then().statusCode(200);
        String access = login.getCookie("lyceum_access");
        String csrf = login.getCookie("lyceum_csrf");

        Http.given()
                .cookie("lyceum_access", access)
                .cookie("lyceum_csrf", csrf)
                .header("Authorization", "Basic eDp5")
                .contentType("application/json")
                .body(Map.of("fullName", "Changed Without Csrf"))
                .put("/api/v1/auth/me")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.csrf_failed"));
        user.api().get("/api/v1/auth/me").then().statusCode(200).body("fullName", not(equalTo("Changed Without Csrf")));
        // a bearer token in the header is what authenticates: no CSRF check, as before
        user.api()
                .cookie("lyceum_access", access)
                .contentType("application/json")
                .body(Map.of("fullName", "Changed By Bearer"))
                .put("/api/v1/auth/me")
                .then()
                .statusCode(200);
    }

    // ---- finding 6

    @Test
    void aSessionEndsAfterItsMaximumLifetimeAndAfterAnIdlePeriod() {
        // three sessions start together; two are refreshed every six days, so they never sit idle
        var old = Accounts.newUser("STUDENT");
        Instant oldSignedIn = testClock.instant();
        var fresh = Accounts.newUser("STUDENT");
        var idle = Accounts.newUser("STUDENT");
        String oldRefresh = old.refreshToken();
        String freshRefresh = fresh.refreshToken();
        testClock.advanceTo(oldSignedIn.plus(Duration.ofDays(6)));
        oldRefresh = keptAlive(oldRefresh);
        freshRefresh = keptAlive(freshRefresh);

        // the third, unused for eight days, has ended
        testClock.advanceTo(oldSignedIn.plus(Duration.ofDays(8)));
        refresh(idle.refreshToken()).then().statusCode(401).body("code", equalTo("auth.session_expired"));

        for (int day = 12; day <= 24; day += 6) {
            testClock.advanceTo(oldSignedIn.plus(Duration.ofDays(day)));
            oldRefresh = keptAlive(oldRefresh);
            freshRefresh = keptAlive(freshRefresh);
        }

        // an active, young session (29 days) refreshes, and its new refresh token never outlives the session
        testClock.advanceTo(oldSignedIn.plus(Duration.ofDays(29)));
        String next = refresh(freshRefresh).then().statusCode(200).extract().path("refreshToken");
        Instant expires = TenantContext.callAs(TenantId.DEFAULT, () -> jdbc.sql(
                        "SELECT expires_at FROM refresh_tokens WHERE session_id = :id AND status = 'ACTIVE'")
                .param("id", fresh.sessionId())
                .query(java.time.OffsetDateTime.class)
                .single()
                .toInstant());
        assertThat(next).isNotBlank();
        assertThat(expires).isBefore(testClock.instant().plus(Duration.ofDays(2)));

        // refreshed five minutes before its 30 days are up, the old session still has a valid access token when
        // they are: neither the token nor a refresh is accepted any more
        testClock.advanceTo(oldSignedIn.plus(Duration.ofDays(30)).minus(Duration.ofMinutes(5)));
        var lastPair = refresh(oldRefresh).then().statusCode(200).extract().jsonPath();
        testClock.advance(Duration.ofMinutes(6));
        refresh(lastPair.getString("refreshToken"))
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.session_expired"));
        api().header("Authorization", "Bearer " + lastPair.getString("accessToken"))
                .get("/api/v1/auth/me")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.invalid_token"));
    }

    /** Refreshes a session that must still be good; answers its new refresh token. */
    private String keptAlive(String refreshToken) {
        return refresh(refreshToken).then().statusCode(200).extract().path("refreshToken");
    }

    private Response refresh(String token) {
        return api().contentType("application/json")
                .body(Map.of("refreshToken", token))
                .post("/api/v1/auth/refresh");
    }

    // ---- finding 7

    @Test
    void passwordsAreAtLeastTwelveCharacters() {
        register(Accounts.uniqueEmail("short"), "Qx7#mPz2!kL", "Eleven Chars")
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.weak_password"))
                .body("errors[0].message", containsString("12"));
        register(Accounts.uniqueEmail("long"), "Qx7#mPz2!kLw", "Twelve Chars")
                .then()
                .statusCode(202);
    }

    private Response register(String email, String password, String fullName) {
        return api().contentType("application/json")
                .body(Map.of("email", email, "password", password, "fullName", fullName, "role", "STUDENT"))
                .post("/api/v1/auth/register");
    }

    // ---- finding 9

    @Test
    void jsonBodiesOverOneMegabyteAre413WhetherDeclaredOrStreamed() throws Exception {
        String big = "{\"email\":\"" + "a".repeat(2 * 1024 * 1024) + "@example.com\",\"password\":\"x\"}";
        api().contentType("application/json")
                .body(big)
                .post("/api/v1/auth/login")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("request.too_large"));

        // chunked: no Content-Length, so the limit counts the bytes as they are read
        String answer = chunkedPost("/api/v1/auth/login", big.getBytes(StandardCharsets.UTF_8));
        assertThat(answer).startsWith("HTTP/1.1 413").contains("request.too_large");

        // under the limit nothing changes
        api().contentType("application/json")
                .body(Map.of("email", "nobody@example.com", "password", "x".repeat(20)))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(401);
    }

    /** A raw HTTP/1.1 request with a chunked body (the JDK's client always declares a length). */
    private String chunkedPost(String path, byte[] body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Accept: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            int chunk = 64 * 1024;
            try {
                for (int offset = 0; offset < body.length; offset += chunk) {
                    int length = Math.min(chunk, body.length - offset);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, offset, length);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the server may answer and close before the whole body is sent
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---- finding 11

    @Test
    void uploadedImagesAreReencodedWithoutMetadataAndHugeCanvasesAreRefused() {
        var user = Accounts.newUser("STUDENT");
        byte[] red = TestImages.png(Color.RED);
        byte[] withLocation = withChunk(red, "tEXt", "GPSLatitude\0" + "51.5007 N, 0.1246 W");
        assertThat(new String(withLocation, StandardCharsets.ISO_8859_1)).contains("GPSLatitude");
        upload(user, withLocation).then().statusCode(200);
        byte[] served = api().get("/api/v1/users/" + user.userId() + "/avatar")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(new String(served, StandardCharsets.ISO_8859_1)).doesNotContain("GPSLatitude");
        assertThat(TestImages.pixels(served)).isEqualTo(TestImages.pixels(red));

        // a 30000×30000 canvas in a few hundred bytes: refused from its header, never decoded
        byte[] bomb = withDimensions(red, 30_000, 30_000);
        upload(user, bomb).then().statusCode(422).body("code", equalTo("image.too_large"));
        byte[] stillServed = api().get("/api/v1/users/" + user.userId() + "/avatar")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(TestImages.dimensions(stillServed)).isEqualTo("16x16");
    }

    private static Response upload(Accounts.SignedIn user, byte[] content) {
        return user.api().multiPart("file", "me.png", content, "image/png").put("/api/v1/users/me/avatar");
    }

    /** The PNG with one more chunk right after IHDR. */
    private static byte[] withChunk(byte[] png, String type, String data) {
        byte[] payload = data.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33); // signature (8) and IHDR (4 + 4 + 13 + 4)
        out.writeBytes(chunk(type, payload));
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    /** The PNG claiming other dimensions in its IHDR (with a correct CRC), pixel data unchanged. */
    private static byte[] withDimensions(byte[] png, int width, int height) {
        byte[] copy = png.clone();
        ByteBuffer.wrap(copy, 16, 8).putInt(width).putInt(height);
        CRC32 crc = new CRC32();
        crc.update(copy, 12, 17);
        ByteBuffer.wrap(copy, 29, 4).putInt((int) crc.getValue());
        return copy;
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(12 + data.length);
        buffer.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), 4, 4 + data.length);
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }

    // ---- finding 13

    @Test
    void everyResponseCarriesTheSecurityHeadersContainerErrorsToo() throws Exception {
        api().get("/api/v1/tenants/current")
                .then()
                .statusCode(200)
                .header(
                        "Content-Security-Policy",
                        matchesPattern(".*default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'.*"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("object-src 'none'"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("Permissions-Policy", containsString("camera=()"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        String first = api().get("/api/v1/tenants/current").header("Content-Security-Policy");
        String second = api().get("/api/v1/tenants/current").header("Content-Security-Policy");
        assertThat(first).isNotEqualTo(second); // a fresh nonce per response

        // HTML pages: ReDoc gets the documentation policy; an unknown route's problem too
        Http.given()
                .get("/redoc")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("worker-src 'self' blob:"))
                .header("Referrer-Policy", equalTo("no-referrer"));
        api().get("/no-such-page")
                .then()
                .statusCode(404)
                .body("code", equalTo("route.not_found"))
                .header("Content-Security-Policy", containsString("default-src 'self'"));

        // a request line Tomcat itself refuses (a malformed percent escape) never reaches a filter
        String raw = rawRequest("GET /api/v1/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw.toLowerCase(java.util.Locale.ROOT))
                .contains("content-security-policy: default-src 'self'")
                .contains("referrer-policy: no-referrer")
                .contains("x-content-type-options: nosniff");
    }

    private String rawRequest(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    // ---- finding 15

    @Test
    void aSuspendedTenantsTokensStopWorkingAndTheOperatorReinstatesIt() {
        String slug = Tenants.uniqueSlug("suspend");
        var owner = Tenants.newTenantWithOwner(slug);
        UUID tenant = Tenants.idOf(jdbc, slug).value();
        owner.api().get("/api/v1/auth/me").then().statusCode(200);

        // only the operator: not the tenant's own owner, not an anonymous caller
        owner.api()
                .post("/api/v1/tenants/" + tenant + "/suspend")
                .then()
                .statusCode(401)
                .body("code", equalTo("tenant.invalid_operator_token"));
        api().post("/api/v1/tenants/" + tenant + "/suspend")
                .then()
                .statusCode(401)
                .body("code", equalTo("tenant.operator_token_required"));

        Tenants.operator()
                .queryParam("reason", "unpaid invoices")
                .post("/api/v1/tenants/" + tenant + "/suspend")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUSPENDED"))
                .body("slug", equalTo(slug));
        // the token names the tenant itself; no X-Tenant header is needed for it to be refused
        owner.api().get("/api/v1/auth/me").then().statusCode(403).body("code", equalTo("tenant.inactive"));
        refresh(owner.refreshToken()).then().statusCode(403).body("code", equalTo("tenant.inactive"));
        Tenants.operator()
                .post("/api/v1/tenants/" + tenant + "/suspend")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUSPENDED"));

        Tenants.operator()
                .post("/api/v1/tenants/" + TenantId.DEFAULT.value() + "/suspend")
                .then()
                .statusCode(409)
                .body("code", equalTo("tenant.default_not_suspendable"));
        Tenants.operator()
                .post("/api/v1/tenants/" + UUID.randomUUID() + "/suspend")
                .then()
                .statusCode(404)
                .body("code", equalTo("tenant.not_found"));

        Tenants.operator()
                .post("/api/v1/tenants/" + tenant + "/reinstate")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"));
        owner.api().get("/api/v1/auth/me").then().statusCode(200);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .until(() -> TenantContext.callAs(new TenantId(tenant), () -> jdbc.sql("""
                                        SELECT count(*) FROM audit_log
                                         WHERE action = 'TENANT_UPDATED' AND subject_id = :tenant
                                        """)
                                .param("tenant", tenant)
                                .query(Long.class)
                                .single())
                        == 2);
    }

    // ---- finding 16

    @Test
    void accessTokensNameTheirAudienceAndATokenWithoutItIsRefused() throws Exception {
        var user = Accounts.newUser("STUDENT");
        assertThat(SignedJWT.parse(user.accessToken()).getJWTClaimsSet().getAudience())
                .containsExactly("lyceum-api");

        // the same claims, signed with the real key, minus the audience
        JWTClaimsSet claims = SignedJWT.parse(user.accessToken()).getJWTClaimsSet();
        JWTClaimsSet withoutAudience = new JWTClaimsSet.Builder(claims)
                .audience((String) null)
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .build();
        var key = signingKeys.activeKey();
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), withoutAudience);
        forged.sign(new ECDSASigner(key.toECKey()));
        Http.given()
                .header("Authorization", "Bearer " + forged.serialize())
                .get("/api/v1/auth/me")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.invalid_token"));
    }

    @Test
    void accessTokensExpireOnTheApplicationsClock() throws Exception {
        var user = Accounts.newUser("STUDENT");
        Instant expiry = SignedJWT.parse(user.accessToken())
                .getJWTClaimsSet()
                .getExpirationTime()
                .toInstant();

        // within the minute of clock skew the validator allows, the token still works
        testClock.advanceTo(expiry.plusSeconds(30));
        withToken(user.accessToken()).get("/api/v1/auth/me").then().statusCode(200);

        // past it by the application's clock (not by the system's, which has hardly moved) it is refused
        testClock.advanceTo(expiry.plusSeconds(61));
        withToken(user.accessToken())
                .get("/api/v1/auth/me")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("auth.invalid_token"));

        // the session itself lives on: a refresh at the new time gives a token that is accepted
        String renewed = Http.given()
                .contentType("application/json")
                .body(Map.of("refreshToken", user.refreshToken()))
                .post("/api/v1/auth/refresh")
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
        withToken(renewed).get("/api/v1/auth/me").then().statusCode(200).body("email", equalTo(user.email()));
    }

    @Test
    void anExpiredAccessCookieLeavesPagesSignedOutAndTheApiRefusesIt() throws Exception {
        var user = Accounts.newUser("STUDENT");
        Instant expiry = SignedJWT.parse(user.accessToken())
                .getJWTClaimsSet()
                .getExpirationTime()
                .toInstant();
        // a browser whose clock is behind the server's still sends the cookie after the token expired
        testClock.advanceTo(expiry.plusSeconds(120));
        Http.given()
                .cookie("lyceum_access", user.accessToken())
                .accept("text/html")
                .get("/signin")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("id=\"email\""));
        Http.given()
                .cookie("lyceum_access", user.accessToken())
                .accept("application/json, application/problem+json")
                .get("/api/v1/auth/me")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.invalid_token"));
    }

    /** A request with exactly this token ({@code SignedIn.api()} would refresh an expired one, as clients do). */
    private static io.lyceum.testsupport.http.RequestSpecification withToken(String accessToken) {
        return Http.given()
                .accept("application/json, application/problem+json")
                .header("Authorization", "Bearer " + accessToken);
    }

    @Test
    void namesRefuseControlCharactersAndDirectionOverrides() {
        for (String name : List.of("Ada\nLovelace", "Eve\u202Eevil.exe", "Tab\tName", "Null\u0000")) {
            register(Accounts.uniqueEmail("ctl"), PASSWORD, name)
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("request.validation_failed"))
                    .body("errors.field", hasItem("fullName"));
        }
        register(Accounts.uniqueEmail("intl"), PASSWORD, "Zoë O'Brien-Łukasz 李小龍 👩‍🏫")
                .then()
                .statusCode(202);
        var user = Accounts.newUser("STUDENT");
        user.api()
                .contentType("application/json")
                .body(Map.of("fullName", "Line\u2028Break"))
                .put("/api/v1/auth/me")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", hasItem("fullName"));
    }
}
