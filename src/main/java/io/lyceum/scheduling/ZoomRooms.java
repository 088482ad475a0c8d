package io.lyceum.scheduling;

import io.lyceum.shared.LyceumException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Zoom meetings through a Server-to-Server OAuth app: an access token from
 * {@code POST /oauth/token?grant_type=account_credentials&account_id=...} (client id and secret as HTTP Basic),
 * kept until a minute before it expires; a scheduled meeting per booking from {@code POST /v2/users/me/meetings}. The
 * tutor (host) joins through a fresh {@code start_url} ({@code GET /v2/meetings/{id}}, as start links expire), the
 * others through the meeting's {@code join_url}. A replaced meeting is deleted.
 */
final class ZoomRooms implements LessonRooms {

    private static final Logger log = LoggerFactory.getLogger(ZoomRooms.class);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private final RoomsProperties.Zoom config;
    private final RestClient oauth;
    private final RestClient api;
    private final Clock clock;
    private volatile @Nullable AccessToken token;

    private record AccessToken(String value, Instant refreshAfter) {}

    ZoomRooms(RoomsProperties.Zoom config, RestClient.Builder http, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.oauth = http.clone().baseUrl(config.oauthUrl()).build();
        this.api = http.clone().baseUrl(config.apiUrl()).build();
    }

    @Override
    public String provider() {
        return RoomsProperties.ZOOM;
    }

    @Override
    public Room create(RoomRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic", request.topic());
        body.put("type", 2); // a scheduled meeting
        body.put(
                "start_time", request.startsAt().truncatedTo(ChronoUnit.SECONDS).toString());
        body.put(
                "duration",
                Math.max(
                        1,
                        Duration.between(request.startsAt(), request.endsAt()).toMinutes()));
        body.put("timezone", "UTC");
        body.put("agenda", "Lyceum booking " + request.bookingId());
        body.put(
                "settings",
                Map.of("join_before_host", false, "waiting_room", true, "host_video", true, "participant_video", true));
        Map<String, Object> meeting = call(token -> api.post()
                .uri("/v2/users/me/meetings")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(JSON));
        Object id = meeting == null ? null : meeting.get("id");
        Object joinUrl = meeting == null ? null : meeting.get("join_url");
        if (id == null || !(joinUrl instanceof String url)) {
            log.warn("Zoom answered a meeting creation without id or join_url");
            throw LessonspaceRooms.unavailable();
        }
        return new Room(provider(), String.valueOf(id), url);
    }

    @Override
    public String joinUrl(Room room, Participant participant, Instant opensAt, Instant closesAt) {
        if (!participant.host()) {
            return Objects.requireNonNull(room.url()); // a Zoom room is made with its join link (create)
        }
        Map<String, Object> meeting = call(token -> api.get()
                .uri("/v2/meetings/{id}", room.id())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(JSON));
        Object startUrl = meeting == null ? null : meeting.get("start_url");
        if (!(startUrl instanceof String url)) {
            log.warn("Zoom answered meeting {} without a start_url", room.id());
            throw LessonspaceRooms.unavailable();
        }
        return url;
    }

    @Override
    public void close(Room room) {
        try {
            call(token -> api.delete()
                    .uri("/v2/meetings/{id}", room.id())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .retrieve()
                    .toBodilessEntity());
        } catch (LyceumException e) {
            log.warn("Could not delete the replaced Zoom meeting {}", room.id());
        }
    }

    /** Runs a call with a valid access token; on 401 fetches a new token and tries once more. */
    private <T> T call(Function<String, T> request) {
        try {
            try {
                return request.apply(accessToken(false));
            } catch (RestClientResponseException e) {
                if (e.getStatusCode().value() != HttpStatus.UNAUTHORIZED.value()) {
                    throw e;
                }
                return request.apply(accessToken(true));
            }
        } catch (RestClientResponseException e) {
            log.warn("Zoom call failed: {} {}", e.getStatusCode(), e.getResponseBodyAsString());
            throw LessonspaceRooms.unavailable();
        } catch (RestClientException e) {
            log.warn("Zoom call failed: {}", e.getMessage());
            throw LessonspaceRooms.unavailable();
        }
    }

    private synchronized String accessToken(boolean renew) {
        AccessToken current = token;
        if (!renew && current != null && clock.instant().isBefore(current.refreshAfter())) {
            return current.value();
        }
        String basic = Base64.getEncoder()
                .encodeToString((config.clientId() + ":" + config.clientSecret()).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> answer = oauth.post()
                .uri(uri -> uri.path("/oauth/token")
                        .queryParam("grant_type", "account_credentials")
                        // this adapter exists only when Zoom is configured: its credentials are set
                        .queryParam("account_id", Objects.requireNonNull(config.accountId()))
                        .build())
                .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(JSON);
        if (answer == null || !(answer.get("access_token") instanceof String accessToken)) {
            throw new RestClientException("Zoom's token endpoint answered without access_token");
        }
        long expiresIn = answer.get("expires_in") instanceof Number n ? n.longValue() : 3600;
        token = new AccessToken(accessToken, clock.instant().plusSeconds(Math.max(0, expiresIn - 60)));
        return accessToken;
    }
}
