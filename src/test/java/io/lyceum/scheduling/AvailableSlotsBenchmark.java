package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tutors;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Latency of {@code GET /api/v1/tutors/{id}/available-slots} for a four-week window, over HTTP, for a tutor with two
 * windows a day, holidays and extra hours, and about two bookings a day. Not part of the default build; run it with
 * {@code ./mvnw -B -ntp -Dtest=AvailableSlotsBenchmark -Dsurefire.failIfNoSpecifiedTests=false test}.
 */
class AvailableSlotsBenchmark extends ApiTestBase {

    private static final int WARM_UP = 200;
    private static final int REQUESTS = 1000;

    @Test
    void availableSlotsLatencyForFourWeeks() throws Exception {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        List<Map<String, Object>> windows = new ArrayList<>(AvailableSlotsApiTests.everyDay("08:00", "12:00"));
        windows.addAll(AvailableSlotsApiTests.everyDay("13:00", "19:30"));
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        List<Map<String, Object>> overrides = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            overrides.add(Map.of("date", today.plusDays(3 + 7 * i).toString(), "kind", "BLOCKED"));
            overrides.add(Map.of(
                    "date", today.plusDays(5 + 7 * i).toString(), "kind", "EXTRA", "start", "20:00", "end", "22:00"));
        }
        AvailableSlotsApiTests.replace(
                tutor.tutor(),
                Map.of("bufferMinutes", 10, "minimumNoticeMinutes", 0, "lessonLengths", List.of(30, 60, 90)),
                windows,
                overrides);
        Random random = new Random(3);
        Instant base = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        int booked = 0;
        for (int day = 0; day < 29; day++) {
            for (int hour : List.of(9, 15)) {
                if (random.nextInt(4) > 0) {
                    TestBookings.insert(
                            jdbc,
                            tutor,
                            base.plus(Duration.ofDays(day))
                                    .plus(Duration.ofMinutes(hour * 60 + 15 * random.nextInt(4))),
                            60,
                            10,
                            "CONFIRMED");
                    booked++;
                }
            }
        }
        String path = "/api/v1/tutors/" + tutor.id() + "/available-slots";
        Map<String, Object> params = Map.of(
                "from",
                base.toString(),
                "to",
                base.plus(Duration.ofDays(28)).toString(),
                "duration",
                60,
                "tz",
                "America/New_York");
        int slots = api().queryParams(params)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .path("slots.size()");
        assertThat(slots).isPositive();
        // timed with the JDK's HTTP client alone (parsing a 100 KB answer into maps would dominate)
        URI uri = URI.create("http://localhost:" + port + path + "?from=" + params.get("from") + "&to="
                + params.get("to") + "&duration=60&tz=America/New_York");
        HttpClient client = HttpClient.newHttpClient();
        int bytes = 0;
        for (int i = 0; i < WARM_UP; i++) bytes = time(client, uri).length();
        long[] nanos = new long[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long start = System.nanoTime();
            time(client, uri);
            nanos[i] = System.nanoTime() - start;
        }
        String report = String.format(
                Locale.ROOT,
                "available-slots, 4-week window (%d slots of 60 minutes, %d KB of JSON; 14 windows a week, 8 overrides,"
                        + " %d bookings), %d requests after %d warm-up:%n  p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                slots,
                bytes / 1024,
                booked,
                REQUESTS,
                WARM_UP,
                percentile(nanos, 50),
                percentile(nanos, 99),
                percentile(nanos, 100));
        System.out.println(report);
        Files.writeString(Path.of("target", "available-slots-benchmark.txt"), report);
    }

    private static String time(HttpClient client, URI uri) {
        try {
            HttpResponse<String> response =
                    client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
    }
}
