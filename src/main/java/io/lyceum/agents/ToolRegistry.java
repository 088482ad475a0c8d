package io.lyceum.agents;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.PersonalKeys;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one registry of tools: MCP lists and calls them, the REST gateway calls them, the catalog describes them and
 * the assistant's model picks from them. A call checks, in order: the tool exists (404 {@code agents.tool_not_found}),
 * a read-only key does not write (403 {@code agents.key_read_only}), the arguments match the input schema (422
 * {@code agents.invalid_arguments} with every error); then the handler runs as the caller through the modules'
 * facades, which refuse what the caller's REST request would be refused.
 */
@Component
class ToolRegistry {

    private final Map<String, AgentTool> tools;
    private final Map<String, Schema> inputSchemas;
    private final JsonMapper json;

    ToolRegistry(List<ToolSource> sources, JsonMapper json) {
        this.json = json;
        Map<String, AgentTool> byName = new LinkedHashMap<>();
        sources.stream()
                .flatMap(source -> source.tools().stream())
                .sorted(Comparator.comparing(AgentTool::name))
                .forEach(tool -> {
                    if (byName.put(tool.name(), tool) != null) {
                        throw new IllegalStateException("Two tools are named " + tool.name());
                    }
                });
        this.tools = java.util.Collections.unmodifiableMap(byName);
        SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012());
        this.inputSchemas = byName.values().stream()
                .collect(Collectors.toMap(
                        AgentTool::name, tool -> schemas.getSchema((JsonNode) json.valueToTree(tool.inputSchema()))));
    }

    List<AgentTool> all() {
        return List.copyOf(tools.values());
    }

    Optional<AgentTool> find(String name) {
        return Optional.ofNullable(name).map(tools::get);
    }

    /** The tools a caller may see: all, but a read-only key sees only those that read. */
    List<AgentTool> visibleTo(boolean readOnly) {
        return tools.values().stream().filter(t -> !readOnly || !t.writes()).toList();
    }

    /** Runs a tool as the caller; the result is plain JSON data (maps, lists, strings, numbers). */
    Map<String, Object> call(CurrentUser caller, String name, @Nullable Map<String, Object> arguments) {
        AgentTool tool = find(name)
                .orElseThrow(() ->
                        LyceumException.notFound("agents.tool_not_found", "There is no tool named " + name + "."));
        if (tool.writes() && PersonalKeys.currentCallerIsReadOnly()) {
            throw LyceumException.forbidden(
                    "agents.key_read_only", "This API key is read-only; " + name + " changes data. Use a full key.");
        }
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        List<FieldError> errors = validate(tool.name(), args);
        if (!errors.isEmpty()) {
            throw ToolArguments.invalid(errors);
        }
        Object result = tool.handler().call(caller, new ToolArguments(args));
        return toMap(result);
    }

    /** The input schema's errors for these arguments, each named by the argument it concerns. */
    List<FieldError> validate(String toolName, Map<String, Object> arguments) {
        JsonNode node = json.valueToTree(arguments);
        List<FieldError> errors = new ArrayList<>();
        // called with a registered tool's name: every one has its schema
        for (var error : Objects.requireNonNull(inputSchemas.get(toolName)).validate(node)) {

            var path = error.getInstanceLocation();
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < path.getNameCount(); i++) {
                Object element = path.getElement(i);
                if (element instanceof Number index) {
                    name.append('[').append(index).append(']');
                } else {
                    name.append(name.isEmpty() ? "" : ".").append(element);
                }
            }
            String field = name.toString();
            if (error.getProperty() != null && field.isEmpty()) {
                field = error.getProperty();
            }
            String message = error.getMessage();
            String location = path.toString();
            if (message.startsWith(location + ": ")) {
                message = message.substring(location.length() + 2);
            }
            errors.add(new FieldError(field.isEmpty() ? "arguments" : field, message));
        }
        return errors;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> toMap(Object result) {
        if (result == null) {
            return Map.of();
        }
        Object plain = json.convertValue(result, Object.class);
        if (plain instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("result", plain);
        return wrapped;
    }

    /** The tools as the REST gateway and the catalog list them. */
    <T> List<T> describe(boolean readOnly, Function<AgentTool, T> view) {
        return visibleTo(readOnly).stream().map(view).toList();
    }
}
