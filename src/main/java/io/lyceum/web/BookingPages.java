package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Booking: the week calendar of a tutor's free start times in the viewer's zone, the review step (who the lesson is
 * for, the price, the cancellation policy), checkout with the payment provider, and the student's or guardian's
 * lessons with cancellation.
 */
@Controller
class BookingPages {

    private final Api api;
    private final java.time.Clock clock;
    private final Viewers viewers;
    private final PageAdvice advice;
    private final Formats formats;

    BookingPages(Api api, Viewers viewers, PageAdvice advice, Formats formats, java.time.Clock clock) {
        this.clock = clock;
        this.api = api;
        this.viewers = viewers;
        this.advice = advice;
        this.formats = formats;
    }

    /** What is being booked, as chosen on the calendar: subject and level as {@code subjectId|LEVEL}. */
    public record Choice(UUID tutorId, @Nullable String offer, int duration, boolean trial) {

        public @Nullable String subjectId() {
            return offer == null ? null : offer.split("\\|")[0];
        }

        public @Nullable String level() {
            String[] parts = offer == null ? new String[0] : offer.split("\\|");
            return parts.length > 1 ? parts[1] : null;
        }
    }

    @GetMapping("/tutors/{id}/book")
    String calendar(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String offer,
            @RequestParam(required = false) @Nullable Integer duration,
            @RequestParam(defaultValue = "false") boolean trial,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate week,
            @RequestHeader(value = "HX-Request", required = false) @Nullable String htmx,
            HttpServletRequest request,
            Model model) {
        Viewer viewer = viewers.current(request);
        Map<String, Object> tutor = api.get("/api/v1/tutors/" + id);
        List<Map<String, Object>> offers = offers(tutor);
        if (offer == null && !offers.isEmpty()) {
            offer = ApiFields.required(offers.getFirst(), "value").toString();
        }
        LocalDate today = LocalDate.now(clock.withZone(viewer.zone()));
        // a week is seven days from the day asked for (today by default), so the first page always looks ahead
        LocalDate firstDay = week == null || week.isBefore(today) ? today : week;
        Map<String, Object> slots = api.get(
                "/api/v1/tutors/" + id + "/available-slots",
                "from",
                firstDay,
                "to",
                firstDay.plusDays(7),
                "duration",
                duration,
                "tz",
                viewer.zone().getId());
        int length = ApiFields.number(slots, "duration").intValue();
        var choice = new Choice(id, offer, length, trial);
        model.addAttribute("tutor", tutor);
        model.addAttribute("offers", offers);
        model.addAttribute("choice", choice);
        model.addAttribute("lengths", slots.get("lessonLengths"));
        model.addAttribute("days", week(slots, firstDay, viewer, formats));
        model.addAttribute("firstDay", firstDay);
        model.addAttribute("previousWeek", firstDay.isAfter(today) ? firstDay.minusDays(7) : null);
        model.addAttribute("nextWeek", firstDay.plusDays(7));
        model.addAttribute("price", LessonPrices.price(tutor, choice));
        model.addAttribute("terms", api.get("/api/v1/tutors/" + id + "/cancellation-terms"));
        return htmx != null ? "booking/calendar :: calendar" : "booking/calendar";
    }

