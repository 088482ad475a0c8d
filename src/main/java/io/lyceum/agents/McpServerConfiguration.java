package io.lyceum.agents;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.util.List;
import java.util.Map;
import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry's tools on Spring AI's stateless MCP server ({@code /mcp}, see application.yml for why STATELESS). A
 * tool runs on the request's own thread, so the caller is the request's security context (an access token or a
 * personal key, checked by the filter chain before the MCP transport sees the request) with the tenant bound by it.
 * A refusal is an MCP tool error ({@code isError}) whose text is the REST problem: status, code, detail, errors.
 *
 * <p>The server is built here rather than by Spring AI's auto-configuration so that the SDK's own input check is off:
 * the registry checks the arguments against the same schemas and answers with the problem shape (422 {@code
 * agents.invalid_arguments}, one error per field) the gateway answers too. Output is still checked by the SDK. Spring
 * AI 2.0.1's {@code McpServerStatelessAutoConfiguration} would build a second server unconditionally (its server bean
 * has no {@code @ConditionalOnMissingBean}), so application.yml excludes it; Spring AI still provides the transport
 * and the {@code /mcp} route ({@code McpServerStatelessWebMvcAutoConfiguration}), and this server is the only one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(McpServerProperties.class)
class McpServerConfiguration {

    @Bean
    McpStatelessSyncServer lyceumMcpServer(
            McpStatelessServerTransport transport,
            McpServerProperties properties,
            ToolRegistry registry,
            JsonMapper json) {
        return McpServer.sync(transport)
                .serverInfo(properties.getName(), properties.getVersion())
                .instructions(properties.getInstructions())
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .validateToolInputs(false)
                // the tool runs on the request's thread, where the caller's security context and tenant are bound
                .immediateExecution(true)
                .requestTimeout(properties.getRequestTimeout())
                .tools(tools(registry, json))
                .build();
    }

    private static List<SyncToolSpecification> tools(ToolRegistry registry, JsonMapper json) {
        return registry.all().stream()
                .map(tool -> SyncToolSpecification.builder()
                        .tool(McpSchema.Tool.builder()
                                .name(tool.name())
                                .title(tool.title())
                                .description(tool.description())
                                .inputSchema(tool.inputSchema())
                                .outputSchema(tool.outputSchema())
                                .build())
                        .callHandler((context, request) -> call(registry, json, tool, request.arguments()))
                        .build())
                .toList();
    }

    private static CallToolResult call(
            ToolRegistry registry, JsonMapper json, AgentTool tool, Map<String, Object> args) {
        try {
            Map<String, Object> result = registry.call(Callers.current(), tool.name(), args);
            return CallToolResult.builder()
                    .structuredContent(result)
                    .addTextContent(json.writeValueAsString(result))
                    .isError(false)
                    .build();
        } catch (RuntimeException e) {
            return CallToolResult.builder()
                    .addTextContent(json.writeValueAsString(ToolFailure.of(e).asMap()))
                    .isError(true)
                    .build();
        }
    }
}
