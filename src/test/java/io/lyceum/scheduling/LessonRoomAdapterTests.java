package io.lyceum.scheduling;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.lyceum.scheduling.LessonRooms.Participant;
import io.lyceum.scheduling.LessonRooms.Room;
import io.lyceum.scheduling.LessonRooms.RoomRequest;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lesson-room adapters against WireMock serving the providers' recorded response shapes. */
class LessonRoomAdapterTests {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant START = Instant.parse("2026-12-01T15:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(1));
    private static final String ZOOM_TOKEN_URL = "/oauth/token?grant_type=account_credentials&account_id=acc-1";

    private static WireMockServer wiremock;
    private final MutableClock clock = new MutableClock(NOW);

    @BeforeAll
    static void start() {
        wiremock = new WireMockServer(options().dynamicPort());
        wiremock.start();
    }

    @AfterAll
    static void stop() {
        wiremock.stop();
    }

    @BeforeEach
    void reset() {
        wiremock.resetAll();
    }

    private static String recorded(String name) {
        try (InputStream in = LessonRoomAdapterTests.class.getResourceAsStream("/wiremock/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RoomsProperties properties(String provider, String lessonspaceKey, boolean zoom) {
        return new RoomsProperties(
                provider,
                null,
                null,
                new RoomsProperties.Lessonspace(wiremock.baseUrl(), lessonspaceKey, null, null),
                zoom
                        ? new RoomsProperties.Zoom(
                                wiremock.baseUrl(), wiremock.baseUrl() + "/", "acc-1", "client-1", "secret-1")
                        : null);
    }

    private static RoomRequest request() {
        return new RoomRequest(UUID.randomUUID(), "Lyceum lesson", START, END);
    }

    private static Participant tutor() {
        return new Participant(UUID.randomUUID(), "Tess O'Tutor", true);
    }

    private static Participant student() {
        return new Participant(UUID.randomUUID(), "Sam \"Sunny\" Student", false);
    }

    // ---- Jitsi

    @Test
    void jitsiRoomsAreRandomAndLinksCarryTheDisplayName() {
        var jitsi = new JitsiRooms(new RoomsProperties.Jitsi("https://meet.example.org/", null, null, null), clock);
        Room room = jitsi.create(request());
        assertThat(room.provider()).isEqualTo("jitsi");
        assertThat(room.id()).matches("lyceum-[a-z2-7]{26}");
        assertThat(room.url()).isEqualTo("https://meet.example.org/" + room.id());
        assertThat(jitsi.create(request()).id()).isNotEqualTo(room.id());
        assertThat(jitsi.joinUrl(room, student(), START, END))
                .isEqualTo("https://meet.example.org/" + room.id()
                        + "#userInfo.displayName=%22Sam%20%5C%22Sunny%5C%22%20Student%22");
    }

    @Test
    void jitsiWithAnAppSecretSignsATokenForOneRoom() throws Exception {
        String secret = "a-jitsi-app-secret-of-at-least-32-chars";
        var jitsi = new JitsiRooms(
                new RoomsProperties.Jitsi("https://meet.example.org", "lyceum-app", secret, Duration.ofHours(4)),
                clock);
        Room room = jitsi.create(request());
        Participant tutor = tutor();
        String url = jitsi.joinUrl(room, tutor, NOW, NOW.plus(Duration.ofHours(1)));
        assertThat(url).startsWith("https://meet.example.org/" + room.id() + "?jwt=");
        String token = url.substring(url.indexOf("?jwt=") + 5, url.indexOf('#'));
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("lyceum-app");
        assertThat(claims.getAudience()).containsExactly("jitsi");
        assertThat(claims.getSubject()).isEqualTo("meet.example.org");
        assertThat(claims.getStringClaim("room")).isEqualTo(room.id());
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        @SuppressWarnings("unchecked")
        Map<String, Object> user =
                (Map<String, Object>) claims.getJSONObjectClaim("context").get("user");
        assertThat(user)
                .containsEntry("id", tutor.userId().toString())
                .containsEntry("name", "Tess O'Tutor")
                .containsEntry("moderator", true);
        assertThatThrownBy(() -> new RoomsProperties.Jitsi(null, "app", "short", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoomsProperties.Jitsi(null, "app", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- Lessonspace

    @Test
    void lessonspaceLaunchesAPersonalLinkPerParticipant() {
        wiremock.stubFor(post(urlEqualTo("/v2/spaces/launch/"))
                .withHeader("Authorization", equalTo("Organisation key-123"))
                .willReturn(okJson(recorded("lessonspace/launch.json"))));
        var providers = new LessonRoomProviders(properties("lessonspace", "key-123", false), clock);
        LessonRooms lessonspace = providers.current();
        assertThat(lessonspace.provider()).isEqualTo("lessonspace");
        assertThat(providers.forProvider("jitsi")).as("jitsi stays available").isPresent();

        Room room = lessonspace.create(request());
        assertThat(room.id()).matches("lyceum-[a-z2-7]{26}");
        assertThat(room.url()).isNull();
        assertThat(wiremock.getAllServeEvents())
                .as("the space is made on first launch")
                .isEmpty();

        Participant tutor = tutor();
        String url = lessonspace.joinUrl(room, tutor, START.minus(Duration.ofMinutes(15)), END);
        assertThat(url).startsWith("https://go.room.sh/?token=");
        wiremock.verify(postRequestedFor(urlEqualTo("/v2/spaces/launch/"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.id", equalTo(room.id())))
                .withRequestBody(
                        matchingJsonPath("$.user.id", equalTo(tutor.userId().toString())))
                .withRequestBody(matchingJsonPath("$.user.name", equalTo("Tess O'Tutor")))
                .withRequestBody(matchingJsonPath("$.user.leader", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.timeouts.not_before", equalTo("2026-12-01T14:45:00Z")))
                .withRequestBody(matchingJsonPath("$.timeouts.not_after", equalTo("2026-12-01T16:00:00Z"))));

        lessonspace.joinUrl(room, student(), START, END);
        wiremock.verify(postRequestedFor(urlEqualTo("/v2/spaces/launch/"))
                .withRequestBody(matchingJsonPath("$.user.leader", equalTo("false"))));
    }

    @Test
    void aLessonspaceOutageIs503() {
        wiremock.stubFor(post(urlEqualTo("/v2/spaces/launch/"))
                .willReturn(aResponse().withStatus(500).withBody("{\"detail\": \"boom\"}")));
        LessonRooms lessonspace = new LessonRoomProviders(properties("lessonspace", "key-123", false), clock).current();
        Room room = lessonspace.create(request());
        assertThatThrownBy(() -> lessonspace.joinUrl(room, student(), START, END))
                .isInstanceOfSatisfying(LyceumException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                    assertThat(e.code()).isEqualTo("rooms.provider_unavailable");
                });
        // an answer without a link is no better
        wiremock.stubFor(post(urlEqualTo("/v2/spaces/launch/")).willReturn(okJson("{\"room_id\": \"x\"}")));
        assertThatThrownBy(() -> lessonspace.joinUrl(room, student(), START, END))
                .isInstanceOf(LyceumException.class);
    }

    // ---- Zoom

    private void zoomToken() {
        wiremock.stubFor(post(urlEqualTo(ZOOM_TOKEN_URL))
                .withBasicAuth("client-1", "secret-1")
                .willReturn(okJson(recorded("zoom/oauth-token.json"))));
    }

    private static String bearer() {
        return "Bearer " + recorded("zoom/oauth-token.json").replaceAll("(?s).*\"access_token\": \"([^\"]+)\".*", "$1");
    }

    @Test
    void zoomSchedulesAMeetingAndTheHostGetsAFreshStartLink() {
        zoomToken();
        wiremock.stubFor(post(urlEqualTo("/v2/users/me/meetings"))
                .withHeader("Authorization", equalTo(bearer()))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(recorded("zoom/create-meeting.json"))));
        wiremock.stubFor(get(urlEqualTo("/v2/meetings/85746065432"))
                .withHeader("Authorization", equalTo(bearer()))
                .willReturn(okJson(recorded("zoom/get-meeting.json"))));
        LessonRooms zoom = new LessonRoomProviders(properties("zoom", null, true), clock).current();

        Room room = zoom.create(request());
        assertThat(room)
                .isEqualTo(new Room(
                        "zoom", "85746065432", "https://us05web.zoom.us/j/85746065432?pwd=bXlQeW5kQ2FtcGFpZ24"));
        wiremock.verify(postRequestedFor(urlEqualTo("/v2/users/me/meetings"))
                .withRequestBody(matchingJsonPath("$.topic", equalTo("Lyceum lesson")))
                .withRequestBody(matchingJsonPath("$.type", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.start_time", equalTo("2026-12-01T15:00:00Z")))
                .withRequestBody(matchingJsonPath("$.duration", equalTo("60")))
                .withRequestBody(matchingJsonPath("$.settings.waiting_room", equalTo("true"))));

        assertThat(zoom.joinUrl(room, student(), START, END)).isEqualTo(room.url());
        assertThat(zoom.joinUrl(room, tutor(), START, END)).endsWith(".fresh");
        wiremock.verify(1, getRequestedFor(urlEqualTo("/v2/meetings/85746065432")));
        wiremock.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token")));
    }

    @Test
    void zoomRenewsItsTokenWhenItExpiresOrIsRefused() {
        zoomToken();
        wiremock.stubFor(get(urlEqualTo("/v2/meetings/1"))
                .inScenario("revoked")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401).withBody("{\"code\": 124}"))
                .willSetStateTo("renewed"));
        wiremock.stubFor(get(urlEqualTo("/v2/meetings/1"))
                .inScenario("revoked")
                .whenScenarioStateIs("renewed")
                .willReturn(okJson("{\"id\": 1, \"start_url\": \"https://zoom.example/s/1\"}")));
        LessonRooms zoom = new LessonRoomProviders(properties("zoom", null, true), clock).current();
        Room room = new Room("zoom", "1", "https://zoom.example/j/1");

        assertThat(zoom.joinUrl(room, tutor(), START, END)).isEqualTo("https://zoom.example/s/1");
        wiremock.verify(2, postRequestedFor(urlPathEqualTo("/oauth/token")));

        zoom.joinUrl(room, tutor(), START, END);
        wiremock.verify(2, postRequestedFor(urlPathEqualTo("/oauth/token")));
        clock.advance(Duration.ofHours(1)); // past expires_in minus a minute
        zoom.joinUrl(room, tutor(), START, END);
        wiremock.verify(3, postRequestedFor(urlPathEqualTo("/oauth/token")));
    }

    @Test
    void zoomDeletesAReplacedMeetingAndSurvivesItsAbsence() {
        zoomToken();
        wiremock.stubFor(delete(urlEqualTo("/v2/meetings/85746065432"))
                .willReturn(aResponse().withStatus(204)));
        wiremock.stubFor(delete(urlEqualTo("/v2/meetings/404"))
                .willReturn(aResponse().withStatus(404).withBody("{\"code\": 3001}")));
        LessonRooms zoom = new LessonRoomProviders(properties("zoom", null, true), clock).current();
        zoom.close(new Room("zoom", "85746065432", "https://zoom.example/j/1"));
        wiremock.verify(deleteRequestedFor(urlEqualTo("/v2/meetings/85746065432"))
                .withHeader("Authorization", equalTo(bearer())));
        zoom.close(new Room("zoom", "404", "https://zoom.example/j/404")); // logged, not thrown
    }

    @Test
    void zoomWithBadCredentialsIs503() {
        wiremock.stubFor(post(urlEqualTo(ZOOM_TOKEN_URL))
                .willReturn(
                        aResponse().withStatus(400).withBody("{\"reason\": \"Invalid client_id or client_secret\"}")));
        LessonRooms zoom = new LessonRoomProviders(properties("zoom", null, true), clock).current();
        assertThatThrownBy(() -> zoom.create(request()))
                .isInstanceOfSatisfying(
                        LyceumException.class, e -> assertThat(e.code()).isEqualTo("rooms.provider_unavailable"));
    }

    // ---- selection

    @Test
    void theConfiguredProviderMustBeUsable() {
        assertThat(new LessonRoomProviders(properties(null, null, false), clock)
                        .current()
                        .provider())
                .isEqualTo("jitsi");
        assertThatThrownBy(() -> new LessonRoomProviders(properties("zoom", null, false), clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("client-secret");
        assertThatThrownBy(() -> new LessonRoomProviders(properties("lessonspace", null, false), clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("api-key");
        assertThatThrownBy(() -> properties("webex", null, false)).isInstanceOf(IllegalArgumentException.class);
        var both = new LessonRoomProviders(properties("zoom", "key", true), clock);
        assertThat(both.forProvider("lessonspace")).isPresent();
        assertThat(both.forProvider("jitsi")).isPresent();
        assertThat(both.forProvider("webex")).isEmpty();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
