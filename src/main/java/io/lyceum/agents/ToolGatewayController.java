package io.lyceum.agents;

import io.lyceum.accounts.PersonalKeys;
import io.lyceum.platform.BoundedList;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registry's tools over REST for front ends ("MCP as an internal API gateway"): the same tools, checks and
 * identity as {@code /mcp}; a refusal is the ordinary problem+json of the route the tool stands for.
 */
@RestController
@Tag(name = "Agents: tools", description = "The MCP tools over REST, and their catalog; see docs/agents.md.")
class ToolGatewayController {

    /** The tools are registered in code, well under this bound (see the API test). */
    static final int MAX_TOOLS = 200;

    private final ToolRegistry registry;
    /** When this instance built its registry: the catalog's lastRefreshed (tools change only with a deployment). */
    private final Instant startedAt;

    ToolGatewayController(ToolRegistry registry, java.time.Clock clock) {
        this.registry = registry;
        this.startedAt = clock.instant();
    }

    record ToolView(
            String name,
            String title,
            String description,
            String service,

            @Schema(description = "true when the tool changes data (refused to read-only keys)")
            boolean writes,

            Map<String, Object> inputSchema,
            Map<String, Object> outputSchema) {

        static ToolView of(AgentTool t) {
            return new ToolView(
                    t.name(), t.title(), t.description(), t.service(), t.writes(), t.inputSchema(), t.outputSchema());
        }
    }

    record ToolList(List<ToolView> tools, int count) {}

    record CallRequest(
            @Schema(description = "a tool's name from GET /api/v1/agents/tools") @NotBlank @Size(max = 100)
            String toolName,

            @Schema(description = "the arguments, matching the tool's input schema") @Nullable
            Map<String, Object> args) {}

    record CallResult(String tool, boolean success, Map<String, Object> result) {}

    @GetMapping("/api/v1/agents/tools")
    @Operation(
            summary = "The tools I may call",
            description = "Every tool with its input and output JSON Schemas; a read-only API key sees only the tools"
                    + " that read. Also reachable with a personal API key.")
    ToolList tools() {
        List<ToolView> tools = registry.describe(PersonalKeys.currentCallerIsReadOnly(), ToolView::of);
        return new ToolList(tools, tools.size());
    }

    @PostMapping("/api/v1/agents/tools/call")
    @Operation(
            summary = "Call a tool",
            description = "Runs the tool as the caller, exactly as /mcp does. Errors: 404 agents.tool_not_found, 403"
                    + " agents.key_read_only (a read-only key and a writing tool), 422 agents.invalid_arguments with"
                    + " the schema's errors, and the refusals of the route the tool stands for (such as 403"
                    + " auth.forbidden, 404 booking.not_found). Also reachable with a personal API key.")
    CallResult call(@Valid @RequestBody CallRequest body) {
        Map<String, Object> result = registry.call(Callers.current(), body.toolName(), body.args());
        return new CallResult(body.toolName(), true, result);
    }

    record CatalogEntry(
            String toolName,
            String serviceName,
            String description,
            @Schema(description = "the input JSON Schema") Map<String, Object> parameters,
            boolean writes,
            Instant lastRefreshed) {}

    @GetMapping("/api/v1/agents/tool-catalog")
    @Operation(
            summary = "The tool catalog",
            description = "Generated from the registered tools (the ones /mcp serves); `serviceName` filters by the"
                    + " module, partially and case-insensitively. lastRefreshed is when this instance built it.")
    @BoundedList(MAX_TOOLS)
    List<CatalogEntry> catalog(@RequestParam(required = false) @Nullable String serviceName) {

        String filter = serviceName == null ? "" : serviceName.strip().toLowerCase(java.util.Locale.ROOT);
        return registry.all().stream()
                .filter(t -> t.service().contains(filter))
                .map(t -> new CatalogEntry(
                        t.name(), t.service(), t.description(), t.inputSchema(), t.writes(), startedAt))
                .toList();
    }
}
