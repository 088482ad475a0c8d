package io.lyceum.agents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for the tools' JSON Schemas (draft 2020-12), as plain maps the MCP SDK and Jackson serialise. */
final class Schemas {

    private Schemas() {}

    /** An object with these properties (name, schema pairs in order) and the named required ones; no others allowed. */
    static Map<String, Object> object(Map<String, Object> properties, String... required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (required.length > 0) {
            schema.put("required", List.of(required));
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /** An output object: these properties described, others allowed (the REST body may grow). */
    static Map<String, Object> result(String description, Map<String, Object> properties, String... required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("description", description);
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.put("__frontendAction", frontendAction());
        schema.put("properties", all);
        if (required.length > 0) {
            schema.put("required", List.of(required));
        }
        return schema;
    }

    /** A paged REST answer: {content:[...], page:{...}}. */
    static Map<String, Object> page(String description) {
        return result(
                description,
                props(
                        "content",
                        Map.of("type", "array", "items", Map.of("type", "object")),
                        "page",
                        Map.of("type", "object")),
                "content",
                "page");
    }

    static Map<String, Object> frontendAction() {
        return Map.of(
                "type",
                "object",
                "description",
                "A card a client can render: payment, dataView or qrcode (see docs/agents.md)",
                "properties",
                Map.of("type", Map.of("type", "string", "enum", List.of("payment", "dataView", "qrcode"))),
                "required",
                List.of("type"));
    }

    static Map<String, Object> props(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static Map<String, Object> string(String description, int maxLength) {
        return Map.of("type", "string", "description", description, "minLength", 1, "maxLength", maxLength);
    }

    static Map<String, Object> uuid(String description) {
        return Map.of(
                "type",
                "string",
                "description",
                description,
                "pattern",
                "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    }

    static Map<String, Object> dateTime(String description) {
        return Map.of("type", "string", "format", "date-time", "description", description, "maxLength", 40);
    }

    static Map<String, Object> integer(String description, long min, long max) {
        return Map.of("type", "integer", "description", description, "minimum", min, "maximum", max);
    }

    static Map<String, Object> number(String description, double min, double max) {
        return Map.of("type", "number", "description", description, "minimum", min, "maximum", max);
    }

    static Map<String, Object> bool(String description) {
        return Map.of("type", "boolean", "description", description);
    }

    static Map<String, Object> oneOf(String description, String... values) {
        return Map.of("type", "string", "description", description, "enum", List.of(values));
    }

    static Map<String, Object> arrayOf(String description, Map<String, Object> items, int maxItems) {
        return Map.of("type", "array", "description", description, "items", items, "maxItems", maxItems);
    }

    /** The paging properties every list tool takes, added to its own. */
    static Map<String, Object> paged(Object... pairs) {
        List<Object> all = new ArrayList<>(Arrays.asList(pairs));
        all.addAll(List.of(
                "page", integer("page number, from 0", 0, 10_000), "size", integer("page size (default 20)", 1, 100)));
        return props(all.toArray());
    }
}
