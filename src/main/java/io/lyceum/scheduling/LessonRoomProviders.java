package io.lyceum.scheduling;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The configured lesson-room adapters. Jitsi is always there (preliminary meetings use its shared links); Lessonspace
 * when an API key is set; Zoom when its three credentials are. {@link #current()} makes new rooms; rooms already made
 * keep the adapter that made them, so switching providers does not break lessons already booked. Selecting a provider
 * that is not configured stops the application at startup.
 */
@Component
class LessonRoomProviders {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, LessonRooms> adapters = new LinkedHashMap<>();
    private final JitsiRooms jitsi;
    private final LessonRooms current;

    LessonRoomProviders(RoomsProperties properties, Clock clock) {
        RestClient.Builder http = http();
        this.jitsi = new JitsiRooms(properties.jitsi(), clock);
        adapters.put(jitsi.provider(), jitsi);
        if (properties.lessonspace().apiKey() != null) {
            adapters.put(RoomsProperties.LESSONSPACE, new LessonspaceRooms(properties.lessonspace(), http));
        }
        if (properties.zoom().configured()) {
            adapters.put(RoomsProperties.ZOOM, new ZoomRooms(properties.zoom(), http, clock));
        }
        LessonRooms chosen = adapters.get(properties.provider());
        if (chosen == null) {
            throw new IllegalStateException("lyceum.scheduling.rooms.provider is " + properties.provider()
                    + " but it is not configured: set lyceum.scheduling.rooms." + properties.provider()
                    + (properties.provider().equals(RoomsProperties.ZOOM)
                            ? ".account-id, client-id and client-secret"
                            : ".api-key"));
        }
        this.current = chosen;
    }

    /** The adapter that makes new rooms. */
    LessonRooms current() {
        return current;
    }

    /** The adapter of a provider, when it is configured. */
    Optional<LessonRooms> forProvider(String provider) {
        return Optional.ofNullable(provider).map(adapters::get);
    }

    JitsiRooms jitsi() {
        return jitsi;
    }

    static RestClient.Builder http() {
        var factory = new JdkClientHttpRequestFactory(
                // HTTP/1.1: the providers' APIs need nothing more, and no h2c upgrade is attempted on plain http
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(TIMEOUT)
                        .build());
        factory.setReadTimeout(TIMEOUT);
        return RestClient.builder().requestFactory(factory);
    }
}
