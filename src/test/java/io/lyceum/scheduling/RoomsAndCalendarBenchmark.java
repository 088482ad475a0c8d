package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.http.Http;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * Latency of the calendar feed, the launch route and the Lessonspace webhook, over HTTP. Not part of the default
 * build (surefire includes only *Test, *Tests and *Properties); run it with
 * {@code ./mvnw -B -ntp -Dtest=RoomsAndCalendarBenchmark -Dsurefire.failIfNoSpecifiedTests=false test}.
 */
class RoomsAndCalendarBenchmark extends ApiTestBase {

    private static final int WARM_UP = 50;
    private static final int REQUESTS = 300;

    @Test
    void feedLaunchAndWebhookLatency() {
        StringBuilder report = new StringBuilder();
        SignedIn typical = Accounts.newUser("TUTOR");
        lessons(typical.userId(), 300, 30);
        report.append(feed("feed, 300 lessons with 30 students", typical));
        SignedIn busiest = Accounts.newUser("TUTOR");
        lessons(busiest.userId(), 1000, 1000);
        report.append(feed("feed, 1000 lessons with 1000 students (max-events)", busiest));

        SignedIn student = Accounts.newUser("STUDENT");
        UUID booking = SqlBookings.insert(
                jdbc,
                Accounts.newUser("TUTOR").userId(),
                student.userId(),
                BookingState.CONFIRMED,
                Instant.now().plus(Duration.ofMinutes(5)),
                Duration.ofHours(1));
        report.append(measure("launch (Jitsi)", () -> student.api()
                .post("/api/v1/bookings/" + booking + "/launch")
                .then()
                .extract()
                .statusCode()));

        String space = "lyceum-bench-" + UUID.randomUUID();
        TenantContext.runAs(TenantId.DEFAULT, () -> {
            jdbc.sql("UPDATE bookings SET meeting_provider = 'lessonspace', meeting_room = :r WHERE id = :id")
                    .param("r", space)
                    .param("id", booking)
                    .update();
            jdbc.sql("""
                            INSERT INTO lesson_room_directory (provider, room_id, tenant_id, booking_id, created_at)
                            VALUES ('lessonspace', :r, :t, :id, now())
                            """)
                    .param("r", space)
                    .param("t", TenantId.DEFAULT.value())
                    .param("id", booking)
                    .update();
        });
        report.append(measure("webhook session.end (verify, parse, store)", () -> {
            String body = "{\"id\": \"evt-" + UUID.randomUUID()
                    + "\", \"type\": \"session.end\", \"data\": {\"space\": "
                    + "{\"id\": \"" + space + "\"}, \"session\": {\"id\": \"s\"}, \"participants\": [{\"user_id\": "
                    + "\"u\", \"name\": \"N\", \"joined_at\": \"2026-11-21T10:00:00Z\"}]}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return Http.given()
                    .contentType("application/json")
                    .header(
                            "X-Lessonspace-Signature",
                            WebhookSignature.header(
                                    "test-lessonspace-webhook-secret",
                                    Instant.now().getEpochSecond(),
                                    bytes))
                    .body(bytes)
                    .post("/api/v1/webhooks/lessonspace")
                    .then()
                    .extract()
                    .statusCode();
        }));
        System.out.println(report);
    }

    private String feed(String label, SignedIn user) {
        String url = user.api()
                .get("/api/v1/calendar/feed")
                .then()
                .statusCode(201)
                .extract()
                .path("url");
        String path = url.substring(url.indexOf("/api/v1/calendar/"));
        int size = Http.given()
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .length();
        return measure(
                label + ", " + size / 1024 + " KiB",
                () -> Http.given().get(path).then().extract().statusCode());
    }

    private void lessons(UUID tutor, int count, int students) {
        UUID[] ids = new UUID[students];
        TenantContext.runAs(TenantId.DEFAULT, () -> {
            for (int i = 0; i < students; i++) {
                ids[i] = UUID.randomUUID();
                jdbc.sql("""
                                INSERT INTO users (id, tenant_id, email, email_normalized, full_name, role, status,
                                                   time_zone, locale, created_at, updated_at)
                                VALUES (:id, :t, :e, :e, :n, 'STUDENT', 'ACTIVE', 'Europe/London', 'en', now(), now())
                                """)
                        .param("id", ids[i])
                        .param("t", TenantId.DEFAULT.value())
                        .param("e", "bench-" + ids[i] + "@example.com")
                        .param("n", "Student " + i)
                        .update();
            }
        });
        Instant first = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < count; i++) {
            SqlBookings.insert(
                    jdbc,
                    tutor,
                    ids[i % students],
                    i % 10 == 0 ? BookingState.CANCELLED : BookingState.CONFIRMED,
                    first.plus(Duration.ofMinutes(70L * i)),
                    Duration.ofHours(1));
        }
    }

    private static String measure(String label, IntSupplier call) {
        for (int i = 0; i < WARM_UP; i++) {
            assertThat(call.getAsInt()).isEqualTo(200);
        }
        long[] nanos = new long[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long start = System.nanoTime();
            assertThat(call.getAsInt()).isEqualTo(200);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return String.format(
                Locale.ROOT,
                "%s: %d requests after %d warm-up, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                label,
                REQUESTS,
                WARM_UP,
                nanos[REQUESTS / 2] / 1e6,
                nanos[(int) Math.ceil(REQUESTS * 0.99) - 1] / 1e6,
                nanos[REQUESTS - 1] / 1e6);
    }
}
