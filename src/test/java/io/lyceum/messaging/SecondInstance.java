package io.lyceum.messaging;

import io.lyceum.LyceumApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another application instance on the test application's embedded PostgreSQL, used as an external database, as
 * behind a load balancer (the same way BookingClusterTests starts one).
 */
final class SecondInstance {

    private SecondInstance() {}

    static ConfigurableApplicationContext start(EmbeddedPostgres postgres, String name, Map<String, Object> extra) {
        String url = postgres.getJdbcUrl("postgres", "lyceum").replace("?user=postgres", "");
        Map<String, Object> properties = new HashMap<>(Map.of(
                "spring.profiles.active", "test",
                "server.port", "0",
                "lyceum.jobs.instance-name", name,
                "lyceum.db.embedded", "false",
                "spring.datasource.url", url,
                "spring.datasource.username", "lyceum_app",
                "spring.datasource.password", "lyceum_app",
                "spring.flyway.url", url,
                "spring.flyway.user", "postgres",
                "spring.flyway.password", ""));
        properties.putAll(extra);
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(LyceumApplication.class).run(args);
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }
}