    @GetMapping("/book")
    String review(
            @RequestParam UUID tutorId,
            @RequestParam String offer,
            @RequestParam int duration,
            @RequestParam(defaultValue = "false") boolean trial,
            @RequestParam Instant start,
            HttpServletRequest request,
            Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next="
                    + java.net.URLEncoder.encode(
                            request.getRequestURI() + "?" + request.getQueryString(),
                            java.nio.charset.StandardCharsets.UTF_8);
        }
        Map<String, Object> tutor = api.get("/api/v1/tutors/" + tutorId);
        var choice = new Choice(tutorId, offer, duration, trial);
        model.addAttribute("tutor", tutor);
        model.addAttribute("choice", choice);
        model.addAttribute("start", start);
        model.addAttribute("end", start.plusSeconds(duration * 60L));
        model.addAttribute("subjectName", subjectName(tutor, choice.subjectId()));
        model.addAttribute("price", LessonPrices.price(tutor, choice));
        model.addAttribute("terms", api.get("/api/v1/tutors/" + tutorId + "/cancellation-terms"));
        if (viewer.isGuardian()) {
            model.addAttribute("children", api.get("/api/v1/links/my-students").get("content"));
        }
        return "booking/review";
    }

    @PostMapping("/book")
    String place(
            @RequestParam UUID tutorId,
            @RequestParam String offer,
            @RequestParam int duration,
            @RequestParam(defaultValue = "false") boolean trial,
            @RequestParam Instant start,
            @RequestParam(required = false) @Nullable UUID studentId,
            @RequestParam(required = false) @Nullable String note,
            HttpServletRequest request,
            Model model) {
        var choice = new Choice(tutorId, offer, duration, trial);
        var body = new LinkedHashMap<String, Object>();
        body.put("tutorId", tutorId);
        body.put("subjectId", choice.subjectId());
        body.put("level", choice.level());
        body.put("startsAt", start);
        body.put("durationMinutes", duration);
        body.put("trial", trial);
        body.put("studentId", studentId);
        if (note != null && !note.isBlank()) {
            body.put("note", note);
        }
        try {
            Map<String, Object> booking = api.post("/api/v1/bookings", body);
            if ("PENDING_PAYMENT".equals(booking.get("state"))) {
                return "redirect:/pay/" + booking.get("id");
            }
            return "redirect:/lessons/" + booking.get("id") + "?booked";
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            model.addAttribute("error", advice.message(problem));
            return review(tutorId, offer, duration, trial, start, request, model);
        }
    }

    /**
     * Checkout of anything the viewer pays (a booking, an invoice): its order's amount and the card form. With Stripe
     * the card is taken by Stripe Elements (the number goes from the browser to Stripe; the form posts only the
     * {@code pm_...} id), so this page alone lets Stripe's script, frames and API through its Content-Security-Policy;
     * with the sandbox the payer picks one of its test payment methods.
     */
    @GetMapping("/pay/{id}")
    String checkout(@PathVariable UUID id, Model model, HttpServletResponse response) {
        Map<String, Object> status = api.get("/api/v1/payments/status/" + id);
        if ("PAID".equals(status.get("status"))) {
            return "redirect:" + afterPayment(status);
        }
        Map<String, Object> payment = api.get("/api/v1/payments/config");
        if ("stripe".equals(payment.get("provider"))) {
            StripeElements.allow(response);
        }
        model.addAttribute("order", status);
        model.addAttribute("referenceId", id);
        model.addAttribute("payment", payment);
        return "booking/checkout";
    }

    @PostMapping("/pay/{id}")
    String pay(@PathVariable UUID id, @RequestParam String card, Model model, HttpServletResponse response) {
        String returnUrl = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/pay/{id}/return")
                .buildAndExpand(id)
                .toUriString();
        try {
            Map<String, Object> status = api.post(
                    "/api/v1/payments/checkout",
                    Map.of("orderId", id, "paymentMethodId", card, "returnUrl", returnUrl));
            if (status.get("nextAction") instanceof Map<?, ?> next && next.get("url") != null) {
                return "redirect:" + next.get("url");
            }
            return "redirect:"
                    + ("PAID".equals(status.get("status")) ? afterPayment(status) : "/pay/" + id + "/return");
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            model.addAttribute("error", advice.message(problem));
            model.addAttribute("declineCode", problem.field("declineCode"));
            return checkout(id, model, response);
        }
    }

    /** Where the 3-D Secure page sends the payer back; the result arrives by webhook, so the page may have to wait. */
    @GetMapping("/pay/{id}/return")
    String paymentReturn(
            @PathVariable UUID id,
            @RequestParam(name = "redirect_status", required = false) @Nullable String redirectStatus,
            @RequestHeader(value = "HX-Request", required = false) @Nullable String htmx,
            jakarta.servlet.http.HttpServletResponse response,
            Model model) {
        Map<String, Object> status = api.get("/api/v1/payments/status/" + id);
        if ("PAID".equals(status.get("status"))) {
            if (htmx != null) {
                response.setHeader("HX-Redirect", afterPayment(status)); // the polling page moves on
            } else {
                return "redirect:" + afterPayment(status);
            }
        }
        model.addAttribute("order", status);
        model.addAttribute("referenceId", id);
        model.addAttribute("failed", "failed".equals(redirectStatus));
        return "booking/payment-pending";
    }

    /** Gives a held lesson's time back (the student chose not to pay after a decline). */
    @PostMapping("/pay/{id}/release")
    String release(@PathVariable UUID id) {
        api.post("/api/v1/bookings/" + id + "/cancel", Map.of("reason", "Released at checkout"));
        return "redirect:/lessons/" + id + "?released";
    }

    @GetMapping("/lessons")
    String lessons(HttpServletRequest request, Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next=/lessons";
        }
        Instant now = clock.instant();
        List<Map<String, Object>> upcoming =
                list(api.get("/api/v1/bookings", "from", now.minusSeconds(3600 * 3), "size", 50));
        List<Map<String, Object>> past = list(
                api.get("/api/v1/bookings", "to", now.minusSeconds(3600 * 3), "sort", "startsAt,desc", "size", 20));
        var names = new Names(api);
        model.addAttribute("upcoming", names.decorate(upcoming));
        model.addAttribute("past", names.decorate(past));
        return "booking/lessons";
    }

    @GetMapping("/lessons/{id}")
    String lesson(@PathVariable UUID id, @RequestParam(required = false) @Nullable String paid, Model model) {
        Map<String, Object> booking = api.get("/api/v1/bookings/" + id);
        // just paid: confirmation follows the payment by an event, so the page refreshes until it lands
        model.addAttribute("confirming", paid != null && "PENDING_PAYMENT".equals(booking.get("state")));
        new Names(api).decorate(List.of(booking));
        model.addAttribute("booking", booking);
        model.addAttribute("refund", CancellationPreview.of(booking, clock.instant()));
        boolean tutor = Api.current().map(viewers::current).map(Viewer::isTutor).orElse(false);
        if (tutor && TAUGHT.contains(String.valueOf(booking.get("state")))) {
            model.addAttribute("studentNote", studentNote(String.valueOf(booking.get("studentId"))));
        }
        return "booking/lesson";
    }

    /** States of a lesson that took place: its tutor may keep a private note on the student. */
    private static final java.util.Set<String> TAUGHT =
            java.util.Set.of("COMPLETED", "NO_SHOW_STUDENT", "DISPUTED", "RESOLVED");

    /** The tutor's note on the student: its text, or an empty one (the API's 404 {@code note.not_found}). */
    private Map<String, Object> studentNote(String studentId) {
        try {
            return api.get("/api/v1/tutor/student-notes/" + studentId);
        } catch (ApiProblem problem) {
            if (problem.status() == 404) {
                return Map.of("studentId", studentId);
            }
            throw problem;
        }
    }

    @PostMapping("/lessons/{id}/cancel")
    String cancel(@PathVariable UUID id, @RequestParam(required = false) @Nullable String reason, Model model) {
        try {
            api.post(
                    "/api/v1/bookings/" + id + "/cancel",
                    Map.of("reason", reason == null || reason.isBlank() ? "Cancelled on the lessons page" : reason));
            return "redirect:/lessons/" + id + "?cancelled";
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() == 404) {
                throw problem;
            }
            model.addAttribute("error", advice.message(problem));
            return lesson(id, null, model);
        }
    }

    @PostMapping("/lessons/{id}/join")
    String join(@PathVariable UUID id, Model model) {
        try {
            model.addAttribute("room", api.post("/api/v1/bookings/" + id + "/launch", null));
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() == 404) {
                throw problem;
            }
            model.addAttribute("error", advice.message(problem));
        }
        return lesson(id, null, model);
    }

    private static String afterPayment(Map<String, Object> status) {
        Object kind = status.get("kind");
        Object reference = status.get("referenceId");
        if ("INVOICE".equals(kind)) {
            return "/invoices?paid=" + reference;
        }
        if ("PACKAGE".equals(kind)) {
            return "/packages/" + reference + "?paid";
        }
        if ("ENROLLMENT".equals(kind)) {
            return "/enrollments/" + reference + "?paid";
        }
        return "/lessons/" + reference + "?paid";
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> page) {
        return new ArrayList<>((List<Map<String, Object>>) page.getOrDefault("content", List.of()));
    }

    /** The tutor's subjects at their levels as choices {@code subjectId|LEVEL}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> offers(Map<String, Object> tutor) {
        var offers = new ArrayList<Map<String, Object>>();
        for (Object o : (List<Object>) tutor.getOrDefault("subjects", List.of())) {
            var subject = (Map<String, Object>) o;
            offers.add(Map.of(
                    "value", subject.get("subjectId") + "|" + subject.get("level"),
                    "name", subject.get("name"),
                    "level", subject.get("level")));
        }
        return offers;
    }

    @SuppressWarnings("unchecked")
    static String subjectName(Map<String, Object> tutor, @Nullable String subjectId) {
        for (Object o : (List<Object>) tutor.getOrDefault("subjects", List.of())) {
            var subject = (Map<String, Object>) o;
            if (String.valueOf(subject.get("subjectId")).equals(subjectId)) {
                return String.valueOf(subject.get("name"));
            }
        }
        return "";
    }

    /** Seven days from the first in the viewer's zone, each with its free start times. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> week(
            Map<String, Object> slots, LocalDate firstDay, Viewer viewer, Formats formats) {
        var byDay = new LinkedHashMap<LocalDate, List<Map<String, String>>>();
        for (int i = 0; i < 7; i++) {
            byDay.put(firstDay.plusDays(i), new ArrayList<>());
        }
        for (Object slot : (List<Object>) slots.getOrDefault("slots", List.of())) {
            Instant start = Instant.parse(
                    ApiFields.required((Map<String, Object>) slot, "start").toString());
            List<Map<String, String>> day =
                    byDay.get(start.atZone(viewer.zone()).toLocalDate());
            if (day != null) {
                day.add(Map.of(
                        "start", start.toString(), "time", formats.time(start), "label", formats.dateTime(start)));
            }
        }
        var days = new ArrayList<Map<String, Object>>();
        byDay.forEach((day, starts) -> days.add(Map.of("day", day, "starts", starts)));
        return days;
    }
}
