package io.lyceum.agents;

import io.lyceum.accounts.CurrentUser;
import java.util.Map;

/**
 * One tool of the registry: what MCP lists, the gateway calls and the assistant's model may use. The handler runs as
 * the caller (never as anyone the arguments name) and answers a JSON-shaped object matching {@code outputSchema}.
 *
 * @param name stable snake_case name
 * @param service the module whose facade serves it (the catalog's {@code serviceName})
 * @param writes whether it changes anything: refused to read-only keys
 * @param inputSchema JSON Schema (2020-12) of the arguments, checked before the handler runs
 * @param outputSchema JSON Schema of the result
 */
record AgentTool(
        String name,
        String service,
        String title,
        String description,
        boolean writes,
        Map<String, Object> inputSchema,
        Map<String, Object> outputSchema,
        Handler handler) {

    @FunctionalInterface
    interface Handler {
        Object call(CurrentUser caller, ToolArguments arguments);
    }
}
