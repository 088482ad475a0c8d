package io.lyceum.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.github.bucket4j.postgresql.PostgreSQLadvisoryLockBasedProxyManager;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.http.Response;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The rate limits with low values, in an application context of their own (the shared test profile raises them so the
 * rest of the suite can sign up users freely).
 */
@TestPropertySource(
        properties = {
            "lyceum.rate-limits.routes.login.limit=3",
            "lyceum.rate-limits.writes.limit=4",
            "lyceum.rate-limits.reads.limit=40",
            "lyceum.rate-limits.reads.period=1h"
        })
class RateLimitTests extends ApiTestBase {

    @Autowired
    DataSource dataSource;

    @Autowired
    RateLimitProperties properties;

    @Autowired
    PostgreSQLadvisoryLockBasedProxyManager<String> buckets;

    @BeforeEach
    void freshBuckets() {
        jdbc.sql("DELETE FROM rate_limit_buckets").update();
    }

    /** A failed sign-in; a new email each time, so the per-account slow-down never kicks in. */
    private Response badLogin() {
        return api().contentType("application/json")
                .body(Map.of("email", Accounts.uniqueEmail("nobody"), "password", "not the password"))
                .post("/api/v1/auth/login");
    }

    private static Response rename(Accounts.SignedIn user, String name) {
        return user.api()
                .contentType("application/json")
                .body(Map.of("fullName", name))
                .put("/api/v1/auth/me");
    }

    @Test
    void signInIsLimitedPerAddressWith429AndRetryAfter() {
        var user = Accounts.newUser("STUDENT");
        freshBuckets();
        for (int i = 1; i <= 3; i++) {
            badLogin()
                    .then()
                    .statusCode(401)
                    .header("X-RateLimit-Limit", "3")
                    .header("X-RateLimit-Remaining", String.valueOf(3 - i));
        }
        Response limited = badLogin();
        limited.then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("code", equalTo("request.rate_limited"))
                .body("status", equalTo(429))
                .header("X-RateLimit-Limit", "3")
                .header("X-RateLimit-Remaining", "0");
        // three a minute come back one every 20 seconds
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 20);

        // the limit holds whatever the credentials: it is checked before them
        api().contentType("application/json")
                .body(Map.of("email", user.email(), "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(429)
                .body("code", equalTo("request.rate_limited"));

        // other routes draw from other buckets
        api().get("/api/v1/test/notes/" + UUID.randomUUID())
                .then()
                .statusCode(200)
                .header("X-RateLimit-Limit", String.valueOf(properties.reads().limit()));
    }

    @Test
    void writesAreCountedPerSignedInUser() {
        var first = Accounts.newUser("STUDENT");
        var second = Accounts.newUser("STUDENT");

        for (int i = 1; i <= 4; i++) {
            rename(first, "First " + i)
                    .then()
                    .statusCode(200)
                    .header("X-RateLimit-Limit", "4")
                    .header("X-RateLimit-Remaining", String.valueOf(4 - i));
        }
        rename(first, "First 5")
                .then()
                .statusCode(429)
                .body("code", equalTo("request.rate_limited"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        first.api().get("/api/v1/auth/me").then().statusCode(200).body("fullName", equalTo("First 4"));

        // another user from the same address has a bucket of their own, and so has the anonymous address
        rename(second, "Second").then().statusCode(200).header("X-RateLimit-Remaining", "3");
        api().contentType("application/json")
                .body(Map.of("title", "anonymous", "copies", 1))
                .post("/api/v1/test/notes")
                .then()
                .statusCode(201);
    }

    @Test
    void readsAreCountedInMemoryAndWriteNothing() {
        var reader = Accounts.newUser("STUDENT");
        freshBuckets();
        for (int i = 1; i <= 40; i++) {
            reader.api()
                    .get("/api/v1/auth/me")
                    .then()
                    .statusCode(200)
                    .header("X-RateLimit-Limit", "40")
                    .header("X-RateLimit-Remaining", String.valueOf(40 - i));
        }
        Response limited = reader.api().get("/api/v1/auth/me");
        limited.then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("code", equalTo("request.rate_limited"));
        // forty an hour come back one every 90 seconds
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 90);
        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_buckets")
                        .query(Long.class)
                        .single())
                .isZero();

        // another caller's reads are their own, and writes still count in PostgreSQL
        var other = Accounts.newUser("STUDENT");
        other.api().get("/api/v1/auth/me").then().statusCode(200).header("X-RateLimit-Remaining", "39");
        rename(other, "Other").then().statusCode(200);
        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_buckets WHERE id LIKE 'writes:%:user:%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_buckets WHERE id LIKE 'reads:%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void parallelRequestsDrawFromOneBucket() throws Exception {
        List<Callable<Integer>> calls = IntStream.range(0, 10)
                .<Callable<Integer>>mapToObj(i -> () -> badLogin().statusCode())
                .toList();
        List<Integer> statuses;
        try (var pool = Executors.newFixedThreadPool(10)) {
            statuses = pool.invokeAll(calls).stream()
                    .map(f -> {
                        try {
                            return f.get();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        }
        assertThat(statuses.stream().filter(s -> s == 401)).hasSize(3);
        assertThat(statuses.stream().filter(s -> s == 429)).hasSize(7);
    }

    @Test
    void bucketsLiveInPostgresSoEveryInstanceSharesThem() {
        badLogin().then().statusCode(401).header("X-RateLimit-Remaining", "2");
        String key = jdbc.sql("SELECT id FROM rate_limit_buckets WHERE id LIKE 'login:%'")
                .query(String.class)
                .single();

        // a second instance: its own proxy manager and limiter, nothing in memory shared with the first
        var otherInstance =
                new RateLimiter(RateLimitConfiguration.proxyManager(dataSource, Clock.systemUTC()), properties);
        var rule = otherInstance.rule("login").orElseThrow();
        assertThat(otherInstance.take(rule, key).remaining()).isEqualTo(1);
        assertThat(otherInstance.take(rule, key).remaining()).isZero();
        assertThat(otherInstance.take(rule, key).allowed()).isFalse();

        badLogin().then().statusCode(429).body("code", equalTo("request.rate_limited"));
    }

    @Test
    void bucketsThatFilledUpAgainAreDeleted() {
        badLogin().then().statusCode(401);
        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_buckets")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        jdbc.sql("UPDATE rate_limit_buckets SET expires_at = 0").update();
        assertThat(buckets.removeExpired(100)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_buckets")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
