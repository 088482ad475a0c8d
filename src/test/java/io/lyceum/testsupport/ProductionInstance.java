package io.lyceum.testsupport;

import io.lyceum.LyceumApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second application started as a production install runs: an external database (the test's embedded PostgreSQL,
 * reached as the non-superuser {@code lyceum_app}), no test profile, everything else at its default unless a test
 * passes it. Tests of start-up refusals and of what production serves use it; {@link #startFails} returns the reason
 * start-up was refused.
 */
public final class ProductionInstance {

    /** The test profile's encryption key: instances sharing a database must share it to open its sealed keys. */
    public static final String ENCRYPTION_KEY = "test-only-key-0123456789abcdefghijklmnop";

    private ProductionInstance() {}

    /**
     * What every production instance in the tests gets: the database, a free port, a throwaway file directory and
     * cheap password hashes (the hashing cost is not what these tests are about). Nothing security-relevant.
     */
    public static Map<String, String> base(EmbeddedPostgres postgres) {
        String url = postgres.getJdbcUrl("postgres", "lyceum").replace("?user=postgres", "");
        Map<String, String> properties = new TreeMap<>();
        properties.put("lyceum.db.embedded", "false");
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", "lyceum_app");
        properties.put("spring.datasource.password", "lyceum_app");
        properties.put("spring.flyway.url", url);
        properties.put("spring.flyway.user", "postgres");
        properties.put("spring.flyway.password", "");
        properties.put("server.port", "0");
        properties.put("lyceum.jobs.enabled", "false");
        properties.put("lyceum.storage.local-dir", System.getProperty("java.io.tmpdir") + "/lyceum-prod-test-files");
        properties.put("lyceum.auth.argon2.memory-kib", "8");
        properties.put("lyceum.auth.argon2.iterations", "1");
        // the tests' callers all come from 127.0.0.1, whose buckets the main test instance shares
        for (String limit : List.of(
                "reads", "writes", "routes.register", "routes.login", "routes.refresh", "routes.password-reset")) {
            properties.put("lyceum.rate-limits." + limit + ".limit", "100000");
        }
        return properties;
    }

    /**
     * {@link #base} plus what production needs to start: explicit providers, an encryption key and the internal
     * worker's secret.
     */
    public static Map<String, String> startable(EmbeddedPostgres postgres) {
        Map<String, String> properties = base(postgres);
        properties.put("lyceum.payments.provider", "sandbox");
        properties.put("lyceum.telephony.sms.provider", "sandbox");
        properties.put("lyceum.telephony.voice.provider", "sandbox");
        properties.put("lyceum.auth.secret-encryption-key", ENCRYPTION_KEY);
        properties.put("lyceum.trust.worker-secret", "test-caas-worker-secret-0123456789");
        return properties;
    }

    public static ConfigurableApplicationContext start(Map<String, String> properties) {
        // command-line arguments outrank application.yml, unlike builder default properties
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(LyceumApplication.class).run(args);
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** Starts an instance that must refuse to start; returns the messages of the failure and its causes. */
    public static String startFails(Map<String, String> properties) {
        try (ConfigurableApplicationContext started = start(properties)) {
            throw new AssertionError("The instance started although it should have refused: " + properties);
        } catch (RuntimeException e) {
            StringBuilder messages = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            return messages.toString();
        }
    }
}
