package io.lyceum.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The notification bell (its unread count, loaded by htmx into the header), the list of notifications, the
 * notification settings, and the pages the links of a booking request's email open (confirm or decline it).
 */
@Controller
class NotificationPages {

    static final List<String> CHANNELS = List.of("inApp", "email", "sms", "voice", "digest");

    private final Api api;
    private final PageAdvice advice;

    NotificationPages(Api api, PageAdvice advice) {
        this.api = api;
        this.advice = advice;
    }

    /** The bell's badge: a fragment, so every page shows a fresh count without the layout asking the API. */
    @GetMapping("/notifications/badge")
    String badge(Model model) {
        model.addAttribute(
                "unread", api.get("/api/v1/notifications/unread-count").get("count"));
        return "notifications/badge :: badge";
    }

    @GetMapping("/notifications")
    String list(@RequestParam(defaultValue = "false") boolean unread, Model model) {
        Map<String, Object> page = api.get("/api/v1/notifications", "unread", unread, "size", 50);
        model.addAttribute("notifications", page.get("content"));
        model.addAttribute("unreadOnly", unread);
        model.addAttribute(
                "unread", api.get("/api/v1/notifications/unread-count").get("count"));
        return "notifications/list";
    }

    /** Marks one read and follows its link (or comes back to the list). */
    @PostMapping("/notifications/{id}/open")
    String open(@PathVariable UUID id) {
        Map<String, Object> read = api.patch("/api/v1/notifications/" + id + "/read", null);
        Object link = read.get("link");
        return "redirect:" + (link instanceof String path && path.startsWith("/") ? path : "/notifications");
    }

    @PostMapping("/notifications/read-all")
    String readAll(RedirectAttributes flash) {
        api.patch("/api/v1/notifications/mark-all-read", null);
        flash.addFlashAttribute("notice", "notifications.allRead");
        return "redirect:/notifications";
    }

    @PostMapping("/notifications/{id}/delete")
    String delete(@PathVariable UUID id) {
        api.delete("/api/v1/notifications/" + id);
        return "redirect:/notifications";
    }

    @GetMapping("/notifications/settings")
    String settings(Model model) {
        model.addAttribute("preferences", api.get("/api/v1/notifications/preferences"));
        model.addAttribute("channels", CHANNELS);
        return "notifications/settings";
    }

    /** The form sends every category's checkboxes ({@code CATEGORY.channel=on}); unchecked means off. */
    @PostMapping("/notifications/settings")
    String save(@RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes flash) {
        Map<String, Object> current = api.get("/api/v1/notifications/preferences");
        List<Map<String, Object>> categories = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> known = ApiFields.objects(current, "categories");
        for (Map<String, Object> category : known) {
            if (Boolean.TRUE.equals(category.get("locked"))) {
                continue;
            }
            String name = String.valueOf(category.get("category"));
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("category", name);
            for (String channel : CHANNELS) {
                change.put(channel, form.containsKey(name + "." + channel));
            }
            categories.add(change);
        }
        String start = form.getFirst("quietStart");
        String end = form.getFirst("quietEnd");
        Map<String, Object> quiet = new LinkedHashMap<>();
        quiet.put("start", start == null || start.isBlank() ? null : start);
        quiet.put("end", end == null || end.isBlank() ? null : end);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("categories", categories);
        body.put("quietHours", quiet);
        try {
            api.put("/api/v1/notifications/preferences", body);
        } catch (ApiProblem problem) {
            if (problem.status() != 422) {
                throw problem;
            }
            model.addAttribute("preferences", current);
            model.addAttribute("channels", CHANNELS);
            model.addAttribute("error", advice.message(problem));
            model.addAttribute("problems", PageAdvice.fieldErrors(problem).values());
            return "notifications/settings";
        }
        flash.addFlashAttribute("notice", "notifications.saved");
        return "redirect:/notifications/settings";
    }

    /** Where a booking request's email link lands: the lesson and one button (a GET never changes anything). */
    @GetMapping({"/teach/bookings/{id}/confirm", "/teach/bookings/{id}/decline"})
    String answerRequest(@PathVariable UUID id, Model model, jakarta.servlet.http.HttpServletRequest request) {
        model.addAttribute("booking", api.get("/api/v1/bookings/" + id));
        model.addAttribute("decline", request.getRequestURI().endsWith("/decline"));
        return "notifications/answer";
    }
}
