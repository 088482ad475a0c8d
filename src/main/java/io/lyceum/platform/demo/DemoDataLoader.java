package io.lyceum.platform.demo;

import io.lyceum.platform.DemoDataContributor;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo marketplace when {@code lyceum.demo-data.enabled=true} ({@code LYCEUM_DEMO_DATA=true}). Each
 * module's contribution runs once per database in its own transaction together with its marker row, so a crash
 * half-way leaves nothing half-loaded and two instances starting together do not load it twice.
 */
@Component
@ConditionalOnBooleanProperty("lyceum.demo-data.enabled")
class DemoDataLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final List<DemoDataContributor> contributors;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    private final io.lyceum.platform.DemoDataScope scope;

    DemoDataLoader(
            List<DemoDataContributor> contributors,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Clock clock,
            org.springframework.beans.factory.ObjectProvider<io.lyceum.platform.DemoDataScope> scope) {
        this.scope = scope.getIfAvailable(() -> java.util.function.Supplier::get);
        this.contributors = contributors.stream()
                .sorted(Comparator.comparingInt(DemoDataContributor::order))
                .toList();
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Runs while the application is started but not yet ready: Spring Boot declares readiness (ACCEPTING_TRAFFIC)
     * only after the ready event's listeners return, so {@code /health} and the readiness probe answer 503 until the
     * demo users exist. Keep it synchronous.
     */
    @EventListener(ApplicationReadyEvent.class)
    void load() {
        for (DemoDataContributor contributor : contributors) {
            boolean loaded = Boolean.TRUE.equals(scope.call(() -> transactions.execute(status -> {
                int claimed = jdbc.sql("""
                        INSERT INTO demo_data_loads (contributor, loaded_at) VALUES (:name, :now)
                        ON CONFLICT (contributor) DO NOTHING
                        """)
                        .param("name", contributor.name())
                        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                        .update();
                if (claimed == 1) {
                    contributor.contribute();
                }
                return claimed == 1;
            })));
            if (loaded) {
                log.info("Loaded demo data: {}", contributor.name());
            }
        }
    }
}
