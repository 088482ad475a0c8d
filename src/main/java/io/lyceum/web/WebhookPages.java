package io.lyceum.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The integrations pages of owners and admins: their webhook subscriptions, a new one (its secret shown once), the
 * secret's rotation, and each endpoint's deliveries with a replay button. Everything goes through
 * {@code /api/v1/webhooks}.
 */
@Controller
class WebhookPages {

    private static final String API = "/api/v1/webhooks/subscriptions";

    private final Api api;
    private final PageAdvice advice;

    WebhookPages(Api api, PageAdvice advice) {
        this.api = api;
        this.advice = advice;
    }

    @GetMapping("/integrations")
    String list(Model model) {
        model.addAttribute("subscriptions", api.get(API, "size", 100).get("content"));
        model.addAttribute("eventTypes", eventTypes());
        return "webhooks/list";
    }

    @PostMapping("/integrations")
    String create(
            @RequestParam String url,
            @RequestParam(required = false) @Nullable String description,
            @RequestParam(name = "eventTypes", required = false) @Nullable List<String> eventTypes,
            Model model,
            HttpServletResponse response) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("description", description);
        body.put("eventTypes", eventTypes == null ? List.of() : eventTypes);
        try {
            return secret(api.post(API, body), "webhooks.created", model, response);
        } catch (ApiProblem problem) {
            rethrowIfSignedOut(problem);
            model.addAttribute("error", advice.message(problem));
            model.addAttribute("problems", problem.fieldErrors());
            model.addAttribute("form", body);
            return list(model);
        }
    }

    @GetMapping("/integrations/{id}")
    String detail(@PathVariable UUID id, @RequestParam(required = false) @Nullable String status, Model model) {
        model.addAttribute("subscription", api.get(API + "/" + id));
        model.addAttribute(
                "messages",
                api.get(API + "/" + id + "/messages", "size", 50, "status", blankToNull(status))
                        .get("content"));
        model.addAttribute("status", blankToNull(status));
        return "webhooks/detail";
    }

    @PostMapping("/integrations/{id}/rotate")
    String rotate(@PathVariable UUID id, Model model, HttpServletResponse response, RedirectAttributes flash) {
        try {
            return secret(api.post(API + "/" + id + "/rotate-secret", null), "webhooks.rotated", model, response);
        } catch (ApiProblem problem) {
            return failed(problem, flash, "redirect:/integrations/" + id);
        }
    }

    @PostMapping("/integrations/{id}/enabled")
    String enable(@PathVariable UUID id, @RequestParam boolean enabled, RedirectAttributes flash) {
        try {
            api.patch(API + "/" + id, Map.of("enabled", enabled));
            flash.addFlashAttribute("notice", enabled ? "webhooks.enabledNotice" : "webhooks.disabledNotice");
        } catch (ApiProblem problem) {
            return failed(problem, flash, "redirect:/integrations/" + id);
        }
        return "redirect:/integrations/" + id;
    }

    @PostMapping("/integrations/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes flash) {
        try {
            api.delete(API + "/" + id);
            flash.addFlashAttribute("notice", "webhooks.deleted");
        } catch (ApiProblem problem) {
            return failed(problem, flash, "redirect:/integrations");
        }
        return "redirect:/integrations";
    }

    @PostMapping("/integrations/{id}/messages/{messageId}/replay")
    String replay(@PathVariable UUID id, @PathVariable UUID messageId, RedirectAttributes flash) {
        try {
            api.post(API + "/" + id + "/messages/" + messageId + "/replay", null);
            flash.addFlashAttribute("notice", "webhooks.replayed");
        } catch (ApiProblem problem) {
            return failed(problem, flash, "redirect:/integrations/" + id);
        }
        return "redirect:/integrations/" + id;
    }

    /** The page that shows a secret, this once; never stored by the browser or a proxy. */
    private static String secret(
            Map<String, Object> answer, String heading, Model model, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("created", answer.get("subscription"));
        model.addAttribute("secret", answer.get("secret"));
        model.addAttribute("heading", heading);
        return "webhooks/secret";
    }

    private String failed(ApiProblem problem, RedirectAttributes flash, String target) {
        rethrowIfSignedOut(problem);
        flash.addFlashAttribute("error", advice.message(problem));
        return target;
    }

    private List<Object> eventTypes() {
        Object types =
                api.send("GET", "/api/v1/webhooks/event-types", null, false).body();
        return types instanceof List<?> list ? new ArrayList<>(list) : List.of();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void rethrowIfSignedOut(ApiProblem problem) {
        if (problem.status() == 401) {
            throw problem;
        }
    }
}
