package io.lyceum.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Creates signed-in users through the public API, as a client would: register, read the email, verify, sign in. */
public final class Accounts {

    public static final String PASSWORD = "Lyceum test passphrase 2026";
    private static final Pattern CODE = Pattern.compile("verification code is (\\d{6})");

    private Accounts() {}

    /** A signed-in user: ids and the tokens of sign-in. */
    public record SignedIn(UUID userId, String email, String accessToken, String refreshToken, UUID sessionId) {

        /**
         * A request with the session's access token. Access tokens expire on the application's clock (15 minutes), so
         * like a real client this refreshes the session's pair first when the test has moved {@link TestClock} past
         * the token's expiry; {@link #accessToken()} stays the token of sign-in.
         */
        public RequestSpecification api() {
            return Http.given()
                    .accept("application/json, application/problem+json")
                    .header("Authorization", "Bearer " + currentAccessToken());
        }

        /** The session's access token now, refreshed when it has expired on the application's clock. */
        public String currentAccessToken() {
            Tokens tokens = CURRENT_TOKENS.getOrDefault(sessionId, new Tokens(accessToken, refreshToken));
            if (!tokens.expiredAt(TestClock.activeNow())) {
                return tokens.access();
            }
            synchronized (CURRENT_TOKENS) { // one refresh per session: a refresh token is single-use
                tokens = CURRENT_TOKENS.getOrDefault(sessionId, tokens);
                if (tokens.expiredAt(TestClock.activeNow())) {
                    var refreshed = Http.given()
                            .accept("application/json, application/problem+json")
                            .contentType("application/json")
                            .body(Map.of("refreshToken", tokens.refresh()))
                            .post("/api/v1/auth/refresh");
                    if (refreshed.statusCode() == 200) {
                        JsonNode pair = JsonAnswers.read(refreshed.asString());
                        tokens = new Tokens(
                                pair.path("accessToken").asString(),
                                pair.path("refreshToken").asString());
                    } else {
                        // time moved past the session's idle timeout or lifetime: sign in again, as a person would
                        String tenant = TENANT_OF.get(email);
                        assertThat(tenant)
                                .as("tenant of %s, whose session ended", email)
                                .isNotNull();
                        SignedIn again = login(email, tenant.isEmpty() ? null : tenant);
                        tokens = new Tokens(again.accessToken(), again.refreshToken());
                    }
                    CURRENT_TOKENS.put(sessionId, tokens);
                }
                return tokens.access();
            }
        }
    }

    /** The latest pair of each session whose tokens {@link SignedIn#api()} had to refresh. */
    private static final Map<UUID, Tokens> CURRENT_TOKENS = new ConcurrentHashMap<>();

    /** The tenant (slug, "" for the default) each user signed in to, for signing in again. */
    private static final Map<String, String> TENANT_OF = new ConcurrentHashMap<>();

    private record Tokens(String access, String refresh) {

        boolean expiredAt(Instant now) {
            try {
                return !now.isBefore(SignedJWT.parse(access)
                        .getJWTClaimsSet()
                        .getExpirationTime()
                        .toInstant());
            } catch (ParseException e) {
                throw new IllegalStateException("not a JWT: " + access, e);
            }
        }
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static void register(String email, String role, String tenant) {
        SetupRequests.send(
                "POST",
                "/api/v1/auth/register",
                tenant,
                null,
                Map.of(
                        "email", email,
                        "password", PASSWORD,
                        "fullName", "Test " + role.toLowerCase(),
                        "role", role,
                        "timeZone", "Europe/London"),
                202);
    }

    /** Links a guardian to a student as the API does: the student makes a pairing code, the guardian accepts it. */
    public static void linkGuardian(SignedIn guardian, SignedIn student) {
        String code = SetupRequests.send(student, "POST", "/api/v1/links/pairing-codes", null, 201)
                .path("code")
                .asString();
        SetupRequests.send(guardian, "POST", "/api/v1/links/accept", Map.of("pairingCode", code), 201);
    }

    /** The emails the development outbox holds for an address, newest first (default tenant). */
    public static java.util.List<Map<String, Object>> outbox(String recipient) {
        return Http.given()
                .queryParam("recipient", recipient)
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("content");
    }

    /**
     * The bodies of the messages the development outbox holds for an address in a tenant (null: the default one),
     * newest first.
     */
    public static java.util.List<String> outboxBodies(String recipient, String tenant) {
        return request(tenant)
                .queryParam("recipient", recipient)
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200)
                .extract()
                .path("content.body");
    }

    /** The latest code emailed to an address, read from the development outbox. */
    public static String latestCode(String email, String tenant) {
        String body = SetupRequests.send(
                        "GET",
                        "/api/v1/dev/outbox?recipient=" + URLEncoder.encode(email, StandardCharsets.UTF_8),
                        tenant,
                        null,
                        null,
                        200)
                .path("content")
                .path(0)
                .path("body")
                .asString();
        Matcher matcher = CODE.matcher(body);
        assertThat(matcher.find()).as("a code in: " + body).isTrue();
        return matcher.group(1);
    }

    public static void verify(String email, String tenant) {
        SetupRequests.send(
                "POST",
                "/api/v1/auth/email-verification/complete",
                tenant,
                null,
                Map.of("email", email, "code", latestCode(email, tenant)),
                200);
    }

    public static SignedIn login(String email, String tenant) {
        JsonNode json = SetupRequests.send(
                "POST", "/api/v1/auth/login", tenant, null, Map.of("email", email, "password", PASSWORD), 200);
        TENANT_OF.put(email, tenant == null ? "" : tenant);
        return new SignedIn(
                UUID.fromString(json.path("user").path("id").asString()),
                email,
                json.path("accessToken").asString(),
                json.path("refreshToken").asString(),
                UUID.fromString(json.path("sessionId").asString()));
    }

    /** Registers and verifies a new user with the given role in the given tenant (null: default); returns the email. */
    public static String newVerified(String role, String tenant) {
        String email = uniqueEmail(role.toLowerCase());
        register(email, role, tenant);
        verify(email, tenant);
        return email;
    }

    /** Registers, verifies and signs in a new user with the given role in the given tenant (null: default). */
    public static SignedIn newUser(String role, String tenant) {
        return login(newVerified(role, tenant), tenant);
    }

    public static SignedIn newUser(String role) {
        return newUser(role, null);
    }

    public static RequestSpecification request(String tenant) {
        var spec = Http.given().accept("application/json, application/problem+json");
        return tenant == null ? spec : spec.header("X-Tenant", tenant);
    }
}
