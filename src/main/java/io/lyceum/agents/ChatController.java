package io.lyceum.agents;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The assistant over HTTP: a server-sent event stream (seed 002's events) or one JSON answer, and the caller's kept
 * conversations. The stream is written on the request's own thread, so the tools the model calls run with the
 * caller's security context and tenant, exactly as over {@code /mcp}.
 */
@RestController
@Tag(name = "Agents: assistant", description = "The streaming assistant; see docs/agents.md.")
class ChatController {

    private final AssistantChat chat;
    private final AssistantConversations conversations;
    private final JsonMapper json;

    ChatController(AssistantChat chat, AssistantConversations conversations, JsonMapper json) {
        this.chat = chat;
        this.conversations = conversations;
        this.json = json;
    }

    record ChatRequest(
            @Schema(description = "what the user says") @NotBlank @Size(max = 4000)
            String message,

            @Schema(description = "continue this conversation; omitted: a new one") @Nullable
            UUID conversationId) {}

    @PostMapping(value = "/api/v1/agents/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            summary = "Talk to the assistant (server-sent events)",
            description = "Events, in order: `start` {conversationId, provider, aliasMapSummary}; then any number of"
                    + " `text` {content} (model output chunks, markdown) and, per tool call, `tool_start` {tool},"
                    + " `tool_executing` {tool, args}, `tool_result` {tool, success, result | error}; last `done`"
                    + " {conversationId, toolCalls, processingTime, aliasMapSummary}, or `error` {message, code} and"
                    + " the stream ends. Codes: agents.model_not_configured (no model: the only event),"
                    + " agents.agent_disabled, agents.model_failed, agents.guardrail_tool_calls,"
                    + " agents.guardrail_timeout, agents.guardrail_token_budget. Tools run as the caller.")
    @ApiResponse(
            responseCode = "200",
            description = "The event stream",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = "string")))
    void stream(
            @AuthenticationPrincipal CurrentUser user,
            @Valid @RequestBody ChatRequest body,
            @Parameter(hidden = true) HttpServletResponse response)
            throws IOException {
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no"); // proxies pass each event on at once
        PrintWriter out = response.getWriter();
        Object lock = new Object();
        chat.run(user, body.message(), body.conversationId(), "sse", (event, data) -> {
            synchronized (lock) {
                out.write("event: " + event + "\n");
                out.write("data: " + json.writeValueAsString(data) + "\n\n");
                out.flush();
            }
        });
    }

    record ChatAnswer(
            @Nullable UUID conversationId,
            String content,
            List<AssistantChat.ToolCall> toolCalls,

            @Schema(description = "success, error, timeout or guardrail")
            String status,

            @Nullable String errorCode,
            @Nullable String errorMessage,
            long processingTime) {}

    @PostMapping("/api/v1/agents/chat")
    @Operation(
            summary = "Talk to the assistant (one answer)",
            description = "The same run as the stream, answered once at the end. 503 `agents.model_not_configured` when"
                    + " no model is configured. A run stopped by a guardrail answers 200 with its status and code.")
    ChatAnswer answer(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody ChatRequest body) {
        if (!chat.modelConfigured()) {
            throw new LyceumException(ErrorKind.UNAVAILABLE, "agents.model_not_configured", (String)
                    AssistantChat.noModel().get("message"));
        }
        var outcome = chat.run(user, body.message(), body.conversationId(), "rest", (event, data) -> {});
        return new ChatAnswer(
                outcome.conversationId(),
                outcome.text(),
                outcome.toolCalls(),
                outcome.status().name(),
                outcome.errorCode(),
                outcome.errorMessage(),
                outcome.processingTimeMs());
    }

    @GetMapping("/api/v1/agents/chat/conversations")
    @Operation(summary = "My assistant conversations", description = "Latest first.")
    PageResponse<AssistantConversations.Summary> list(
            @AuthenticationPrincipal CurrentUser user, @Parameter(hidden = true) PageQuery page) {
        return conversations.list(user.userId().value(), page.requireSortable(Set.of()));
    }

    @GetMapping("/api/v1/agents/chat/conversations/{id}")
    @Operation(
            summary = "One of my assistant conversations",
            description = "Its messages in order (user and assistant text, tool calls). Anyone else's: 404"
                    + " `agents.conversation_not_found`.")
    AssistantConversations.Conversation get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return conversations.get(user.userId().value(), id);
    }

    @DeleteMapping("/api/v1/agents/chat/conversations/{id}")
    @Operation(
            summary = "Delete one of my assistant conversations",
            description = "Anyone else's: 404 `agents.conversation_not_found`.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        conversations.delete(user.userId().value(), id);
        return ResponseEntity.noContent().build();
    }
}
