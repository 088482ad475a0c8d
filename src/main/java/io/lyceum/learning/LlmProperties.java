package io.lyceum.learning;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code lyceum.learning.llm}: the OpenAI-compatible endpoint of the model generator (OpenAI, a local Ollama or vLLM).
 * Without a {@code base-url} the generator is unavailable and requests choosing it are 422.
 *
 * @param baseUrl such as {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1}
 * @param apiKey sent as a bearer token (any text for endpoints that need none)
 * @param models the models to choose from by the transcript's size and the quality preference
 * @param transcriptTokenBudget at most this many transcript tokens are sent; longer transcripts are cut by section
 * @param timeout per model call
 */
@Validated
@ConfigurationProperties("lyceum.learning.llm")
record LlmProperties(
        @Nullable String baseUrl,
        @Nullable String apiKey,

        List<@Valid Model> models,
        @Min(100) Integer transcriptTokenBudget,
        @DurationMin(seconds = 1) Duration timeout) {

    LlmProperties {
        models = models == null || models.isEmpty()
                ? List.of(new Model("gpt-4o-mini", 128_000, "SPEED"), new Model("gpt-4o", 128_000, "QUALITY"))
                : List.copyOf(models);
        transcriptTokenBudget = transcriptTokenBudget == null ? 24_000 : transcriptTokenBudget;
        timeout = timeout == null ? Duration.ofMinutes(3) : timeout;
    }

    /**
     * @param name the model's name at the endpoint
     * @param contextTokens its context window
     * @param quality {@code QUALITY} or {@code SPEED}: which preference it serves
     */
    record Model(
            @NotBlank String name,
            @Min(1000) int contextTokens,
            @NotNull @Pattern(regexp = "(?i)QUALITY|SPEED") String quality) {}

    boolean configured() {
        return baseUrl != null && !baseUrl.isBlank();
    }
}
