package io.lyceum.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.SettingsValidation;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The Idempotency-Key settings stop start-up when bad, naming the property, instead of being replaced silently. */
class IdempotencyPropertiesValidationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IdempotencyProperties.class)
    static class Settings {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void theDefaultsAreValid() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            IdempotencyProperties properties = context.getBean(IdempotencyProperties.class);
            assertThat(properties.ttl()).isEqualTo(Duration.ofHours(24));
            assertThat(properties.maxBodyBytes()).isEqualTo(32L * 1024 * 1024);
            assertThat(properties.lockTimeout()).isEqualTo(Duration.ofMinutes(1));
        });
    }

    @Test
    void aBadValueStopsStartUpNamingTheProperty() {
        // a body limit of 0 used to be replaced by 32 MiB without a word
        SettingsValidation.refuses(runner, "lyceum.idempotency.max-body-bytes=0", "lyceum.idempotency", "maxBodyBytes");
        SettingsValidation.refuses(runner, "lyceum.idempotency.ttl=10s", "lyceum.idempotency", "ttl");
        SettingsValidation.refuses(runner, "lyceum.idempotency.lock-timeout=0s", "lyceum.idempotency", "lockTimeout");
    }
}
