package io.lyceum.agents;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Agents settings ({@code lyceum.agents.*}).
 *
 * @param model the assistant's model: any OpenAI-compatible endpoint; none when base URL or model name is empty
 * @param defaults the design defaults an agent override's null fields fall back to
 * @param keyUseResolution a personal key's last use is written at most this often
 */
@ConfigurationProperties("lyceum.agents")
record AgentsProperties(Model model, Defaults defaults, Duration keyUseResolution) {

    AgentsProperties {
        model = model == null ? new Model(null, null, null, null, null) : model;
        defaults = defaults == null ? new Defaults(null, null, null, null, null) : defaults;
        keyUseResolution = keyUseResolution == null ? Duration.ofMinutes(5) : keyUseResolution;
    }

    record Model(String baseUrl, String apiKey, String name, String provider, Duration requestTimeout) {
        Model {
            provider = provider == null || provider.isBlank() ? "openai" : provider;
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(60) : requestTimeout;
        }

        boolean configured() {
            return baseUrl != null && !baseUrl.isBlank() && name != null && !name.isBlank();
        }
    }

    record Defaults(
            BigDecimal temperature, Integer maxTokens, Integer maxToolCalls, Duration timeout, Integer maxTokenBudget) {
        Defaults {
            temperature = temperature == null ? new BigDecimal("0.2") : temperature;
            maxTokens = maxTokens == null ? 1024 : maxTokens;
            maxToolCalls = maxToolCalls == null ? 8 : maxToolCalls;
            timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
            maxTokenBudget = maxTokenBudget == null ? 20_000 : maxTokenBudget;
        }
    }
}
