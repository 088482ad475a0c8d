package io.lyceum.testsupport;

import io.lyceum.testsupport.http.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
        var request = HttpRequest.newBuilder(URI.create(Http.applicationUri() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json");
        if (tenant != null) {
            request.header("X-Tenant", tenant);
        }
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> answer;
        try {
            answer = Http.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
        if (answer.statusCode() != expectedStatus) {
            throw new AssertionError("%s %s answered %d, expected %d: %s"
                    .formatted(method, path, answer.statusCode(), expectedStatus, answer.body()));
        }
        return answer.body().isEmpty() ? JSON.missingNode() : JsonAnswers.read(answer.body());
    }
}
