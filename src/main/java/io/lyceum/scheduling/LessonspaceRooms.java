package io.lyceum.scheduling;

import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Lessonspace spaces. A booking's space is just an id we choose (random, {@code lyceum-...}); Lessonspace creates it
 * on the first launch. Every participant gets a personal link from {@code POST /v2/spaces/launch/}, with the tutor
 * as the space's leader; the link works only while the lesson's room is open. The API key goes in
 * {@code Authorization: Organisation <key>}.
 */
final class LessonspaceRooms implements LessonRooms {

    private static final Logger log = LoggerFactory.getLogger(LessonspaceRooms.class);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private final RestClient http;

    LessonspaceRooms(RoomsProperties.Lessonspace config, RestClient.Builder http) {
        this.http = http.clone()
                .baseUrl(config.baseUrl())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Organisation " + config.apiKey())
                .build();
    }

    @Override
    public String provider() {
        return RoomsProperties.LESSONSPACE;
    }

    @Override
    public Room create(RoomRequest request) {
        return new Room(provider(), SecretTokens.roomName(), null);
    }

    @Override
    public String joinUrl(Room room, Participant participant, Instant opensAt, Instant closesAt) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", participant.userId().toString());
        user.put("name", participant.displayName());
        user.put("leader", participant.host());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", room.id());
        body.put("user", user);
        if (opensAt != null && closesAt != null) {
            body.put("timeouts", Map.of("not_before", opensAt.toString(), "not_after", closesAt.toString()));
        }
        Map<String, Object> launched;
        try {
            launched = http.post()
                    .uri("/v2/spaces/launch/")
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(body)
                    .retrieve()
                    .body(JSON);
        } catch (RestClientException e) {
            log.warn("Lessonspace launch of space {} failed: {}", room.id(), e.getMessage());
            throw unavailable();
        }
        Object url = launched == null ? null : launched.get("client_url");
        if (!(url instanceof String clientUrl) || !clientUrl.startsWith("https://")) {
            log.warn("Lessonspace launch of space {} answered without a client_url", room.id());
            throw unavailable();
        }
        return clientUrl;
    }

    static LyceumException unavailable() {
        return new LyceumException(
                ErrorKind.UNAVAILABLE,
                "rooms.provider_unavailable",
                "The lesson-room provider is not answering. Try again in a moment.");
    }
}
