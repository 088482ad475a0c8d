package io.lyceum.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.Accounts.SignedIn;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP SDK's own client against the running server, as a test fixture ({@code @RegisterExtension}): {@link
 * #as(String)} connects with a bearer (an access token or a personal key) and initialises; every client a test opened
 * is closed after it.
 */
final class McpClients implements AfterEachCallback {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final IntSupplier port;
    private final List<McpSyncClient> open = new ArrayList<>();

    McpClients(IntSupplier port) {
        this.port = port;
    }

    /** A client for the server on this port sending {@code Authorization: Bearer <bearer>} (none when null). */
    static McpSyncClient connect(int port, String bearer) {
        var transport = HttpClientStreamableHttpTransport.builder("http://localhost:" + port)
                .endpoint("/mcp")
                .httpRequestCustomizer((builder, method, uri, body, context) -> {
                    if (bearer != null) {
                        builder.header("Authorization", "Bearer " + bearer);
                    }
                })
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    }

    /** A connected, initialised client acting with this bearer; initialising throws when the server refuses it. */
    Mcp as(String bearer) {
        McpSyncClient client = connect(port.getAsInt(), bearer);
        open.add(client);
        client.initialize();
        return new Mcp(client);
    }

    Mcp as(SignedIn user) {
        return as(user.accessToken());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(McpSyncClient::close);
        open.clear();
    }

    /** One connected client and the calls the tests make through it. */
    record Mcp(McpSyncClient client) {

        List<Tool> tools() {
            return client.listTools().tools();
        }

        CallToolResult call(String tool, Map<String, Object> args) {
            return client.callTool(new CallToolRequest(tool, args));
        }

        /** The structured result of a call that must succeed. */
        @SuppressWarnings("unchecked")
        Map<String, Object> result(String tool, Map<String, Object> args) {
            CallToolResult result = call(tool, args);
            assertThat(result.isError()).as(text(result)).isFalse();
            return (Map<String, Object>) result.structuredContent();
        }

        /** The REST problem (status, code, detail, errors) an MCP tool error carries, for a call that must fail. */
        @SuppressWarnings("unchecked")
        Map<String, Object> problem(String tool, Map<String, Object> args) {
            CallToolResult result = call(tool, args);
            assertThat(result.isError()).as(text(result)).isTrue();
            return JSON.readValue(text(result), Map.class);
        }

        private static String text(CallToolResult result) {
            return result.content().stream()
                    .filter(TextContent.class::isInstance)
                    .map(c -> ((TextContent) c).text())
                    .findFirst()
                    .orElse("");
        }
    }
}
