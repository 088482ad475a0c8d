package io.lyceum.agents;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.lyceum.testsupport.ApiTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tests with an assistant model: a WireMock server speaking the OpenAI chat-completions streaming protocol (recorded
 * chunk shapes), selected by a marker word in the user's message. One application context for every subclass.
 */
@Tag(ModelTestBase.TAG)
public abstract class ModelTestBase extends ApiTestBase {

    /** Marks the subclasses, which the whole suite runs through {@code io.lyceum.ModelContextSuiteTests}. */
    public static final String TAG = "model-context";

    static final WireMockServer MODEL = new WireMockServer(options().dynamicPort());
    static final JsonMapper JSON = JsonMapper.shared();

    static {
        MODEL.start();
    }

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("lyceum.agents.model.base-url", () -> "http://localhost:" + MODEL.port() + "/v1");
        registry.add("lyceum.agents.model.name", () -> "test-model");
        registry.add("lyceum.agents.model.api-key", () -> "test-key");
    }

    /** The model's first answer to a message containing the marker: call this tool with these arguments. */
    public static void onFirstTurn(String marker, String tool, Map<String, Object> args) {
        MODEL.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .atPriority(5)
                .withRequestBody(containing(marker))
                .willReturn(sse(toolCall(tool, JSON.writeValueAsString(args)))));
    }

    /** The model's answer once a tool result is in the conversation: plain text, streamed in chunks. */
    public static void afterTool(String marker, String... chunks) {
        MODEL.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .atPriority(1)
                .withRequestBody(containing(marker))
                .withRequestBody(containing("tool_call_id"))
                .willReturn(sse(text(chunks))));
    }

    /** Every answer to a message with the marker is another tool call (a model that never stops). */
    public static void alwaysTool(String marker, String tool, Map<String, Object> args) {
        MODEL.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .atPriority(1)
                .withRequestBody(containing(marker))
                .willReturn(sse(toolCall(tool, JSON.writeValueAsString(args)))));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(List<String> chunks) {
        StringBuilder body = new StringBuilder();
        for (String chunk : chunks) {
            body.append("data: ").append(chunk).append("\n\n");
        }
        body.append("data: [DONE]\n\n");
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(body.toString());
    }

    private static String chunk(Object delta, String finishReason) {
        var choice = new java.util.LinkedHashMap<String, Object>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        return JSON.writeValueAsString(Map.of(
                "id",
                "chatcmpl-test",
                "object",
                "chat.completion.chunk",
                "created",
                1,
                "model",
                "test-model",
                "choices",
                List.of(choice)));
    }

    private static String usage(int prompt, int completion) {
        return JSON.writeValueAsString(Map.of(
                "id",
                "chatcmpl-test",
                "object",
                "chat.completion.chunk",
                "created",
                1,
                "model",
                "test-model",
                "choices",
                List.of(),
                "usage",
                Map.of("prompt_tokens", prompt, "completion_tokens", completion, "total_tokens", prompt + completion)));
    }

    static List<String> text(String... parts) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            chunks.add(chunk(
                    i == 0 ? Map.of("role", "assistant", "content", parts[i]) : Map.of("content", parts[i]),
                    i == parts.length - 1 ? "stop" : null));
        }
        chunks.add(usage(120, 12));
        return chunks;
    }

    static List<String> toolCall(String tool, String arguments) {
        int half = arguments.length() / 2;
        return List.of(
                chunk(
                        Map.of(
                                "role",
                                "assistant",
                                "tool_calls",
                                List.of(Map.of(
                                        "index",
                                        0,
                                        "id",
                                        "call_" + tool,
                                        "type",
                                        "function",
                                        "function",
                                        Map.of("name", tool, "arguments", arguments.substring(0, half))))),
                        null),
                chunk(
                        Map.of(
                                "tool_calls",
                                List.of(Map.of(
                                        "index", 0, "function", Map.of("arguments", arguments.substring(half))))),
                        null),
                chunk(Map.of(), "tool_calls"),
                usage(150, 20));
    }

    /** One server-sent event of the stream. */
    public record Event(String name, Map<String, Object> data) {}

    @SuppressWarnings("unchecked")
    public static List<Event> events(String stream) {
        List<Event> events = new ArrayList<>();
        for (String block : stream.split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (name != null) {
                events.add(new Event(name, JSON.readValue(data, Map.class)));
            }
        }
        return events;
    }
}
