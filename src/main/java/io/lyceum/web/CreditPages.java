package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What a student (or a guardian, for their linked students) has bought ahead: lesson packages with their credits
 * (buying one from a tutor's offer, paying a waiting lesson with a credit, refunding the unused credits) and course-pack
 * enrollments with the progress of their lessons (and the refund request the API allows). Amounts, eligibility and
 * refusals are the API's.
 */
@Controller
class CreditPages {

    private final Api api;
    private final Viewers viewers;
    private final PageAdvice advice;

    CreditPages(Api api, Viewers viewers, PageAdvice advice) {
        this.api = api;
        this.viewers = viewers;
        this.advice = advice;
    }

    @GetMapping("/packages")
    String overview(HttpServletRequest request, Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next=/packages";
        }
        var names = new Names(api);
        Map<String, String> students = studentNames(viewer);
        List<Map<String, Object>> packages = BookingPages.list(api.get("/api/v1/packages", "size", 50));
        packages.forEach(p -> describe(p, names, students));
        List<Map<String, Object>> enrollments = BookingPages.list(api.get("/api/v1/enrollments", "size", 50));
        var titles = new HashMap<String, Object>();
        enrollments.forEach(e -> {
            // the list answers without the pack's title: the pack's public page has it (once per pack)
            e.put("coursePackTitle", titles.computeIfAbsent(String.valueOf(e.get("coursePackId")), this::packTitle));
            e.put("tutorName", names.tutor(String.valueOf(e.get("tutorId"))));
            e.put("studentName", students.get(String.valueOf(e.get("studentId"))));
        });
        model.addAttribute("packages", packages);
        model.addAttribute("enrollments", enrollments);
        return "learner/packages";
    }

    private @Nullable Object packTitle(String coursePackId) {
        try {
            return api.get("/api/v1/course-packs/" + coursePackId).get("title");
        } catch (ApiProblem gone) {
            if (gone.status() == 401) {
                throw gone;
            }
            return null; // a pack no longer published: the row says "Course pack"
        }
    }

    /** A guardian's linked students by id (their names on packages and enrollments); empty for a student. */
    private Map<String, String> studentNames(Viewer viewer) {
        var names = new HashMap<String, String>();
        if (viewer.isGuardian()) {
            for (Map<String, Object> child : BookingPages.list(api.get("/api/v1/links/my-students", "size", 100))) {
                names.put(String.valueOf(child.get("userId")), String.valueOf(child.get("fullName")));
            }
        }
        return names;
    }

    private static void describe(Map<String, Object> pack, Names names, Map<String, String> students) {
        pack.put("tutorName", names.tutor(String.valueOf(pack.get("tutorId"))));
        pack.put("subjectName", names.subject(String.valueOf(pack.get("subjectId"))));
        pack.put("studentName", students.get(String.valueOf(pack.get("studentId"))));
    }

    @GetMapping("/packages/{id}")
    String pack(@PathVariable UUID id, HttpServletRequest request, Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next=/packages/" + id;
        }
        Map<String, Object> pack = api.get("/api/v1/packages/" + id);
        var names = new Names(api);
        describe(pack, names, studentNames(viewer));
        model.addAttribute("pack", pack);
        model.addAttribute("payable", payableWithCredit(pack, names));
        return "learner/package";
    }

    /**
     * The package student's lessons with its tutor and length still waiting for payment: those a credit can pay (the
     * API checks again when one is used).
     */
    private List<Map<String, Object>> payableWithCredit(Map<String, Object> pack, Names names) {
        if (!"ACTIVE".equals(pack.get("status"))
                || !(pack.get("credits") instanceof Map<?, ?> credits)
                || ApiFields.number(credits, "left").intValue() <= 0) {
            return List.of();
        }
        List<Map<String, Object>> waiting = BookingPages.list(api.get(
                "/api/v1/bookings",
                "state",
                "PENDING_PAYMENT",
                "tutorId",
                pack.get("tutorId"),
                "studentId",
                pack.get("studentId"),
                "size",
                20));
        waiting.removeIf(
                b -> !String.valueOf(b.get("durationMinutes")).equals(String.valueOf(pack.get("durationMinutes"))));
        return names.decorate(waiting);
    }

    @PostMapping("/packages/{id}/use-credit")
    String useCredit(@PathVariable UUID id, @RequestParam UUID bookingId, RedirectAttributes flash) {
        try {
            api.patch("/api/v1/packages/" + id + "/use-credit", Map.of("bookingId", bookingId));
            flash.addFlashAttribute("notice", "learner.packages.creditUsed");
            return "redirect:/lessons/" + bookingId;
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            flash.addFlashAttribute("error", advice.message(problem));
            return "redirect:/packages/" + id;
        }
    }

    @PostMapping("/packages/{id}/refund")
    String refund(
            @PathVariable UUID id, @RequestParam(required = false) @Nullable String reason, RedirectAttributes flash) {
        var body = new LinkedHashMap<String, Object>();
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        }
        return advice.act(
                () -> api.post("/api/v1/packages/" + id + "/refund", body),
                "learner.packages.refunded",
                flash,
                "/packages/" + id);
    }

    // ---- buying a package from a tutor's offer

    @GetMapping("/tutors/{tutorId}/packages/{offerId}")
    String offer(@PathVariable UUID tutorId, @PathVariable UUID offerId, HttpServletRequest request, Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next=/tutors/" + tutorId + "/packages/" + offerId;
        }
        Map<String, Object> offer =
                BookingPages.list(api.get("/api/v1/tutors/" + tutorId + "/package-offers", "size", 100)).stream()
                        .filter(o -> offerId.toString().equals(String.valueOf(o.get("id"))))
                        .findFirst()
                        .orElseThrow(() -> new ApiProblem(404, "package.offer_not_found", null, null));
        var names = new Names(api);
        offer.put("tutorName", names.tutor(tutorId.toString()));
        offer.put("subjectName", names.subject(String.valueOf(offer.get("subjectId"))));
        model.addAttribute("offer", offer);
        if (viewer.isGuardian()) {
            model.addAttribute("children", BookingPages.list(api.get("/api/v1/links/my-students", "size", 100)));
        }
        return "learner/buy-package";
    }

    @PostMapping("/tutors/{tutorId}/packages/{offerId}")
    String buy(
            @PathVariable UUID tutorId,
            @PathVariable UUID offerId,
            @RequestParam(required = false) @Nullable UUID studentId,
            RedirectAttributes flash) {
        var body = new LinkedHashMap<String, Object>();
        body.put("offerId", offerId);
        body.put("studentId", studentId);
        try {
            Map<String, Object> pack = api.post("/api/v1/packages", body);
            return "redirect:/pay/" + pack.get("id");
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            flash.addFlashAttribute("error", advice.message(problem));
            return "redirect:/tutors/" + tutorId + "/packages/" + offerId;
        }
    }

    // ---- enrollments

    @GetMapping("/enrollments/{id}")
    String enrollment(@PathVariable UUID id, HttpServletRequest request, Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next=/enrollments/" + id;
        }
        Map<String, Object> enrollment = api.get("/api/v1/enrollments/" + id);
        enrollment.put("tutorName", new Names(api).tutor(String.valueOf(enrollment.get("tutorId"))));
        enrollment.put("studentName", studentNames(viewer).get(String.valueOf(enrollment.get("studentId"))));
        model.addAttribute("enrollment", enrollment);
        model.addAttribute("progress", progress(enrollment));
        return "learner/enrollment";
    }

    /** How far the pack has gone, from its lessons' booking states. */
    @SuppressWarnings("unchecked")
    static Map<String, Integer> progress(Map<String, Object> enrollment) {
        int done = 0;
        int cancelled = 0;
        List<Object> lessons = (List<Object>) enrollment.getOrDefault("lessons", List.of());
        for (Object o : lessons) {
            String state = String.valueOf(((Map<String, Object>) o).get("bookingState"));
            switch (state) {
                case "COMPLETED", "RESOLVED", "NO_SHOW_STUDENT" -> done++;
                case "CANCELLED", "EXPIRED", "DECLINED" -> cancelled++;
                default -> {}
            }
        }
        var progress = new LinkedHashMap<String, Integer>();
        progress.put("done", done);
        progress.put("cancelled", cancelled);
        progress.put("total", lessons.size());
        return progress;
    }

    @PostMapping("/enrollments/{id}/refund-request")
    String requestRefund(@PathVariable UUID id, @RequestParam String reason, RedirectAttributes flash) {
        return advice.act(
                () -> api.post("/api/v1/enrollments/" + id + "/refund-requests", Map.of("reason", reason.strip())),
                "learner.enrollment.refundRequested",
                flash,
                "/enrollments/" + id);
    }
}
