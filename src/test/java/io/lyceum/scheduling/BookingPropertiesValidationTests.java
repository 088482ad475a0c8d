package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The booking settings are validated when they are bound: a bad value stops start-up with a message naming the
 * property, instead of being replaced silently by a default. No application context beyond the properties.
 */
class BookingPropertiesValidationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BookingProperties.class)
    static class Settings {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void theDefaultsAreValid() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            BookingProperties properties = context.getBean(BookingProperties.class);
            assertThat(properties.holdDuration()).isEqualTo(Duration.ofMinutes(15));
            assertThat(properties.sweepBatch()).isEqualTo(100);
            assertThat(properties.confirmationLead()).isZero();
            assertThat(properties.defaultPolicy().policy()).isEqualTo(new CancellationPolicy(24, 50, 12, 2));
        });
    }

    @Test
    void aBadValueStopsStartUpNamingTheProperty() {
        failsNaming("lyceum.scheduling.bookings.hold-duration=0s", "holdDuration");
        failsNaming("lyceum.scheduling.bookings.sweep-batch=0", "sweepBatch");
        failsNaming("lyceum.scheduling.bookings.completion-grace=-1h", "completionGrace");
        failsNaming("lyceum.scheduling.bookings.default-policy.late-fee-percent=150", "defaultPolicy.lateFeePercent");
    }

    private void failsNaming(String setting, String field) {
        runner.withPropertyValues(setting).run(context -> {
            assertThat(context).as(setting).hasFailed();
            assertThat(context.getStartupFailure())
                    .as(setting)
                    .rootCause()
                    .hasMessageContaining("lyceum.scheduling.bookings")
                    .hasMessageContaining(field);
        });
    }
}
