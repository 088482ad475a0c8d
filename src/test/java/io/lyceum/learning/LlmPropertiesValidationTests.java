package io.lyceum.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.SettingsValidation;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The course generator's model settings stop start-up when bad, naming the property, instead of misbehaving later. */
class LlmPropertiesValidationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LlmProperties.class)
    static class Settings {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void theDefaultsAreValid() {
        runner.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aBadValueStopsStartUpNamingTheProperty() {
        SettingsValidation.refuses(runner, "lyceum.learning.llm.transcript-token-budget=10", "transcriptTokenBudget");
        SettingsValidation.refuses(runner, "lyceum.learning.llm.models[0].name=m", "quality");
        SettingsValidation.refuses(runner, "lyceum.learning.llm.timeout=0s", "timeout");
    }
}
