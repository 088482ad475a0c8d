package io.lyceum.testsupport;

import io.lyceum.testsupport.http.Http;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The requests helpers make to set up a test's world (signing users up and in, filling in and approving tutors): one
 * call that sends, checks the status and gives the answer as a Jackson tree. Such set-up is most of a test's requests
 * (two thirds, counted over fifteen API and page test classes). Requests go where the tests' client points
 * ({@link Http#applicationUri()}), so a test that switches applications switches these too.
 */
public final class SetupRequests {

    private static final JsonMapper JSON = JsonMapper.shared();

    private SetupRequests() {}

    /** A request by a signed-in user that must answer {@code expectedStatus}; its JSON answer. */
    public static JsonNode send(
            Accounts.SignedIn who, String method, String path, @Nullable Object body, int expectedStatus) {
        return send(method, path, null, who.currentAccessToken(), body, expectedStatus);
    }

    /** A request that must answer {@code expectedStatus}; its JSON answer (a missing node when it has no body). */
    static JsonNode send(
            String method,
            String path,
            @Nullable String tenant,
            @Nullable String accessToken,
            @Nullable Object body,
            int expectedStatus) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Accept", "application/json, application/problem+json"));
        if (tenant != null) {
            headers.add(Map.entry("X-Tenant", tenant));
        }
        if (accessToken != null) {
            headers.add(Map.entry("Authorization", "Bearer " + accessToken));
        }
        byte[] content = null;
        if (body != null) {
            headers.add(Map.entry("Content-Type", "application/json"));
            content = JSON.writeValueAsBytes(body);
        }
        Http.Answer answer = Http.exchange(
                method, URI.create(Http.applicationUri() + path), headers, content, Duration.ofSeconds(60));
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        if (answer.status() != expectedStatus) {
            throw new AssertionError("%s %s answered %d, expected %d: %s"
                    .formatted(method, path, answer.status(), expectedStatus, text));
        }
        return text.isEmpty() ? JSON.missingNode() : JsonAnswers.read(text);
    }
}
