package io.lyceum.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The inbox and a conversation. Both read through the messaging API; the conversation page then follows the room live
 * over the WebSocket hub in cookie mode ({@code /js/chat.js}: new messages, typing, read receipts), and falls back to
 * the plain form post when scripts are off.
 */
@Controller
class MessagePages {

    private final Api api;

    MessagePages(Api api) {
        this.api = api;
    }

    @GetMapping("/messages")
    String inbox(Model model) {
        model.addAttribute(
                "threads", api.get("/api/v1/messages/threads", "size", 50).get("content"));
        model.addAttribute("unread", api.get("/api/v1/messages/unread/count").get("unread"));
        return "messages/inbox";
    }

    @GetMapping("/messages/{id}")
    String conversation(@PathVariable UUID id, Model model) {
        Map<String, Object> history = api.get("/api/v1/messages/threads/" + id, "limit", 50);
        @SuppressWarnings("unchecked")
        List<Object> newestFirst = (List<Object>) ApiFields.required(history, "messages");
        model.addAttribute("conversation", history.get("conversation"));
        model.addAttribute("access", history.get("access"));
        model.addAttribute("masked", history.get("contactsMasked"));
        model.addAttribute("messages", newestFirst.reversed());
        model.addAttribute("olderCursor", history.get("olderCursor"));
        Object lastSeq = ApiFields.object(history, "conversation").get("lastSeq");
        model.addAttribute("lastSeq", lastSeq);
        if (lastSeq instanceof Number n && n.longValue() > 0 && !"moderator".equals(history.get("access"))) {
            api.patch("/api/v1/messages/threads/" + id + "/read-all", null);
        }
        return "messages/conversation";
    }

    @PostMapping("/messages/{id}")
    String send(@PathVariable UUID id, @RequestParam(defaultValue = "") String body) {
        api.post("/api/v1/messages", Map.of("conversationId", id.toString(), "body", body));
        return "redirect:/messages/" + id;
    }
}
