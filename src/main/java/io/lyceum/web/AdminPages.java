package io.lyceum.web;

import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admins' tutor approval queue. */
@Controller
class AdminPages {

    private final Api api;
    private final PageAdvice advice;

    AdminPages(Api api, PageAdvice advice) {
        this.api = api;
        this.advice = advice;
    }

    @GetMapping("/admin/tutors")
    String queue(Model model) {
        model.addAttribute(
                "pending", api.get("/api/v1/admin/tutors/pending", "size", 50).get("content"));
        model.addAttribute("subjects", new Names(api));
        return "admin/tutors";
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
