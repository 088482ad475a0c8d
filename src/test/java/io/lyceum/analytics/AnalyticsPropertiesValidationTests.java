package io.lyceum.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.SettingsValidation;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The analytics settings stop start-up when bad, naming the property, instead of misbehaving later. */
class AnalyticsPropertiesValidationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AnalyticsProperties.class)
    static class Settings {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void theDefaultsAreValid() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            AnalyticsProperties properties = context.getBean(AnalyticsProperties.class);
            assertThat(properties.maxSpan()).isEqualTo(Duration.ofDays(731));
            assertThat(properties.reportMaxAttempts()).isEqualTo(3);
        });
    }

    @Test
    void aBadValueStopsStartUpNamingTheProperty() {
        SettingsValidation.refuses(runner, "lyceum.analytics.max-span=PT1H", "lyceum.analytics", "maxSpan");
        SettingsValidation.refuses(
                runner, "lyceum.analytics.report-sweep-interval=0s", "lyceum.analytics", "reportSweepInterval");
        SettingsValidation.refuses(runner, "lyceum.analytics.report-lease=1s", "lyceum.analytics", "reportLease");
        SettingsValidation.refuses(
                runner, "lyceum.analytics.report-max-attempts=0", "lyceum.analytics", "reportMaxAttempts");
    }
}
