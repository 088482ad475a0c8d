package io.lyceum.agents;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Agents settings ({@code lyceum.agents.*}).
 *
 * @param model the assistant's model: any OpenAI-compatible endpoint; none when base URL or model name is empty
 * @param defaults the design defaults an agent override's null fields fall back to
 * @param keyUseResolution a personal key's last use is written at most this often
 */
@Validated
@ConfigurationProperties("lyceum.agents")
record AgentsProperties(
        @Valid Model model,
        @Valid Defaults defaults,
        @DurationMin(seconds = 1) Duration keyUseResolution) {

    AgentsProperties {
        model = model == null ? Model.UNSET : model;
        defaults = defaults == null ? Defaults.DESIGN : defaults;
        keyUseResolution = keyUseResolution == null ? Duration.ofMinutes(5) : keyUseResolution;
    }

    record Model(
            @Nullable String baseUrl,
            @Nullable String apiKey,
            @Nullable String name,
            String provider,
            @DurationMin(seconds = 1) Duration requestTimeout) {

        private static final String DEFAULT_PROVIDER = "openai";
        private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

        /** No model: nothing under {@code lyceum.agents.model}. */
        static final Model UNSET = new Model(null, null, null, DEFAULT_PROVIDER, DEFAULT_REQUEST_TIMEOUT);

        Model {
            provider = provider == null || provider.isBlank() ? DEFAULT_PROVIDER : provider;
            requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        }

        boolean configured() {
            return baseUrl != null && !baseUrl.isBlank() && name != null && !name.isBlank();
        }
    }

    record Defaults(
            @DecimalMin("0") @DecimalMax("2") BigDecimal temperature,
            @Positive Integer maxTokens,
            @Min(0) Integer maxToolCalls,
            @DurationMin(seconds = 1) Duration timeout,
            @Positive Integer maxTokenBudget) {
        private static final BigDecimal DEFAULT_TEMPERATURE = new BigDecimal("0.2");
        private static final int DEFAULT_MAX_TOKENS = 1024;
        private static final int DEFAULT_MAX_TOOL_CALLS = 8;
        private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
        private static final int DEFAULT_MAX_TOKEN_BUDGET = 20_000;

        /** The design defaults, when nothing under {@code lyceum.agents.defaults} is set. */
        static final Defaults DESIGN = new Defaults(
                DEFAULT_TEMPERATURE,
                DEFAULT_MAX_TOKENS,
                DEFAULT_MAX_TOOL_CALLS,
                DEFAULT_TIMEOUT,
                DEFAULT_MAX_TOKEN_BUDGET);

        Defaults {
            temperature = temperature == null ? DEFAULT_TEMPERATURE : temperature;
            maxTokens = maxTokens == null ? DEFAULT_MAX_TOKENS : maxTokens;
            maxToolCalls = maxToolCalls == null ? DEFAULT_MAX_TOOL_CALLS : maxToolCalls;
            timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
            maxTokenBudget = maxTokenBudget == null ? DEFAULT_MAX_TOKEN_BUDGET : maxTokenBudget;
        }
    }
}
