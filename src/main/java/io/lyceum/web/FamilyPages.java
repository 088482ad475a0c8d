package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Guardian links from both ends: a guardian's linked children (invite one by email, redeem a child's pairing code,
 * unlink) and a student's guardians (accept an emailed invitation, decline one, make a pairing code, unlink). The
 * codes, limits and who may do what are the accounts module's, through its API.
 */
@Controller
class FamilyPages {

    private static final String PAGE = "/family";

    private final Api api;
    private final Viewers viewers;
    private final PageAdvice advice;

    FamilyPages(Api api, Viewers viewers, PageAdvice advice) {
        this.api = api;
        this.viewers = viewers;
        this.advice = advice;
    }

    @GetMapping(PAGE)
    String family(HttpServletRequest request, Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next=" + PAGE;
        }
        if (viewer.isGuardian()) {
            model.addAttribute(
                    "children",
                    BookingPages.list(api.get("/api/v1/links/my-students", "size", 100, "sort", "fullName")));
        } else if (viewer.isStudent()) {
            model.addAttribute("guardians", BookingPages.list(api.get("/api/v1/links/my-guardians", "size", 100)));
            model.addAttribute(
                    "invitations",
                    BookingPages.list(api.get("/api/v1/links/my-guardians", "status", "PENDING", "size", 100)));
        }
        return "learner/family";
    }

    @PostMapping(PAGE + "/invite")
    String invite(@RequestParam String studentEmail, RedirectAttributes flash) {
        return advice.act(
                () -> api.post("/api/v1/links/invitations", Map.of("studentEmail", studentEmail.strip())),
                "learner.family.invited",
                flash,
                PAGE);
    }

    @PostMapping(PAGE + "/accept")
    String accept(
            @RequestParam(required = false) @Nullable String invitationCode,
            @RequestParam(required = false) @Nullable String pairingCode,
            RedirectAttributes flash) {
        Map<String, Object> body = invitationCode != null
                ? Map.of("invitationCode", invitationCode.strip())
                : Map.of("pairingCode", pairingCode == null ? "" : pairingCode.strip());
        return advice.act(() -> api.post("/api/v1/links/accept", body), "learner.family.linked", flash, PAGE);
    }

    @PostMapping(PAGE + "/pairing-code")
    String pairingCode(RedirectAttributes flash) {
        try {
            flash.addFlashAttribute("pairingCode", api.post("/api/v1/links/pairing-codes", null));
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            flash.addFlashAttribute("error", advice.message(problem));
        }
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/links/{id}/remove")
    String remove(@PathVariable UUID id, RedirectAttributes flash) {
        return advice.act(
                () -> {
                    api.delete("/api/v1/links/" + id);
                    return null;
                },
                "learner.family.unlinked",
                flash,
                PAGE);
    }
}
