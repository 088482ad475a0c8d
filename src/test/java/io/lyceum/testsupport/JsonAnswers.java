package io.lyceum.testsupport;

import io.lyceum.testsupport.http.Response;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An answer's JSON read as a Jackson tree, for helpers that walk answers field by field rather than by JSON path
 * ({@link io.lyceum.testsupport.http.JsonPath}).
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

    /** The text of {@code field}, or null when it is absent or JSON null: what {@code JsonPath.getString} gives. */
    public static @Nullable String string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
