package io.lyceum.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.LyceumApplication;
import io.lyceum.testsupport.http.Http;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two application instances on one database, as behind a load balancer: the first starts the embedded PostgreSQL,
 * the second connects to it as an external database. A recurring job that comes due every half second must run
 * once per due time, never on both instances, and keep running when one instance stops.
 */
class JobSchedulerClusterTests {

    private static final Map<String, Object> COMMON = Map.of(
            "spring.profiles.active", "test",
            "server.port", "0",
            "lyceum.jobs.polling-interval", "PT0.1S",
            "lyceum.jobs.idempotency-purge-interval", "PT0.5S",
            "lyceum.demo-data.enabled", "true");

    @Test
    void recurringJobRunsOncePerDueTimeAndFailsOverToTheOtherInstance() {
        try (ConfigurableApplicationContext alpha = start(Map.of("lyceum.jobs.instance-name", "alpha"))) {
            EmbeddedPostgres postgres = alpha.getBean(EmbeddedPostgres.class);
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
                JdbcClient jdbc = alpha.getBean(JdbcClient.class);

                await().atMost(Duration.ofSeconds(20)).until(() -> runs(jdbc).size() >= 6);

                // alpha stops taking jobs (as when it is shut down); beta carries on alone
                alpha.getBean(JobScheduler.class).stop();
                int before = runs(jdbc).size();
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> runsSince(jdbc, before).stream()
                                        .filter("beta"::equals)
                                        .count()
                                >= 3);
                assertThat(runsSince(jdbc, before + 1)).containsOnly("beta");

                List<Map<String, Object>> repeated = jdbc.sql("""
                        SELECT scheduled_for, count(*) AS executions
                          FROM job_runs WHERE task_name = 'idempotency-key-purge'
                         GROUP BY scheduled_for HAVING count(*) > 1
                        """).query().listOfRows();
                assertThat(repeated).as("due times executed more than once").isEmpty();
                assertThat(jdbc.sql("SELECT bool_and(succeeded) FROM job_runs")
                                .query(Boolean.class)
                                .single())
                        .isTrue();

                // demo data was loaded by exactly one of the two instances
                assertThat(jdbc.sql("SELECT count(*) FROM tenants WHERE slug = 'harbour'")
                                .query(Long.class)
                                .single())
                        .isEqualTo(1);
                assertThat(beta.getBean(JdbcClient.class)
                                .sql("SELECT count(*) FROM demo_data_loads WHERE contributor = 'tenancy'")
                                .query(Long.class)
                                .single())
                        .isEqualTo(1);
                demoGuardianSeesTheLinkedStudent(beta);
                demoTutorsAreApprovedAndPublic(beta);
                demoBookingsCoverEveryState(beta);
                demoAdminActionsAreAudited(beta);
                demoMoneyIsInTheLedger(beta);
            }
        }
    }

    /** The accounts demo data: the documented guardian signs in and sees the linked student. */
    private static void demoGuardianSeesTheLinkedStudent(ConfigurableApplicationContext app) {
        int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
        String token = signIn(port, "demo.guardian@lyceum.local");
        Http.given()
                .port(port)
                .header("Authorization", "Bearer " + token)
                .get("/api/v1/links/my-students")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(1))
                .body("content[0].email", equalTo("sophie.clarke@lyceum.local"));
    }

    /** The catalog demo data: each demo tutor's profile is APPROVED and publicly visible. */
    private static void demoTutorsAreApprovedAndPublic(ConfigurableApplicationContext app) {
        int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
        List<String> tutors = List.of(
                "priya.raman@lyceum.local",
                "james.oconnor@lyceum.local",
                "amara.okafor@lyceum.local",
                "eleanor.hughes@lyceum.local",
                "lucia.fernandez@lyceum.local",
                "hiroshi.tanaka@lyceum.local");
        for (String email : tutors) {
            String token = signIn(port, email);
            String tutorId = Http.given()
                    .port(port)
                    .header("Authorization", "Bearer " + token)
                    .get("/api/v1/tutors/me/profile")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("APPROVED"))
                    .body("missingSections", org.hamcrest.Matchers.empty())
                    .extract()
                    .path("tutorId");
            Http.given()
                    .port(port)
                    .get("/api/v1/tutors/" + tutorId)
                    .then()
                    .statusCode(200)
                    .body("pricing.currency", equalTo("GBP"))
                    .body("subjects.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
        }
        Http.given()
                .port(port)
                .get("/api/v1/categories")
                .then()
                .statusCode(200)
                .body(
                        "content.name",
                        org.hamcrest.Matchers.hasItems("Mathematics & Sciences", "Languages", "Music", "Humanities"));
        // the demo course pack is published with its three materials
        Http.given()
                .port(port)
                .get("/api/v1/course-packs")
                .then()
                .statusCode(200)
                .body("content.title", org.hamcrest.Matchers.hasItem("GCSE Maths: exam sprint"));
    }

    /** The demo admin's approvals and dispute decision are in the audit log (it was empty after a demo load). */
    private static void demoAdminActionsAreAudited(ConfigurableApplicationContext app) {
        int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
        String token = signIn(port, "demo.admin@lyceum.local");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    List<String> actions = Http.given()
                            .port(port)
                            .header("Authorization", "Bearer " + token)
                            .queryParam("size", 100)
                            .get("/api/v1/admin/audit-log")
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("content.action");
                    assertThat(actions).isNotEmpty().contains("TUTOR_APPROVED", "BOOKING_DISPUTE_RESOLVED");
                });
    }

    /** The scheduling demo data: the demo admin sees bookings in every state, and tutors have free slots. */
    private static void demoBookingsCoverEveryState(ConfigurableApplicationContext app) {
        int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
        String token = signIn(port, "demo.admin@lyceum.local");
        List<String> states = Http.given()
                .port(port)
                .header("Authorization", "Bearer " + token)
                .queryParam("size", 100)
                .get("/api/v1/bookings")
                .then()
                .statusCode(200)
                .extract()
                .path("content.state");
        assertThat(states)
                .containsAll(List.of(
                        "PENDING_PAYMENT",
                        "REQUESTED",
                        "CONFIRMED",
                        "COMPLETED",
                        "CANCELLED",
                        "DECLINED",
                        "EXPIRED",
                        "NO_SHOW_STUDENT",
                        "NO_SHOW_TUTOR",
                        "DISPUTED",
                        "RESOLVED"));
        String tutorId = Http.given()
                .port(port)
                .get("/api/v1/tutors?q=Priya")
                .then()
                .statusCode(200)
                .extract()
                .path("content[0].tutorId");
        java.time.Instant from = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        Http.given()
                .port(port)
                .queryParam("from", from.toString())
                .queryParam("to", from.plus(Duration.ofDays(28)).toString())
                .queryParam("duration", 60)
                .get("/api/v1/tutors/" + tutorId + "/available-slots")
                .then()
                .statusCode(200)
                .body("slots.size()", org.hamcrest.Matchers.greaterThan(50));
    }

    /**
     * The billing demo data: paid lesson orders, the cancelled lesson refunded, a paid package with its credits, a paid
     * enrollment, a paid invoice and an open quote, tutors' earnings, and a ledger whose entries all balance.
     */
    private static void demoMoneyIsInTheLedger(ConfigurableApplicationContext app) {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        java.util.function.Function<String, Long> count = sql -> io.lyceum.tenancy.TenantContext.callAs(
                new io.lyceum.tenancy.TenantId(jdbc.sql("SELECT id FROM tenants WHERE slug = 'default'")
                        .query(java.util.UUID.class)
                        .single()),
                () -> jdbc.sql(sql).query(Long.class).single());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(count.apply("SELECT count(*) FROM orders WHERE kind = 'BOOKING' AND status = 'PAID'"))
                    .isGreaterThanOrEqualTo(5);
            assertThat(count.apply("SELECT count(*) FROM refunds WHERE status = 'SUCCEEDED'"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(count.apply("SELECT count(*) FROM packages WHERE status = 'ACTIVE' AND credits_left = 5"))
                    .isEqualTo(1);
            assertThat(count.apply("SELECT count(*) FROM enrollments WHERE status = 'ACTIVE'"))
                    .isEqualTo(1);
            assertThat(count.apply("SELECT count(*) FROM orders WHERE kind = 'INVOICE' AND status = 'PAID'"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(count.apply("SELECT count(*) FROM journal_entries WHERE kind = 'EARNING'"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(count.apply("SELECT count(*) FROM payout_accounts")).isEqualTo(1);
        });
        assertThat(count.apply("""
                        SELECT count(*) FROM (SELECT entry_id FROM journal_lines GROUP BY entry_id, currency
                                              HAVING sum(amount) <> 0) AS off
                        """)).isZero();
    }

    /** A demo account's access token (every demo account shares the documented password). */
    private static String signIn(int port, String email) {
        return Http.given()
                .port(port)
                .contentType("application/json")
                .body(Map.of("email", email, "password", "demo-password-2026"))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
    }

    /** Which instance ran each execution of the purge job. */
    private static List<String> runs(JdbcClient jdbc) {
        return jdbc.sql(
                        "SELECT executed_by FROM job_runs WHERE task_name = 'idempotency-key-purge' ORDER BY started_at")
                .query(String.class)
                .list();
    }

    /** The runs after the first {@code from}, read once (new runs keep arriving while we look). */
    private static List<String> runsSince(JdbcClient jdbc, int from) {
        List<String> all = runs(jdbc);
        return all.subList(Math.min(from, all.size()), all.size());
    }

    private static ConfigurableApplicationContext start(Map<String, Object> overrides) {
        var properties = new java.util.HashMap<String, Object>(COMMON);
        properties.putAll(overrides);
        // command-line arguments outrank application.yml, unlike builder default properties
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(LyceumApplication.class).run(args);
    }
}
