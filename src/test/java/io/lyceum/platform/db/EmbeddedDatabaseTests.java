package io.lyceum.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The development database: persistent across restarts, and recovers from a server orphaned by a killed JVM. (The role
 * the application connects as is checked on the shared test instance: {@link DatabaseRoleTests}.)
 *
 * <p>Each start is the application's database alone ({@link DatabaseOnly}: the embedded server, the pool and Flyway
 * with the application's configuration), not the whole application: nothing else takes part in what these tests
 * check, and the four starts of the whole application were most of their time.
 */
class EmbeddedDatabaseTests {

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesARestart() {
        try (var context = start()) {
            context.getBean(JdbcClient.class)
                    .sql("UPDATE tenants SET name = 'Renamed before restart' WHERE slug = 'default'")
                    .update();
        }
        try (var context = start()) {
            assertThat(context.getBean(JdbcClient.class)
                            .sql("SELECT name FROM tenants WHERE slug = 'default'")
                            .query(String.class)
                            .single())
                    .isEqualTo("Renamed before restart");
        }
    }

    @Test
    void startsEvenWhenAServerFromAKilledProcessStillRuns() throws Exception {
        String postgresBinary;
        try (var context = start()) {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid"))
                    .getFirst()
                    .trim());
            postgresBinary =
                    ProcessHandle.of(pid).orElseThrow().info().command().orElseThrow();
        }
        // what a kill -9 of the JVM leaves behind: a postmaster still running on our data directory
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-Uu")); // as zonky does: PostgreSQL refuses to run as root
        }
        command.addAll(List.of(postgresBinary, "-D", dataDir.toString(), "-p", String.valueOf(freePort())));
        Process orphan = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dataDir.resolve("postmaster.pid")));

        try (var context = start()) {
            assertThat(context.getBean(JdbcClient.class)
                            .sql("SELECT count(*) FROM tenants")
                            .query(Long.class)
                            .single())
                    .isPositive();
        }
        assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private static int freePort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(DatabaseOnly.class)
                .web(WebApplicationType.NONE)
                .run("--spring.profiles.active=test", "--lyceum.db.embedded-data-dir=" + dataDir);
    }

    /** The application's embedded database, migrated as the application migrates it, and a JdbcClient on it. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DatabaseProperties.class)
    @Import(EmbeddedDatabaseConfiguration.class)
    @ImportAutoConfiguration({
        DataSourceAutoConfiguration.class,
        FlywayAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class,
        JdbcClientAutoConfiguration.class
    })
    static class DatabaseOnly {}
}
