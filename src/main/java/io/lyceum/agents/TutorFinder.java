package io.lyceum.agents;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.CatalogToolsApi;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Natural-language tutor search: the sentence becomes the filters of {@code GET /api/v1/tutors}, read by the model
 * when one is configured (its JSON answer is normalised and mapped onto the catalog by the same rules) and by
 * {@link TutorQueryParser} alone when not, or when the model fails. The search itself runs as the caller.
 */
@Service
class TutorFinder {

    private static final Logger log = LoggerFactory.getLogger(TutorFinder.class);

    static final String DESIGN_PROMPT = """
            You turn a request for a tutor into search criteria. Answer with one JSON object and nothing else, with \
            these keys (null when not said): "subject" (the school subject, in English), "level" (one of primary, \
            gcse, a-level, ib, university, adult), "minPrice" and "maxPrice" (numbers, per hour, in major units), \
            "currency" (ISO 4217 code), "days" (array of English weekday names, or ["weekend"] / ["weekdays"]), \
            "timeOfDay" (morning, afternoon, evening or night), "keywords" (other qualities asked for, a few words).""";

    record Found(
            String parser,
            TutorQueryParser.Criteria criteria,
            JsonNode results,
            @Nullable String modelError) {}

    private final CatalogToolsApi catalog;
    private final AgentsProperties properties;
    private final AgentOverrides overrides;
    private final AgentExecutions executions;
    private final JsonMapper json;
    private final Clock clock;

    TutorFinder(
            CatalogToolsApi catalog,
            AgentsProperties properties,
            AgentOverrides overrides,
            AgentExecutions executions,
            JsonMapper json,
            Clock clock) {
        this.catalog = catalog;
        this.properties = properties;
        this.overrides = overrides;
        this.executions = executions;
        this.json = json;
        this.clock = clock;
    }

    Found find(CurrentUser caller, String sentence, @Nullable String timeZone, PageQuery page, String source) {
        ZoneId zone;
        try {
            zone = timeZone == null || timeZone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "The request has invalid fields.",
                    List.of(new FieldError("timeZone", "must be an IANA time zone such as Europe/London")));
        }
        String parser = "rules";
        String reading = sentence;
        String modelError = null;
        AgentOverrides.Effective settings = overrides.effective(AgentOverrides.TUTOR_SEARCH, DESIGN_PROMPT);
        if (properties.model().configured() && settings.enabled()) {
            long started = System.nanoTime();
            try {
                reading = modelReading(settings, sentence);
                parser = "model";
                executions.record(
                        AgentOverrides.TUTOR_SEARCH,
                        source,
                        caller.userId().value(),
                        sentence,
                        reading,
                        0,
                        null,
                        null,
                        elapsed(started),
                        AgentExecutions.Status.success,
                        null,
                        clock.instant());
            } catch (RuntimeException e) {
                modelError = "The model could not read the request ("
                        + e.getClass().getSimpleName() + "); the built-in parser did.";
                log.warn("Tutor search model failed: {}", e.toString());
                executions.record(
                        AgentOverrides.TUTOR_SEARCH,
                        source,
                        caller.userId().value(),
                        sentence,
                        null,
                        0,
                        null,
                        null,
                        elapsed(started),
                        AgentExecutions.Status.error,
                        e.toString(),
                        clock.instant());
            }
        }
        var criteria = TutorQueryParser.parse(reading, catalog.subjectsNamedIn(reading), zone, clock.instant());
        JsonNode results = catalog.searchTutors(
                caller,
                new CatalogToolsApi.TutorFilters(
                        criteria.subjectId() == null
                                ? null
                                : criteria.subjectId().toString(),
                        criteria.level(),
                        criteria.minPrice(),
                        criteria.maxPrice(),
                        criteria.currency(),
                        null,
                        null,
                        null,
                        criteria.q(),
                        criteria.freeFrom() == null ? null : criteria.freeFrom().toString(),
                        criteria.freeTo() == null ? null : criteria.freeTo().toString(),
                        null),
                page);
        return new Found(parser, criteria, results, modelError);
    }

    /** The model's JSON reading, written back as a plain sentence the rules read exactly. */
    @SuppressWarnings("unchecked")
    private String modelReading(AgentOverrides.Effective settings, String sentence) {
        var model = OpenAiChatModel.builder()
                .baseUrl(properties.model().baseUrl())
                .apiKey(
                        properties.model().apiKey() == null
                                        || properties.model().apiKey().isBlank()
                                ? "none"
                                : properties.model().apiKey())
                .modelName(settings.model())
                .temperature(settings.temperature().doubleValue())
                .maxTokens(settings.maxTokens())
                .timeout(min(settings.timeout(), properties.model().requestTimeout()))
                .build();
        var response = model.chat(ChatRequest.builder()
                .messages(SystemMessage.from(settings.systemPrompt()), UserMessage.from(sentence))
                .responseFormat(ResponseFormat.JSON)
                .build());
        String text = response.aiMessage().text();
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        Map<String, Object> reading = json.readValue(text.substring(start, end + 1), Map.class);
        List<String> parts = new ArrayList<>();
        add(parts, reading.get("subject"));
        add(parts, reading.get("level"));
        Object min = reading.get("minPrice");
        Object max = reading.get("maxPrice");
        String currency = reading.get("currency") == null ? "" : " " + reading.get("currency");
        if (min != null && max != null) {
            parts.add("between " + min + " and " + max + currency);
        } else if (max != null) {
            parts.add("under " + max + currency);
        } else if (min != null) {
            parts.add("over " + min + currency);
        }
        if (reading.get("days") instanceof List<?> days) {
            days.forEach(d -> add(parts, d));
        }
        add(parts, reading.get("timeOfDay"));
        add(parts, reading.get("keywords"));
        return String.join(" , ", parts);
    }

    private static void add(List<String> parts, @Nullable Object value) {

        if (value != null && !value.toString().isBlank()) {
            parts.add(value.toString());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static long elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    static Map<String, Object> asMap(Found found, JsonMapper json) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("parser", found.parser());
        map.put("criteria", json.convertValue(found.criteria(), Map.class));
        map.put("results", json.convertValue(found.results(), Map.class));
        if (found.modelError() != null) {
            map.put("modelError", found.modelError());
        }
        return map;
    }
}
