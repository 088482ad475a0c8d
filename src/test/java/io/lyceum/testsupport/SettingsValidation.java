package io.lyceum.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Checks that a validated settings record refuses a bad value at start-up, naming what is wrong. */
public final class SettingsValidation {

    private SettingsValidation() {}

    /** Starting with {@code setting} ({@code name=value}) fails, and the root cause mentions every fragment. */
    public static void refuses(ApplicationContextRunner runner, String setting, String... fragments) {
        runner.withPropertyValues(setting).run(context -> {
            assertThat(context).as(setting).hasFailed();
            var cause = assertThat(context.getStartupFailure()).as(setting).rootCause();
            for (String fragment : fragments) {
                cause.hasMessageContaining(fragment);
            }
        });
    }
}
