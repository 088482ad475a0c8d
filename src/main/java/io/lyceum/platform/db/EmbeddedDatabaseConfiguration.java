package io.lyceum.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts an embedded PostgreSQL (zonky) when {@code lyceum.db.embedded=true}, the default. Its lifetime is the Spring
 * context's: zonky's own JVM shutdown hook is disabled because it races Spring's and can hang test JVMs. The server
 * runs with fsync off, which is why this mode is for development and evaluation only.
 *
 * <p>Two connection details are published: Flyway migrates as the superuser (the schema owner), the application
 * connects as the non-superuser {@code lyceum.db.app-role}, so PostgreSQL row-level security applies to it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "lyceum.db.embedded", matchIfMissing = true)
class EmbeddedDatabaseConfiguration {

    static final String DATABASE = "lyceum";
    private static final String SUPERUSER = "postgres";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(DatabaseProperties properties) throws IOException, SQLException {
        boolean throwaway = properties.embeddedDataDir() == null
                || properties.embeddedDataDir().isBlank();
        Path dataDir = throwaway
                ? Files.createTempDirectory("lyceum-pg-")
                : Path.of(properties.embeddedDataDir()).toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        if (!throwaway) {
            stopOrphanedServer(dataDir);
        }
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(throwaway)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "200")
                .setLocaleConfig("encoding", "UTF8");
        if (properties.embeddedPort() > 0) {
            builder.setPort(properties.embeddedPort());
        }
        EmbeddedPostgres postgres = builder.start();
        try {
            bootstrap(postgres.getPostgresDatabase(), properties.appRole());
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        log.info(
                "Embedded PostgreSQL (development only, fsync off) at {} with data in {}",
                jdbcUrl(postgres),
                throwaway ? "a throwaway directory" : dataDir);
        return postgres;
    }

    @Bean
    JdbcConnectionDetails embeddedJdbcConnectionDetails(EmbeddedPostgres postgres, DatabaseProperties properties) {
        String url = jdbcUrl(postgres);
        String role = properties.appRole();
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return role;
            }

            @Override
            public String getPassword() {
                return role;
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }

    @Bean
    FlywayConnectionDetails embeddedFlywayConnectionDetails(EmbeddedPostgres postgres) {
        String url = jdbcUrl(postgres);
        return new FlywayConnectionDetails() {
            @Override
            public String getUsername() {
                return SUPERUSER;
            }

            @Override
            public @Nullable String getPassword() {
                return null;
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }

    /** The URL without credentials: a {@code user} URL parameter would override the connection's role. */
    private static String jdbcUrl(EmbeddedPostgres postgres) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    /**
     * A JVM killed before Spring could close the context (kill -9, a crash, a signal during start-up) leaves its
     * PostgreSQL child running on the data directory, and the next start would fail on {@code postmaster.pid}. Stop
     * such an orphan first: it belongs to no live Lyceum, since the data directory is ours alone.
     */
    private static void stopOrphanedServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try (var lines = Files.lines(pidFile)) {
            pid = Long.parseLong(lines.findFirst().orElse("").trim());
        } catch (NumberFormatException e) {
            return;
        }
        var orphan = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().orElse("").endsWith("postgres"));
        if (orphan.isEmpty()) {
            return; // a stale pid file: PostgreSQL itself recovers from it
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier process", pid, dataDir);
        ProcessHandle process = orphan.get();
        process.destroy(); // SIGTERM: PostgreSQL's orderly shutdown
        try {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping an orphaned PostgreSQL", e);
        }
    }

    /** Creates the database and the application's login role on first start; both survive restarts. */
    private static void bootstrap(DataSource superuser, String appRole) throws SQLException {
        try (Connection connection = superuser.getConnection();
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
            }
            var role = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + appRole + "'");
            if (!role.next()) {
                statement.execute("CREATE ROLE " + appRole
                        + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '" + appRole + "'");
            }
        }
    }
}
