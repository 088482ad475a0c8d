package io.lyceum.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.SettingsValidation;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The sign-in settings stop start-up when bad, naming the property, instead of misbehaving later. */
class AuthPropertiesValidationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuthProperties.class)
    static class Settings {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void theDefaultsAreValid() {
        runner.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aBadValueStopsStartUpNamingTheProperty() {
        SettingsValidation.refuses(runner, "lyceum.auth.access-token-ttl=0s", "accessTokenTtl");
        SettingsValidation.refuses(runner, "lyceum.auth.session-idle-timeout=1s", "sessionIdleTimeout");
    }
}
