package io.lyceum.agents;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The registry's JSON Schemas as LangChain4j tool specifications, so the model sees the tools MCP clients see. */
final class ModelToolSpecs {

    private ModelToolSpecs() {}

    static ToolSpecification of(AgentTool tool) {
        return ToolSpecification.builder()
                .name(tool.name())
                .description(tool.description())
                .parameters(object(tool.inputSchema(), null))
                .build();
    }

    @SuppressWarnings("unchecked")
    private static JsonObjectSchema object(Map<String, Object> schema, @Nullable String description) {
        var builder = JsonObjectSchema.builder().description(description);
        var properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        properties.forEach((name, property) -> builder.addProperty(name, element((Map<String, Object>) property)));
        var required = (List<String>) schema.get("required");
        if (required != null) {
            builder.required(required);
        }
        return builder.additionalProperties(false).build();
    }

    @SuppressWarnings("unchecked")
    private static JsonSchemaElement element(Map<String, Object> schema) {
        String description = (String) schema.get("description");
        if (schema.containsKey("enum")) {
            return JsonEnumSchema.builder()
                    .enumValues((List<String>) schema.get("enum"))
                    .description(description)
                    .build();
        }
        return switch (String.valueOf(schema.get("type"))) {
            case "integer" ->
                JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" ->
                JsonBooleanSchema.builder().description(description).build();
            case "array" ->
                JsonArraySchema.builder()
                        .description(description)
                        // the registry's array schemas all describe their items
                        .items(element(Objects.requireNonNull((Map<String, Object>) schema.get("items"))))
                        .build();
            case "object" -> object(schema, description);
            default -> JsonStringSchema.builder().description(description).build();
        };
    }
}
