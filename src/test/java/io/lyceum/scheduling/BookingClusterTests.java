package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.LyceumApplication;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Parallel;
import io.lyceum.testsupport.http.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two application instances on one database, as behind a load balancer: the test's application (alpha) and a second
 * one (beta) started against alpha's embedded PostgreSQL as an external database. Parallel bookings of one slot sent
 * to both instances still produce exactly one booking, and a due timer is handled once although both instances run
 * the timers.
 */
class BookingClusterTests extends BookingTestBase {

    @Autowired
    EmbeddedPostgres postgres;

    @Test
    void twoInstancesOnOneDatabaseNeverDoubleBook() {
        String url = postgres.getJdbcUrl("postgres", "lyceum").replace("?user=postgres", "");
        try (ConfigurableApplicationContext beta = start(Map.of(
                "lyceum.jobs.instance-name", "beta",
                "lyceum.db.embedded", "false",
                "spring.datasource.url", url,
                "spring.datasource.username", "lyceum_app",
                "spring.datasource.password", "lyceum_app",
                "spring.flyway.url", url,
                "spring.flyway.user", "postgres",
                "spring.flyway.password", ""))) {
            int betaPort = Integer.parseInt(beta.getEnvironment().getRequiredProperty("local.server.port"));
            Tutor tutor = tutor();
            var start = slot();
            int racers = 50;
            List<SignedIn> students = Parallel.run(racers, i -> student());

            List<Response> answers = Parallel.run(racers, i -> {
                var spec = students.get(i).api().contentType("application/json");
                if (i % 2 == 1) {
                    spec = spec.port(betaPort);
                }
                return spec.body(body(tutor, start, 60, false)).post(BOOKINGS);
            });

            Map<String, Long> outcomes = answers.stream()
                    .collect(Collectors.groupingBy(
                            r -> r.statusCode() + (r.statusCode() >= 400 ? " " + r.path("code") : ""),
                            Collectors.counting()));
            assertThat(outcomes)
                    .containsOnly(Map.entry("201", 1L), Map.entry("409 booking.slot_unavailable", (long) racers - 1));
            assertThat(count(
                            tutor.tenant(),
                            "SELECT count(*) FROM bookings WHERE tutor_id = :tutor",
                            Map.of("tutor", tutor.id())))
                    .isEqualTo(1);
            UUID id = UUID.fromString(answers.stream()
                    .filter(r -> r.statusCode() == 201)
                    .findFirst()
                    .orElseThrow()
                    .path("id"));

            // both instances see the booking, and both run the timers: the expiry happens once
            int winner = answers.indexOf(answers.stream()
                    .filter(r -> r.statusCode() == 201)
                    .findFirst()
                    .orElseThrow());
            students.get(winner)
                    .api()
                    .port(betaPort)
                    .get(BOOKINGS + "/" + id)
                    .then()
                    .statusCode(200);
            students.get(winner == 0 ? 1 : 0)
                    .api()
                    .port(betaPort)
                    .get(BOOKINGS + "/" + id)
                    .then()
                    .statusCode(404);
            tutor.user().api().port(betaPort).get(BOOKINGS + "/" + id).then().statusCode(200);
            sql(
                    tutor.tenant(),
                    "UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE id = :id",
                    Map.of("id", id));
            awaitState(tutor.tenant(), id, "EXPIRED");
            org.awaitility.Awaitility.await()
                    .during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> historyStates(tutor.tenant(), id).size() == 2);
            assertThat(historyStates(tutor.tenant(), id)).containsExactly("PENDING_PAYMENT", "EXPIRED");
            assertThat(jdbc.sql("SELECT count(DISTINCT executed_by) FROM job_runs WHERE task_name = :name")
                            .param("name", BookingTimerJobs.HOLD_EXPIRY)
                            .query(Long.class)
                            .single())
                    .as("instances that ran the hold-expiry job")
                    .isGreaterThanOrEqualTo(1);
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "spring.profiles.active", "test",
                "server.port", "0",
                "lyceum.jobs.polling-interval", "PT0.2S"));
        properties.putAll(overrides);
        // command-line arguments outrank application.yml, unlike builder default properties
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(LyceumApplication.class).run(args);
    }
}
