package io.lyceum.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The assistant panel and the API-keys page with the MCP connection card. The assistant streams through {@code
 * /js/assistant.js} (the agents API's server-sent events, read with fetch since EventSource cannot POST); without
 * scripts the form posts here and gets the whole answer. A new key is shown once, in the answer to its creation.
 */
@Controller
class AgentPages {

    private final Api api;
    private final JsonMapper json;

    AgentPages(Api api, JsonMapper json) {
        this.api = api;
        this.json = json;
    }

    @GetMapping("/assistant")
    String assistant(@RequestParam(required = false) @Nullable UUID conversation, Model model) {
        model.addAttribute(
                "conversations",
                api.get("/api/v1/agents/chat/conversations", "size", 20).get("content"));
        if (conversation != null) {
            model.addAttribute("conversation", api.get("/api/v1/agents/chat/conversations/" + conversation));
        }
        return "agents/assistant";
    }

    /** Without scripts: the whole answer at once, then the conversation page. */
    @PostMapping("/assistant")
    String ask(
            @RequestParam String message, @RequestParam(required = false) @Nullable UUID conversationId, Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        if (conversationId != null) {
            body.put("conversationId", conversationId.toString());
        }
        Map<String, Object> answer = api.post("/api/v1/agents/chat", body);
        return "redirect:/assistant?conversation=" + answer.get("conversationId");
    }

    @GetMapping("/account/api-keys")
    String keys(Model model) {
        return keysPage(model, null);
    }

    @PostMapping("/account/api-keys")
    String create(@RequestParam String name, @RequestParam String scope, Model model) {
        Map<String, Object> created = api.post("/api/v1/agents/api-keys", Map.of("name", name, "scope", scope));
        return keysPage(model, (String) created.get("secret"));
    }

    @PostMapping("/account/api-keys/{id}/revoke")
    String revoke(@PathVariable UUID id) {
        api.delete("/api/v1/agents/api-keys/" + id);
        return "redirect:/account/api-keys";
    }

    private String keysPage(Model model, @Nullable String newKey) {
        model.addAttribute(
                "keys", api.get("/api/v1/agents/api-keys", "size", 50).get("content"));
        String endpoint = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/mcp")
                .toUriString();
        String bearer = newKey != null ? newKey : "lyk_your_key_here";
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("newKey", newKey);
        model.addAttribute(
                "cursorConfig",
                pretty(Map.of(
                        "mcpServers",
                        Map.of(
                                "lyceum",
                                Map.of("url", endpoint, "headers", Map.of("Authorization", "Bearer " + bearer))))));
        model.addAttribute(
                "claudeConfig",
                pretty(Map.of(
                        "mcpServers",
                        Map.of(
                                "lyceum",
                                Map.of(
                                        "command",
                                        "npx",
                                        "args",
                                        List.of(
                                                "mcp-remote",
                                                endpoint,
                                                "--header",
                                                "Authorization: Bearer " + bearer))))));
        model.addAttribute("tools", api.get("/api/v1/agents/tools").get("tools"));
        return "agents/api-keys";
    }

    private String pretty(Object value) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }
}
