package io.lyceum.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.TestEndpoints;
import io.lyceum.testsupport.http.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class IdempotencyKeyTests extends ApiTestBase {

    @Autowired
    IdempotencyStore store;

    @Autowired
    IdempotencyProperties properties;

    private static final String BODY = "{\"title\":\"Algebra notes\",\"copies\":2}";

    private Response createNote(String key, String body) {
        return api().contentType("application/json")
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/test/notes");
    }

    @Test
    void sameKeyAndBodyReplaysTheFirstResponse() {
        String key = UUID.randomUUID().toString();
        int before = TestEndpoints.NOTES_CREATED.get();

        Response first = createNote(key, BODY);
        Response retry = createNote(key, BODY);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.asString()).isEqualTo(first.asString());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(TestEndpoints.NOTES_CREATED.get()).isEqualTo(before + 1);
    }

    @Test
    void sameKeyWithDifferentBodyIs422() {
        String key = UUID.randomUUID().toString();
        createNote(key, BODY).then().statusCode(201);

        createNote(key, "{\"title\":\"Other\",\"copies\":2}")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("idempotency.key_reused"));
    }

    @Test
    void differentKeysRunSeparately() {
        int before = TestEndpoints.NOTES_CREATED.get();
        createNote(UUID.randomUUID().toString(), BODY).then().statusCode(201);
        createNote(UUID.randomUUID().toString(), BODY).then().statusCode(201);
        assertThat(TestEndpoints.NOTES_CREATED.get()).isEqualTo(before + 2);
    }

    @Test
    void parallelRequestsWithOneKeyRunTheHandlerOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        int before = TestEndpoints.NOTES_CREATED.get();
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> createNote(key, BODY));
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Response> f : pool.invokeAll(calls)) {
                statuses.add(f.get().statusCode());
            }
        }
        assertThat(TestEndpoints.NOTES_CREATED.get()).isEqualTo(before + 1);
        assertThat(statuses).allMatch(s -> s == 201 || s == 409).contains(201);
        // once the first has finished, every retry gets its response
        createNote(key, BODY).then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void validationFailuresAreStoredToo() {
        String key = UUID.randomUUID().toString();
        String bad = "{\"title\":\"\",\"copies\":1}";
        createNote(key, bad).then().statusCode(422).body("code", equalTo("request.validation_failed"));
        createNote(key, bad)
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .header("Idempotent-Replayed", "true");
    }

    @Test
    void serverErrorsAreNotStoredSoTheClientCanRetry() {
        TestEndpoints.FAILURES_SERVED.set(0);
        String key = UUID.randomUUID().toString();
        api().header("Idempotency-Key", key).post("/api/v1/test/flaky").then().statusCode(500);
        api().header("Idempotency-Key", key)
                .post("/api/v1/test/flaky")
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", (String) null);
    }

    @Test
    void expiredKeysAreForgottenAndPurged() {
        String key = UUID.randomUUID().toString();
        int before = TestEndpoints.NOTES_CREATED.get();
        createNote(key, BODY).then().statusCode(201);
        String stale = UUID.randomUUID().toString();
        createNote(stale, BODY).then().statusCode(201);
        testClock.advance(properties.ttl().plusMinutes(1));

        // an expired key behaves like a new one, even with a different body
        createNote(key, "{\"title\":\"Fresh\",\"copies\":1}").then().statusCode(201);
        assertThat(TestEndpoints.NOTES_CREATED.get()).isEqualTo(before + 3); // both first calls, and this one

        assertThat(store.purgeExpired()).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?")
                        .param(stale)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void keysAreValidated() {
        createNote("x".repeat(256), BODY)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("idempotency.invalid_key"));
    }

    @Test
    void keysLiveTwentyFourHours() {
        String key = UUID.randomUUID().toString();
        createNote(key, BODY).then().statusCode(201);
        Double hours = jdbc.sql(
                        "SELECT extract(epoch FROM expires_at - created_at) / 3600 FROM idempotency_keys WHERE idempotency_key = ?")
                .param(key)
                .query(Double.class)
                .single();
        assertThat(hours).isEqualTo(24.0);
    }
}
