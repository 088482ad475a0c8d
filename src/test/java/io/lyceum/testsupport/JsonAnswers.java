package io.lyceum.testsupport;

import io.lyceum.testsupport.http.Response;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An answer's JSON read with Jackson. Helpers that many tests call, and loops that read many fields, read answers this
 * way rather than with RestAssured's JSON paths: RestAssured compiles a Groovy script for every path it evaluates, and
 * in profiles of the suite a few such places were most of that compiler's work (BENCHMARKS.md, "Test suite time").
 */
public final class JsonAnswers {

    private static final JsonMapper JSON = JsonMapper.shared();

    private JsonAnswers() {}

    public static JsonNode read(String body) {
        return JSON.readTree(body);
    }

    public static JsonNode read(Response answer) {
        return read(answer.asString());
    }

    /** The text of {@code field}, or null when it is absent or JSON null: what RestAssured's {@code getString} gives. */
    public static @Nullable String string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
