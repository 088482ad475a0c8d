package io.lyceum.agents;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
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
        model = model == null ? new Model(null, null, null, null, null) : model;
        defaults = defaults == null ? new Defaults(null, null, null, null, null) : defaults;
        keyUseResolution = keyUseResolution == null ? Duration.ofMinutes(5) : keyUseResolution;
    }

    record Model(
            String baseUrl,
            String apiKey,
            String name,
            String provider,
            @DurationMin(seconds = 1) Duration requestTimeout) {
        Model {
            provider = provider == null || provider.isBlank() ? "openai" : provider;
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(60) : requestTimeout;
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
        Defaults {
            temperature = temperature == null ? new BigDecimal("0.2") : temperature;
            maxTokens = maxTokens == null ? 1024 : maxTokens;
            maxToolCalls = maxToolCalls == null ? 8 : maxToolCalls;
            timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
            maxTokenBudget = maxTokenBudget == null ? 20_000 : maxTokenBudget;
        }
    }
}
