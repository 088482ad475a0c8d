package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.DayOfWeek;
import java.util.Arrays;
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

/** The tutor's dashboard (requests to confirm or decline, upcoming lessons, earnings) and availability editor. */
@Controller
class TutorPages {

    static final List<DayOfWeek> DAYS = Arrays.asList(DayOfWeek.values());

    private final Api api;
    private final java.time.Clock clock;
    private final Viewers viewers;
    private final PageAdvice advice;

    TutorPages(Api api, Viewers viewers, PageAdvice advice, java.time.Clock clock) {
        this.clock = clock;
        this.api = api;
        this.viewers = viewers;
        this.advice = advice;
    }

    @GetMapping("/teach")
    String dashboard(HttpServletRequest request, Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next=/teach";
        }
        var names = new Names(api);
        model.addAttribute(
                "requests",
                names.decorate(BookingPages.list(api.get("/api/v1/bookings", "state", "REQUESTED", "size", 50))));
        model.addAttribute(
                "upcoming",
                names.decorate(BookingPages.list(
                        api.get("/api/v1/bookings", "state", "CONFIRMED", "from", clock.instant(), "size", 20))));
        model.addAttribute("wallet", api.get("/api/v1/wallet/balance").get("balances"));
        return "teach/dashboard";
    }

    @PostMapping("/teach/bookings/{id}/confirm")
    String confirm(@PathVariable UUID id, RedirectAttributes flash) {
        return act(() -> api.post("/api/v1/tutor/bookings/" + id + "/confirm", null), "teach.confirmed", flash);
    }

    @PostMapping("/teach/bookings/{id}/decline")
    String decline(
            @PathVariable UUID id, @RequestParam(required = false) @Nullable String reason, RedirectAttributes flash) {
        String why = reason == null || reason.isBlank() ? "Declined on the dashboard" : reason;
        return act(
                () -> api.post("/api/v1/tutor/bookings/" + id + "/decline", Map.of("reason", why)),
                "teach.declined",
                flash);
    }

    @GetMapping("/teach/availability")
    String availability(Model model) {
        model.addAttribute("availability", api.get("/api/v1/tutors/availability"));
        model.addAttribute("days", DAYS);
        return "teach/availability";
    }

    @PostMapping("/teach/availability/windows")
    String addWindow(
            @RequestParam String dayOfWeek,
            @RequestParam String start,
            @RequestParam String end,
            RedirectAttributes flash) {
        var item = new LinkedHashMap<String, Object>();
        item.put("type", "WINDOW");
        item.put("dayOfWeek", dayOfWeek);
        item.put("start", start);
        item.put("end", end);
        return act(
                () -> api.post("/api/v1/tutors/availability", item),
                "availability.added",
                flash,
                "/teach/availability");
    }

    @PostMapping("/teach/availability/windows/{id}/delete")
    String deleteWindow(@PathVariable UUID id, RedirectAttributes flash) {
        return act(
                () -> {
                    api.delete("/api/v1/tutors/availability/" + id);
                    return null;
                },
                "availability.removed",
                flash,
                "/teach/availability");
    }

    @PostMapping("/teach/availability/settings")
    String settings(
            @RequestParam int bufferMinutes,
            @RequestParam int minimumNoticeMinutes,
            @RequestParam(required = false) @Nullable List<Integer> lessonLengths,
            @RequestParam(defaultValue = "false") boolean requiresConfirmation,
            RedirectAttributes flash) {
        var settings = new LinkedHashMap<String, Object>();
        settings.put("bufferMinutes", bufferMinutes);
        settings.put("minimumNoticeMinutes", minimumNoticeMinutes);
        settings.put("requiresConfirmation", requiresConfirmation);
        if (lessonLengths != null && !lessonLengths.isEmpty()) {
            settings.put("lessonLengths", lessonLengths);
        }
        return act(
                () -> api.patch("/api/v1/tutors/me/availability/settings", settings),
                "availability.saved",
                flash,
                "/teach/availability");
    }

    private String act(java.util.function.Supplier<Object> action, String notice, RedirectAttributes flash) {
        return advice.act(action, notice, flash, "/teach");
    }

    private String act(
            java.util.function.Supplier<Object> action, String notice, RedirectAttributes flash, String back) {
        return advice.act(action, notice, flash, back);
    }
}
