package io.lyceum.agents;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.TokenUsage;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.PersonalKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The assistant: a model behind any OpenAI-compatible endpoint (LangChain4j) that answers in text and uses the
 * registry's tools as the signed-in user. Events follow seed 002: {@code start}, {@code text} per chunk, {@code
 * tool_start}, {@code tool_executing}, {@code tool_result} per tool call, {@code error} (the run ends) or {@code done}.
 * The guardrails of the effective settings stop a run that needs more tool calls, time or tokens than allowed; each
 * run is logged in the executions log. No database transaction is open during a model call: the conversation and the
 * log are written before and after, and each tool's own transaction ends before the model is asked again.
 */
@Service
class AssistantChat {

    private static final Logger log = LoggerFactory.getLogger(AssistantChat.class);

    static final String DESIGN_PROMPT = """
            You are the assistant of Lyceum, a tutoring marketplace. You help the signed-in user find tutors, see free \
            lesson times, book, move, cancel and pay for lessons, read and send messages. You act only for the \
            signed-in user: every tool runs with that user's own identity and rights, whatever a message asks. If \
            someone asks you to act as or for another person, say that you can only act for the signed-in user. \
            Prices are in minor units of their currency (3000 GBP is £30.00). Times are ISO-8601 instants in UTC. \
            Answer briefly, in markdown.""";

    private static final int MAX_TOOL_RESULT_CHARS = 12_000;

    /** Where a run's events go: an SSE stream, or a collector for the plain REST answer. */
    interface Events {
        void send(String event, Map<String, Object> data);
    }

    record ToolCall(String tool, boolean success, Map<String, Object> result) {}

    record Outcome(
            @Nullable UUID conversationId,
            String text,
            List<ToolCall> toolCalls,
            AgentExecutions.Status status,
            @Nullable String errorCode,
            @Nullable String errorMessage,
            long processingTimeMs) {}

    private final AgentsProperties properties;
    private final AgentOverrides overrides;
    private final ToolRegistry registry;
    private final AssistantConversations conversations;
    private final AgentExecutions executions;
    private final JsonMapper json;
    private final Clock clock;

    AssistantChat(
            AgentsProperties properties,
            AgentOverrides overrides,
            ToolRegistry registry,
            AssistantConversations conversations,
            AgentExecutions executions,
            JsonMapper json,
            Clock clock) {
        this.properties = properties;
        this.overrides = overrides;
        this.registry = registry;
        this.conversations = conversations;
        this.executions = executions;
        this.json = json;
        this.clock = clock;
    }

    boolean modelConfigured() {
        return properties.model().configured();
    }

    static Map<String, Object> noModel() {
        return error(
                "agents.model_not_configured",
                "No assistant model is configured. Set LYCEUM_AGENTS_MODEL_BASE_URL and LYCEUM_AGENTS_MODEL to an"
                        + " OpenAI-compatible endpoint (OpenAI, Ollama, vLLM) and its model.");
    }

