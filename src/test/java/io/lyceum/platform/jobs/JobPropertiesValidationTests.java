package io.lyceum.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The job scheduler's settings stop start-up when bad, naming the property, instead of falling back silently. */
class JobPropertiesValidationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(JobProperties.class)
    static class Settings {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void theDefaultsAreValid() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            JobProperties properties = context.getBean(JobProperties.class);
            assertThat(properties.enabled()).isTrue();
            assertThat(properties.threads()).isEqualTo(4);
            assertThat(properties.heartbeatInterval()).isEqualTo(Duration.ofSeconds(15));
        });
    }

    @Test
    void aBadValueStopsStartUpNamingTheProperty() {
        failsNaming("lyceum.jobs.threads=0", "threads");
        failsNaming("lyceum.jobs.polling-interval=0s", "pollingInterval");
        failsNaming("lyceum.jobs.heartbeat-interval=0s", "heartbeatInterval");
    }

    private void failsNaming(String setting, String field) {
        runner.withPropertyValues(setting).run(context -> {
            assertThat(context).as(setting).hasFailed();
            assertThat(context.getStartupFailure())
                    .as(setting)
                    .rootCause()
                    .hasMessageContaining("lyceum.jobs")
                    .hasMessageContaining(field);
        });
    }
}
