package io.lyceum.agents;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The agent hub for a tenant's admins: agent settings (overrides of the design defaults) and the executions log. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Agents: hub", description = "Agent settings and executions (admins); see docs/agents.md.")
class AgentHubController {

    private final AgentOverrides overrides;
    private final AgentExecutions executions;

    AgentHubController(AgentOverrides overrides, AgentExecutions executions) {
        this.overrides = overrides;
        this.executions = executions;
    }

    /** The body of POST and PATCH, for the API document; a field sent as null returns to the design default. */
    @Schema(name = "AgentOverrideRequest")
    record OverrideRequest(
            @Schema(description = "assistant or tutor-search; on create only") @Nullable
            String agentName,

            @Schema(description = "model provider label, such as openai or ollama") @Nullable
            String provider,

            @Schema(description = "the model's name at the configured OpenAI-compatible endpoint") @Nullable
            String model,

            @Nullable String systemPrompt,
            @Schema(minimum = "0", maximum = "2") @Nullable BigDecimal temperature,
            @Schema(minimum = "1") @Nullable Integer maxTokens,

            @Schema(allowableValues = {"text", "json"}) @Nullable
            String responseFormat,

            @Schema(description = "tool names from the tool catalog the agent may use; null: all the user may use")
            @Nullable
            List<String> selectedTools,

            AgentOverrides.@Nullable Guardrails guardrails,
            @Schema(description = "PATCH only") @Nullable Boolean enabled) {}

    @GetMapping("/api/v1/agents/overrides")
    @Operation(summary = "Agent overrides", description = "The tenant's live overrides, by agent name.")
    PageResponse<AgentOverrides.OverrideView> list(@Parameter(hidden = true) PageQuery page) {
        return overrides.list(page.requireSortable(Set.of()));
    }

    @GetMapping("/api/v1/agents/overrides/{id}")
    @Operation(summary = "An agent override", description = "404 `agents.override_not_found`.")
    AgentOverrides.OverrideView get(@PathVariable UUID id) {
        return overrides.get(id);
    }

    @PostMapping("/api/v1/agents/overrides")
    @Operation(
            summary = "Override an agent's settings",
            description = "agentName is required (assistant or tutor-search); every other field is optional, null"
                    + " meaning the design default. temperature 0–2, maxTokens ≥ 1, responseFormat text|json,"
                    + " selectedTools from the tool catalog, guardrails {maxToolCalls 0–100, timeoutSeconds 1–600,"
                    + " maxTokenBudget}. 422 `agents.invalid_override` lists every error; 409 `agents.override_exists`"
                    + " when the agent has one. Audited.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = OverrideRequest.class)))
    @ApiResponse(responseCode = "201", description = "Created")
    ResponseEntity<AgentOverrides.OverrideView> create(
            @AuthenticationPrincipal CurrentUser admin, @RequestBody JsonNode body) {
        var created = overrides.create(admin, body);
        return ResponseEntity.created(URI.create("/api/v1/agents/overrides/" + created.id()))
                .body(created);
    }

    @PatchMapping("/api/v1/agents/overrides/{id}")
    @Operation(
            summary = "Change an agent override",
            description = "Only the fields sent change; null returns one to the design default. agentName cannot"
                    + " change. Same validation as create (422 `agents.invalid_override`). Audited. 404"
                    + " `agents.override_not_found`.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = OverrideRequest.class)))
    AgentOverrides.OverrideView update(
            @AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id, @RequestBody JsonNode body) {
        return overrides.update(admin, id, body);
    }

    @DeleteMapping("/api/v1/agents/overrides/{id}")
    @Operation(
            summary = "Retire an agent override",
            description = "The agent runs on its design defaults again; the answer shows isActive false. Audited. 404"
                    + " `agents.override_not_found`.")
    AgentOverrides.OverrideView delete(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id) {
        return overrides.delete(admin, id);
    }

    @GetMapping("/api/v1/agents/executions")
    @Operation(
            summary = "Agent executions",
            description = "Newest first. Filters: agentName (partial), agentType (design|dynamic), source"
                    + " (rest|sse|mcp|agent), userId, status (success|error|timeout|guardrail). Input and output are"
                    + " truncated to 4,000 characters.")
    PageResponse<AgentExecutions.Execution> executions(
            @RequestParam(required = false) @Nullable String agentName,
            @RequestParam(required = false) @Schema(allowableValues = {"design", "dynamic"}) @Nullable String agentType,
            @RequestParam(required = false) @Schema(allowableValues = {"rest", "sse", "mcp", "agent"}) @Nullable
                    String source,
            @RequestParam(required = false) @Nullable UUID userId,
            @RequestParam(required = false) AgentExecutions.@Nullable Status status,
            @Parameter(hidden = true) PageQuery page) {
        return executions.list(
                new AgentExecutions.Filters(agentName, agentType, source, userId, status),
                page.requireSortable(Set.of()));
    }

    @GetMapping("/api/v1/agents/executions/{id}")
    @Operation(summary = "One agent execution", description = "404 `agents.execution_not_found`.")
    AgentExecutions.Execution execution(@PathVariable UUID id) {
        return executions.get(id);
    }
}