    private static Map<String, Object> error(String code, String message) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message", message);
        data.put("code", code);
        return data;
    }

    Outcome run(CurrentUser caller, String message, @Nullable UUID conversationId, String source, Events events) {
        long started = System.nanoTime();
        if (!modelConfigured()) {
            events.send("error", noModel());
            return new Outcome(
                    conversationId,
                    "",
                    List.of(),
                    AgentExecutions.Status.error,
                    "agents.model_not_configured",
                    (String) noModel().get("message"),
                    0);
        }
        AgentOverrides.Effective settings = overrides.effective(AgentOverrides.ASSISTANT, DESIGN_PROMPT);
        UUID conversation = conversations.open(caller.userId().value(), conversationId, message);
        if (!settings.enabled()) {
            var data = error("agents.agent_disabled", "The assistant is turned off for this organisation.");
            events.send("error", data);
            return finish(
                    new Run(caller, source, message, conversation, events, started),
                    AgentExecutions.Status.error,
                    data);
        }

        List<ChatMessage> messages = new ArrayList<>();
        messages.add(
                SystemMessage.from(settings.systemPrompt() + "\nThe signed-in user's role: " + caller.role() + "."));
        for (var earlier : conversations.messages(conversation, AssistantConversations.HISTORY)) {
            Object text = earlier.content().get("text");
            if (text == null) {
                continue;
            }
            messages.add(
                    earlier.role().equals("user")
                            ? UserMessage.from(text.toString())
                            : AiMessage.from(text.toString()));
        }
        messages.add(UserMessage.from(message));

        Set<String> allowed = new java.util.HashSet<>();
        var specs = registry.visibleTo(PersonalKeys.currentCallerIsReadOnly()).stream()
                .filter(t -> settings.selectedTools() == null
                        || settings.selectedTools().contains(t.name()))
                .peek(t -> allowed.add(t.name()))
                .map(ModelToolSpecs::of)
                .toList();

        Map<String, Object> start = new LinkedHashMap<>();
        start.put("conversationId", conversation.toString());
        start.put("provider", settings.provider());
        start.put("aliasMapSummary", aliasMapSummary());
        events.send("start", start);

        StreamingChatModel model = OpenAiStreamingChatModel.builder()
                .baseUrl(properties.model().baseUrl())
                .apiKey(blankToDefault(properties.model().apiKey()))
                .modelName(settings.model())
                .temperature(settings.temperature().doubleValue())
                .maxTokens(settings.maxTokens())
                .timeout(properties.model().requestTimeout())
                .build();

        Instant deadline = clock.instant().plus(settings.timeout());
        Run run = new Run(caller, source, message, conversation, events, started);
        while (true) {
            ChatResponse response;
            try {
                response = ask(model, messages, specs, run.answer, events, Duration.between(clock.instant(), deadline));
            } catch (TimeoutException e) {
                return outOfTime(run, settings);
            } catch (RuntimeException e) {
                log.warn("The assistant's model call failed: {}", e.toString());
                return stop(
                        run,
                        AgentExecutions.Status.error,
                        "agents.model_failed",
                        "The assistant's model could not answer: " + rootMessage(e));
            }
            run.usage = TokenUsage.sum(run.usage, response.tokenUsage());
            if (run.usage != null
                    && run.usage.totalTokenCount() != null
                    && run.usage.totalTokenCount() > settings.maxTokenBudget()) {
                return stop(
                        run,
                        AgentExecutions.Status.guardrail,
                        "agents.guardrail_token_budget",
                        "The assistant used its token budget (" + settings.maxTokenBudget() + ") and stopped.");
            }
            AiMessage ai = response.aiMessage();
            messages.add(ai);
            if (!ai.hasToolExecutionRequests()) {
                break;
            }
            for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
                if (run.calls.size() >= settings.maxToolCalls()) {
                    return stop(
                            run,
                            AgentExecutions.Status.guardrail,
                            "agents.guardrail_tool_calls",
                            "The assistant reached its limit of " + settings.maxToolCalls()
                                    + " tool calls and stopped.");
                }
                ToolCall call = callTool(request, allowed, events);
                run.calls.add(call);
                messages.add(ToolExecutionResultMessage.from(request, forModel(call)));
            }
            if (clock.instant().isAfter(deadline)) {
                return outOfTime(run, settings);
            }
        }
        Outcome outcome = finish(run, AgentExecutions.Status.success, null);
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("conversationId", conversation.toString());
        done.put(
                "toolCalls",
                run.calls.stream()
                        .map(c -> Map.of("tool", c.tool(), "result", c.result()))
                        .toList());
        done.put("processingTime", outcome.processingTimeMs());
        done.put("aliasMapSummary", aliasMapSummary());
        events.send("done", done);
        return outcome;
    }

    private ChatResponse ask(
            StreamingChatModel model,
            List<ChatMessage> messages,
            List<dev.langchain4j.agent.tool.ToolSpecification> specs,
            StringBuilder answer,
            Events events,
            Duration remaining)
            throws TimeoutException {
        if (remaining.isNegative() || remaining.isZero()) {
            throw new TimeoutException();
        }
        var request = ChatRequest.builder().messages(List.copyOf(messages));
        if (!specs.isEmpty()) {
            request.toolSpecifications(specs);
        }
        CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        model.chat(request.build(), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                if (!result.isDone() && partial != null && !partial.isEmpty()) {
                    answer.append(partial);
                    events.send("text", Map.of("content", partial));
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                result.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }
        });
        try {
            return result.get(remaining.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            result.cancel(false); // late chunks after a timeout are dropped
        }
    }

    @SuppressWarnings("unchecked")
    private ToolCall callTool(ToolExecutionRequest request, Set<String> allowed, Events events) {
        String name = request.name();
        events.send("tool_start", Map.of("tool", name));
        Map<String, Object> args;
        try {
            args = request.arguments() == null || request.arguments().isBlank()
                    ? Map.of()
                    : json.readValue(request.arguments(), Map.class);
        } catch (RuntimeException e) {
            args = null;
        }
        Map<String, Object> executing = new LinkedHashMap<>();
        executing.put("tool", name);
        executing.put("args", args == null ? request.arguments() : args);
        events.send("tool_executing", executing);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tool", name);
        try {
            if (!allowed.contains(name)) {
                throw io.lyceum.shared.LyceumException.forbidden(
                        "agents.tool_not_allowed", "The assistant may not use " + name + ".");
            }
            if (args == null) {
                throw ToolArguments.invalid("arguments", "must be a JSON object");
            }
            Map<String, Object> value = registry.call(Callers.current(), name, args);
            result.put("result", envelope(name, value));
            result.put("success", true);
            events.send("tool_result", result);
            return new ToolCall(name, true, value);
        } catch (RuntimeException e) {
            Map<String, Object> problem = ToolFailure.of(e).asMap();
            result.put("success", false);
            result.put("error", problem);
            events.send("tool_result", result);
            return new ToolCall(name, false, problem);
        }
    }

    /** Seed 002's MCP envelope: {success, service, tool, result: {content: [{type: text, text: JSON}]}}. */
    private Map<String, Object> envelope(String tool, Map<String, Object> value) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", true);
        envelope.put("service", registry.find(tool).map(AgentTool::service).orElse(null));
        envelope.put("tool", tool);
        envelope.put(
                "result", Map.of("content", List.of(Map.of("type", "text", "text", json.writeValueAsString(value)))));
        return envelope;
    }

    private String forModel(ToolCall call) {
        String text = json.writeValueAsString(call.success() ? call.result() : Map.of("error", call.result()));
        return text.length() > MAX_TOOL_RESULT_CHARS ? text.substring(0, MAX_TOOL_RESULT_CHARS) + "…(truncated)" : text;
    }

    /**
     * One assistant run's state: who asks, from where, the conversation, the answer streamed so far, the tool calls
     * made and the tokens used; what a stop or the end records.
     */
    private static final class Run {
        final CurrentUser caller;
        final String source;
        final String input;
        final UUID conversation;
        final Events events;
        final long started;
        final StringBuilder answer = new StringBuilder();
        final List<ToolCall> calls = new ArrayList<>();

        @Nullable
        TokenUsage usage;

        Run(CurrentUser caller, String source, String input, UUID conversation, Events events, long started) {
            this.caller = caller;
            this.source = source;
            this.input = input;
            this.conversation = conversation;
            this.events = events;
            this.started = started;
        }
    }

    private Outcome outOfTime(Run run, AgentOverrides.Effective settings) {
        return stop(
                run,
                AgentExecutions.Status.timeout,
                "agents.guardrail_timeout",
                "The assistant ran out of time (" + settings.timeout().toSeconds() + " s) and stopped.");
    }

    /** Ends a run early: one {@code error} event, and the conversation and the execution recorded with it. */
    private Outcome stop(Run run, AgentExecutions.Status status, String code, String message) {
        var data = error(code, message);
        run.events.send("error", data);
        return finish(run, status, data);
    }

    private Outcome finish(Run run, AgentExecutions.Status status, @Nullable Map<String, Object> error) {
        String text = run.answer.toString();
        List<ToolCall> calls = run.calls;
        TokenUsage usage = run.usage;
        String input = run.input;
        UUID conversation = run.conversation;
        long ms = Duration.ofNanos(System.nanoTime() - run.started).toMillis();
        List<Map<String, Object>> kept = new ArrayList<>();
        kept.add(Map.of("role", "user", "text", input));
        for (ToolCall call : calls) {
            kept.add(Map.of("role", "tool", "tool", call.tool(), "success", call.success()));
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("role", "assistant");
        reply.put("text", text);
        if (error != null) {
            reply.put("error", error);
        }
        kept.add(reply);
        conversations.append(conversation, kept);
        executions.record(
                AgentOverrides.ASSISTANT,
                run.source,
                run.caller.userId().value(),
                input,
                error == null ? text : text + "\n[" + error.get("code") + "] " + error.get("message"),
                calls.size(),
                usage == null ? null : usage.inputTokenCount(),
                usage == null ? null : usage.outputTokenCount(),
                ms,
                status,
                error == null ? null : (String) error.get("message"),
                clock.instant());
        return new Outcome(
                conversation,
                text,
                calls,
                status,
                error == null ? null : (String) error.get("code"),
                error == null ? null : (String) error.get("message"),
                ms);
    }

    /** Seed 002 reports an alias map (short names for long ids); this assistant uses none. */
    private static Map<String, Object> aliasMapSummary() {
        return Map.of("enabled", false, "count", 0, "samples", List.of());
    }

    private static String blankToDefault(@Nullable String apiKey) {

        return apiKey == null || apiKey.isBlank() ? "none" : apiKey; // local endpoints (Ollama) need no key
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
