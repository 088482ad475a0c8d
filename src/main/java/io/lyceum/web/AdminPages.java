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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admins' tutors: the approval queue, one tutor's profile with what the pending draft changes against the
 * published profile, and the decisions (approve, request changes, reject, suspend, reinstate).
 */
@Controller
class AdminPages {

    private static final int HISTORY_PAGE = 100;

    private final Api api;
    private final PageAdvice advice;
    private final Formats formats;

    AdminPages(Api api, PageAdvice advice, Formats formats) {
        this.api = api;
        this.advice = advice;
        this.formats = formats;
    }

    @GetMapping("/admin/tutors")
    String queue(Model model) {
        model.addAttribute(
                "pending", api.get("/api/v1/admin/tutors/pending", "size", 50).get("content"));
        model.addAttribute("subjects", new Names(api));
        return "admin/tutors";
    }

    @GetMapping("/admin/tutors/{id}")
    String tutor(@PathVariable UUID id, Model model) {
        Map<String, Object> tutor = api.get("/api/v1/admin/tutors/" + id);
        Names names = new Names(api);
        model.addAttribute("tutor", tutor);
        model.addAttribute("changes", ProfileDiff.between(tutor.get("published"), tutor.get("draft"), names, formats));
        model.addAttribute("history", latestHistory("/api/v1/admin/tutors/" + id + "/history"));
        return "admin/tutor";
    }

    /** The newest changes of a history (the API pages it oldest first): its last page of up to 100 entries. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> latestHistory(String path) {
        Map<String, Object> first = api.get(path, "size", HISTORY_PAGE);
        Object pages = first.get("page") instanceof Map<?, ?> page ? page.get("totalPages") : null;
        Map<String, Object> last = pages instanceof Number n && n.intValue() > 1
                ? api.get(path, "size", HISTORY_PAGE, "page", n.intValue() - 1)
                : first;
        return last.get("content") instanceof List<?> content ? (List<Map<String, Object>>) content : List.of();
    }

    @PostMapping("/admin/tutors/{id}/request-changes")
    String requestChanges(@PathVariable UUID id, @RequestParam String comments, RedirectAttributes flash) {
        return advice.act(
                () -> api.post("/api/v1/admin/tutors/" + id + "/request-changes", Map.of("comments", comments)),
                "admin.changesRequested",
                flash,
                "/admin/tutors/" + id);
    }

    @PostMapping("/admin/tutors/{id}/suspend")
    String suspend(@PathVariable UUID id, @RequestParam String reason, RedirectAttributes flash) {
        return advice.act(
                () -> api.post("/api/v1/admin/tutors/" + id + "/suspend", Map.of("reason", reason)),
                "admin.suspended",
                flash,
                "/admin/tutors/" + id);
    }

    @PostMapping("/admin/tutors/{id}/reinstate")
    String reinstate(@PathVariable UUID id, RedirectAttributes flash) {
        return advice.act(
                () -> api.post("/api/v1/admin/tutors/" + id + "/reinstate", null),
                "admin.reinstated",
                flash,
                "/admin/tutors/" + id);
    }

    @PostMapping("/admin/tutors/{id}/approve")
    String approve(@PathVariable UUID id, RedirectAttributes flash) {
        try {
            api.post("/api/v1/admin/tutors/" + id + "/approve", null);
            flash.addFlashAttribute("notice", "admin.approved");
        } catch (ApiProblem problem) {
            rethrowIfSignedOut(problem);
            flash.addFlashAttribute("error", advice.message(problem));
        }
        return "redirect:/admin/tutors";
    }

    @PostMapping("/admin/tutors/{id}/reject")
    String reject(@PathVariable UUID id, @RequestParam String reason, RedirectAttributes flash) {
        try {
            api.post("/api/v1/admin/tutors/" + id + "/reject", Map.of("reason", reason));
            flash.addFlashAttribute("notice", "admin.rejected");
        } catch (ApiProblem problem) {
            rethrowIfSignedOut(problem);
            flash.addFlashAttribute("error", advice.message(problem));
        }
        return "redirect:/admin/tutors";
    }

    private static void rethrowIfSignedOut(ApiProblem problem) {
        if (problem.status() == 401) {
            throw problem;
        }
    }
}
