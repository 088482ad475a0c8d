package io.lyceum.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.SettingsValidation;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The agents' settings stop start-up when bad, naming the property, instead of misbehaving later. */
class AgentsPropertiesValidationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AgentsProperties.class)
    static class Settings {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void theDefaultsAreValid() {
        runner.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aBadValueStopsStartUpNamingTheProperty() {
        SettingsValidation.refuses(runner, "lyceum.agents.defaults.max-tokens=0", "maxTokens");
        SettingsValidation.refuses(runner, "lyceum.agents.defaults.temperature=3", "temperature");
        SettingsValidation.refuses(runner, "lyceum.agents.model.request-timeout=0s", "requestTimeout");
    }
}
