package io.lyceum.agents;

import java.util.List;

/** A group of tools over one module's facade; the registry gathers every group. */
interface ToolSource {

    List<AgentTool> tools();
}
