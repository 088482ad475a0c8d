package io.lyceum.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.SettingsValidation;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The messaging settings stop start-up when bad, naming the property, instead of misbehaving later. */
class MessagingPropertiesValidationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MessagingProperties.class)
    static class Settings {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void theDefaultsAreValid() {
        runner.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aBadValueStopsStartUpNamingTheProperty() {
        SettingsValidation.refuses(runner, "lyceum.messaging.messages-per-minute=0", "messagesPerMinute");
        SettingsValidation.refuses(runner, "lyceum.messaging.idle-timeout=0s", "idleTimeout");
        SettingsValidation.refuses(runner, "lyceum.messaging.history-on-join=-1", "historyOnJoin");
    }
}
