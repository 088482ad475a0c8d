package io.lyceum.web;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
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
 * The report form and "my reports" for everyone signed in; the admin desk (reports queue and a report, disputes and
 * a dispute, the audit log) for admins. Every read and action is the admin module's (or, to settle a dispute,
 * scheduling's) REST API.
 */
@Controller
class DeskPages {

    static final Set<String> TARGET_TYPES = Set.of("USER", "MESSAGE", "REVIEW", "COURSE_PACK", "PROFILE");

    private final Api api;
    private final PageAdvice advice;

    DeskPages(Api api, PageAdvice advice) {
        this.api = api;
        this.advice = advice;
    }

    // ---- reporters

    @GetMapping("/report")
    String reportForm(
            @RequestParam String type,
            @RequestParam UUID id,
            @RequestParam(required = false) @Nullable String label,
            Model model) {
        if (!TARGET_TYPES.contains(type)) {
            throw new ApiProblem(404, "report.target_not_found", "Nothing to report.", Map.of());
        }
        model.addAttribute("type", type);
        model.addAttribute("id", id);
        model.addAttribute("label", label);
        return "desk/report";
    }

    @PostMapping("/report")
    String report(
            @RequestParam String type,
            @RequestParam UUID id,
            @RequestParam(required = false) @Nullable String label,
            @RequestParam(defaultValue = "") String description,
            Model model,
            RedirectAttributes flash) {
        try {
            api.post(
                    "/api/v1/reports",
                    Map.of("targetType", type, "targetId", id.toString(), "description", description));
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() == 404) {
                throw problem;
            }
            model.addAttribute("type", type);
            model.addAttribute("id", id);
            model.addAttribute("label", label);
            model.addAttribute("description", description);
            model.addAttribute("error", advice.message(problem));
            return "desk/report";
        }
        flash.addFlashAttribute("notice", "desk.report.sent");
        return "redirect:/my-reports";
    }

    @GetMapping("/my-reports")
    String myReports(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("reports", api.get("/api/v1/my-reports", "page", page, "size", 20));
        return "desk/my-reports";
    }

    // ---- the admin desk: reports

    @GetMapping("/admin/reports")
    String queue(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String chosen = status == null ? "OPEN" : status;
        model.addAttribute("status", chosen);
        model.addAttribute(
                "reports",
                api.get(
                        "/api/v1/admin/reports",
                        "status",
                        chosen.equals("ALL") ? null : chosen,
                        "page",
                        page,
                        "size",
                        20));
        return "desk/reports";
    }

    @GetMapping("/admin/reports/{id}")
    String report(@PathVariable UUID id, Model model) {
        model.addAttribute("detail", api.get("/api/v1/admin/reports/" + id));
        return "desk/report-detail";
    }

    @PostMapping("/admin/reports/{id}/assign-to-me")
    String assignToMe(@PathVariable UUID id, @RequestParam UUID me, RedirectAttributes flash) {
        return act(id, "/assign", Map.of("assigneeId", me.toString()), "desk.assigned", flash);
    }

    @PostMapping("/admin/reports/{id}/investigate")
    String investigate(@PathVariable UUID id, @RequestParam(defaultValue = "") String note, RedirectAttributes flash) {
        return act(id, "/investigate", note.isBlank() ? Map.of() : Map.of("note", note), "desk.investigating", flash);
    }

    @PostMapping("/admin/reports/{id}/resolve")
    String resolve(
            @PathVariable UUID id,
            @RequestParam String resolution,
            @RequestParam(defaultValue = "") String publicResolution,
            @RequestParam(defaultValue = "") String adminNote,
            @RequestParam(defaultValue = "") String message,
            RedirectAttributes flash) {
        Map<String, Object> body = new HashMap<>();
        body.put("resolution", resolution);
        body.put("publicResolution", publicResolution);
        body.put("adminNote", adminNote);
        body.put("message", message);
        return act(id, "/resolve", body, "desk.resolved", flash);
    }

    private String act(UUID id, String action, Object body, String notice, RedirectAttributes flash) {
        try {
            api.post("/api/v1/admin/reports/" + id + action, body);
            flash.addFlashAttribute("notice", notice);
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            flash.addFlashAttribute("error", advice.message(problem));
        }
        return "redirect:/admin/reports/" + id;
    }

    // ---- the admin desk: disputes

    @GetMapping("/admin/disputes")
    String disputes(
            @RequestParam(defaultValue = "OPEN") String status,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("status", status);
        model.addAttribute("disputes", api.get("/api/v1/admin/disputes", "status", status, "page", page, "size", 20));
        return "desk/disputes";
    }

    @GetMapping("/admin/disputes/{bookingId}")
    String dispute(@PathVariable UUID bookingId, Model model) {
        model.addAttribute("d", api.get("/api/v1/admin/disputes/" + bookingId));
        return "desk/dispute";
    }

    /** Settles through scheduling's resolve route, the one the desk's detail names. */
    @PostMapping("/admin/disputes/{bookingId}/settle")
    String settle(
            @PathVariable UUID bookingId,
            @RequestParam String outcome,
            @RequestParam(required = false) @Nullable Integer studentSharePercent,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes flash) {
        Map<String, Object> body = new HashMap<>();
        body.put("outcome", outcome);
        if ("SPLIT".equals(outcome)) {
            body.put("studentSharePercent", studentSharePercent);
        }
        if (!note.isBlank()) {
            body.put("note", note);
        }
        try {
            api.post("/api/v1/admin/bookings/" + bookingId + "/resolve", body);
            flash.addFlashAttribute("notice", "desk.settled");
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            flash.addFlashAttribute("error", advice.message(problem));
        }
        return "redirect:/admin/disputes/" + bookingId;
    }

    // ---- the admin desk: the audit (moderation) log

    @GetMapping("/admin/audit-log")
    String auditLog(
            @RequestParam(required = false) @Nullable String subjectType,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable UUID subjectId,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("subjectType", subjectType);
        model.addAttribute("action", action);
        model.addAttribute("subjectId", subjectId);
        model.addAttribute(
                "entries",
                api.get(
                        "/api/v1/admin/audit-log",
                        "subjectType",
                        subjectType,
                        "action",
                        action,
                        "subjectId",
                        subjectId,
                        "page",
                        page,
                        "size",
                        50));
        return "desk/audit-log";
    }
}
