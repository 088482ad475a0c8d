/**
 * Agents: the MCP server at {@code /mcp}, the REST tool gateway and tool catalog (one tool registry feeds all three),
 * personal API keys for AI tools, the per-tenant agent settings (overrides), the executions log, the streaming
 * assistant chat and the natural-language tutor search. Every tool runs as the caller, through the other modules'
 * facades, under the caller's rights; see docs/agents.md.
 */
@NullMarked
@ApplicationModule(
        displayName = "Agents",
        allowedDependencies = {
            "shared",
            "platform",
            "tenancy",
            "accounts",
            "catalog",
            "scheduling",
            "billing",
            "messaging",
            "notifications",
            "reviews",
            "admin",
            "learning"
        })
package io.lyceum.agents;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
