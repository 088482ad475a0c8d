package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
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
 * The calendar feed (any signed-in user: the secret address to subscribe to in a calendar app, shown once, a new
 * address, or none) and a tutor's private note on a student, kept on the lesson page of a lesson they taught. The
 * rules (who may write a note, the feed's address shown once) are the API's.
 */
@Controller
class TutorToolsPages {

    private static final String CALENDAR = "/account/calendar";

    private final Api api;
    private final Viewers viewers;
    private final PageAdvice advice;

    TutorToolsPages(Api api, Viewers viewers, PageAdvice advice) {
        this.api = api;
        this.viewers = viewers;
        this.advice = advice;
    }

    /**
     * The feed: the API issues one on the first look (answering its address once), so a first visit shows the
     * address; later visits show its dates and offer a new address.
     */
    @GetMapping(CALENDAR)
    String calendar(HttpServletRequest request, Model model) {
        if (!viewers.current(request).signedIn()) {
            return "redirect:/signin?next=" + CALENDAR;
        }
        if (!model.containsAttribute("feed")) {
            model.addAttribute("feed", api.get("/api/v1/calendar/feed"));
        }
        return "account/calendar";
    }

    @PostMapping(CALENDAR + "/rotate")
    String rotate(RedirectAttributes flash) {
        try {
            flash.addFlashAttribute("feed", api.post("/api/v1/calendar/feed/rotate", null));
            flash.addFlashAttribute("notice", "calendarFeed.rotated");
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            flash.addFlashAttribute("error", advice.message(problem));
        }
        return "redirect:" + CALENDAR;
    }

    @PostMapping(CALENDAR + "/revoke")
    String revoke(RedirectAttributes flash) {
        return advice.act(
                () -> {
                    api.delete("/api/v1/calendar/feed");
                    return null;
                },
                "calendarFeed.revoked",
                flash,
                "/account");
    }

    /** The tutor's note on the student of this lesson (their lesson, which took place, as the API requires). */
    @PostMapping("/lessons/{id}/student-note")
    String saveNote(
            @PathVariable UUID id, @RequestParam UUID studentId, @RequestParam String body, RedirectAttributes flash) {
        return advice.act(
                () -> api.put("/api/v1/tutor/student-notes/" + studentId, Map.of("body", body)),
                "studentNote.saved",
                flash,
                "/lessons/" + id + "#student-note");
    }

    @PostMapping("/lessons/{id}/student-note/delete")
    String deleteNote(@PathVariable UUID id, @RequestParam UUID studentId, RedirectAttributes flash) {
        return advice.act(
                () -> {
                    api.delete("/api/v1/tutor/student-notes/" + studentId);
                    return null;
                },
                "studentNote.deleted",
                flash,
                "/lessons/" + id + "#student-note");
    }
}
