package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The student's and guardian's lesson pages beyond booking: moving a lesson to another free start, the month view of
 * a tutor's free times (with the API's quote as the price), and disputing a finished lesson. Every rule (deadlines,
 * number of moves, the dispute window, who may speak) is the API's; the pages show its answers and refusals in words.
 */
@Controller
class LearnerPages {

    /** States a lesson can be moved from (BookingController's reschedule route). */
    static final Set<String> MOVABLE = Set.of("REQUESTED", "CONFIRMED");

    /** States a participant can dispute from. */
    static final Set<String> DISPUTABLE = Set.of("COMPLETED", "NO_SHOW_STUDENT", "NO_SHOW_TUTOR");

    private final Api api;
    private final Viewers viewers;
    private final PageAdvice advice;
    private final Formats formats;
    private final Clock clock;

    LearnerPages(Api api, Viewers viewers, PageAdvice advice, Formats formats, Clock clock) {
        this.api = api;
        this.viewers = viewers;
        this.advice = advice;
        this.formats = formats;
        this.clock = clock;
    }

    // ---- reschedule

    @GetMapping("/lessons/{id}/reschedule")
    String reschedule(
            @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate week,
            HttpServletRequest request,
            Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next=/lessons/" + id + "/reschedule";
        }
        Map<String, Object> booking = api.get("/api/v1/bookings/" + id);
        new Names(api).decorate(List.of(booking));
        Instant now = clock.instant();
        String refusal = rescheduleRefusal(booking, now);
        model.addAttribute("booking", booking);
        model.addAttribute("refusal", refusal);
        model.addAttribute(
                "backToRequested", Boolean.TRUE.equals(booking.get("confirmationRequired")) && !viewer.isTutor());
        if (refusal == null) {
            LocalDate today = LocalDate.now(clock.withZone(viewer.zone()));
            LocalDate firstDay = week == null || week.isBefore(today) ? today : week;
            Map<String, Object> slots = api.get(
                    "/api/v1/tutors/" + booking.get("tutorId") + "/available-slots",
                    "from",
                    firstDay,
                    "to",
                    firstDay.plusDays(7),
                    "duration",
                    booking.get("durationMinutes"),
                    "tz",
                    viewer.zone().getId());
            model.addAttribute("days", BookingPages.week(slots, firstDay, viewer, formats));
            model.addAttribute("firstDay", firstDay);
            model.addAttribute("previousWeek", firstDay.isAfter(today) ? firstDay.minusDays(7) : null);
            model.addAttribute("nextWeek", firstDay.plusDays(7));
        }
        return "learner/reschedule";
    }

    /**
     * Why the API would refuse any move, as a message key, or null when it may accept one: the same facts the booking
     * publishes (state, moves left, deadline). The API decides again on the move itself.
     */
    static @Nullable String rescheduleRefusal(Map<String, Object> booking, Instant now) {
        if (!MOVABLE.contains(String.valueOf(booking.get("state")))) {
            return "learner.reschedule.notMovable";
        }
        if (booking.get("reschedulesLeft") instanceof Number left && left.intValue() <= 0) {
            return "learner.reschedule.noMovesLeft";
        }
        if (booking.get("rescheduleUntil") != null
                && now.isAfter(Instant.parse(booking.get("rescheduleUntil").toString()))) {
            return "learner.reschedule.tooLate";
        }
        return null;
    }

    @PostMapping("/lessons/{id}/reschedule")
    String move(
            @PathVariable UUID id,
            @RequestParam Instant start,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate week,
            RedirectAttributes flash) {
        try {
            api.post("/api/v1/bookings/" + id + "/reschedule", Map.of("startsAt", start));
            flash.addFlashAttribute("notice", "learner.reschedule.done");
            return "redirect:/lessons/" + id;
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() == 404) {
                throw problem;
            }
            flash.addFlashAttribute("error", advice.message(problem));
            return "redirect:/lessons/" + id + "/reschedule" + (week == null ? "" : "?week=" + week);
        }
    }

    // ---- month view of the booking calendar

    @GetMapping("/tutors/{id}/book/month")
    String month(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String offer,
            @RequestParam(required = false) @Nullable Integer duration,
            @RequestParam(defaultValue = "false") boolean trial,
            @RequestParam(required = false) @Nullable String month,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate day,
            HttpServletRequest request,
            Model model) {
        Viewer viewer = viewers.current(request);
        Map<String, Object> tutor = api.get("/api/v1/tutors/" + id);
        List<Map<String, Object>> offers = BookingPages.offers(tutor);
        if (offer == null && !offers.isEmpty()) {
            offer = ApiFields.required(offers.getFirst(), "value").toString();
        }
        LocalDate today = LocalDate.now(clock.withZone(viewer.zone()));
        YearMonth shown = parseMonth(month, YearMonth.from(today));
        if (shown.isBefore(YearMonth.from(today))) {
            shown = YearMonth.from(today);
        }
        LocalDate first = shown.atDay(1).isBefore(today) ? today : shown.atDay(1);
        var choice = new BookingPages.Choice(id, offer, duration == null ? 0 : duration, trial);
        Map<String, Object> slots;
        try {
            slots = slots(id, first, shown, duration, viewer, choice);
        } catch (ApiProblem problem) {
            // a choice the tutor cannot quote (a trial they do not offer): the times without a price, and why
            if (problem.status() != 422) {
                throw problem;
            }
            model.addAttribute("error", advice.message(problem));
            slots = slots(id, first, shown, duration, viewer, null);
        }
        int length = ApiFields.number(slots, "duration").intValue();
        choice = new BookingPages.Choice(id, offer, length, trial);
        Map<LocalDate, Integer> counts = new HashMap<>();
        for (Object d : (List<?>) slots.getOrDefault("days", List.of())) {
            var dayView = (Map<?, ?>) d;
            counts.put(
                    LocalDate.parse(ApiFields.required(dayView, "date").toString()),
                    ((List<?>) ApiFields.required(dayView, "times")).size());
        }
        LocalDate selected = day != null && YearMonth.from(day).equals(shown) ? day : null;
        if (selected == null) {
            selected = counts.keySet().stream().sorted().findFirst().orElse(null);
        }
        model.addAttribute("tutor", tutor);
        model.addAttribute("offers", offers);
        model.addAttribute("choice", choice);
        model.addAttribute("lengths", slots.get("lessonLengths"));
        model.addAttribute("quote", slots.get("quote"));
        model.addAttribute("month", shown);
        model.addAttribute("monthName", monthName(shown));
        model.addAttribute("weekdays", weekdays());
        var weeks = grid(shown, today, counts, selected);
        // grid() dates every cell
        weeks.forEach(week -> week.forEach(
                cell -> cell.put("label", formats.day((LocalDate) Objects.requireNonNull(cell.get("date"))))));
        model.addAttribute("weeks", weeks);
        model.addAttribute("previousMonth", shown.isAfter(YearMonth.from(today)) ? shown.minusMonths(1) : null);
        model.addAttribute("nextMonth", shown.plusMonths(1));
        model.addAttribute("selected", selected);
        model.addAttribute("starts", startsOn(slots, selected));
        model.addAttribute("terms", api.get("/api/v1/tutors/" + id + "/cancellation-terms"));
        return "learner/month";
    }

    private Map<String, Object> slots(
            UUID tutorId,
            LocalDate first,
            YearMonth shown,
            @Nullable Integer duration,
            Viewer viewer,
            BookingPages.@Nullable Choice quoteFor) {
        return api.get(
                "/api/v1/tutors/" + tutorId + "/available-slots",
                "from",
                first,
                "to",
                shown.plusMonths(1).atDay(1),
                "duration",
                duration,
                "tz",
                viewer.zone().getId(),
                "subjectId",
                quoteFor == null ? null : quoteFor.subjectId(),
                "level",
                quoteFor == null ? null : quoteFor.level(),
                "trial",
                quoteFor != null && quoteFor.trial() ? "true" : null,
                "displayCurrency",
                quoteFor == null ? null : viewer.currency());
    }

    private static YearMonth parseMonth(@Nullable String month, YearMonth fallback) {
        if (month == null || month.isBlank()) {
            return fallback;
        }
        try {
            return YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    private static String monthName(YearMonth month) {
        return month.atDay(1).format(DateTimeFormatter.ofPattern("LLLL yyyy", LocaleContextHolder.getLocale()));
    }

    /** Monday to Sunday, short and full names in the viewer's language. */
    private static List<Map<String, String>> weekdays() {
        var names = new ArrayList<Map<String, String>>();
        for (DayOfWeek d : DayOfWeek.values()) {
            names.add(Map.of(
                    "short", d.getDisplayName(TextStyle.SHORT, LocaleContextHolder.getLocale()),
                    "full", d.getDisplayName(TextStyle.FULL, LocaleContextHolder.getLocale())));
        }
        return names;
    }

    /** Rows of seven days (Monday first) covering the month; days outside it are blank cells. */
    static List<List<Map<String, Object>>> grid(
            YearMonth month, LocalDate today, Map<LocalDate, Integer> counts, @Nullable LocalDate selected) {
        var weeks = new ArrayList<List<Map<String, Object>>>();
        LocalDate cursor =
                month.atDay(1).minusDays(month.atDay(1).getDayOfWeek().getValue() - 1L);
        while (!cursor.isAfter(month.atEndOfMonth())) {
            var week = new ArrayList<Map<String, Object>>();
            for (int i = 0; i < 7; i++, cursor = cursor.plusDays(1)) {
                var cell = new LinkedHashMap<String, Object>();
                cell.put("date", cursor);
                cell.put("inMonth", YearMonth.from(cursor).equals(month));
                cell.put("past", cursor.isBefore(today));
                cell.put("count", counts.getOrDefault(cursor, 0));
                cell.put("selected", cursor.equals(selected));
                week.add(cell);
            }
            weeks.add(week);
        }
        return weeks;
    }

    /** The free starts of one day of the viewer's zone, as the week view shows them. */
    @SuppressWarnings("unchecked")
    private List<Map<String, String>> startsOn(Map<String, Object> slots, @Nullable LocalDate day) {
        var starts = new ArrayList<Map<String, String>>();
        if (day == null) {
            return starts;
        }
        for (Object o : (List<Object>) slots.getOrDefault("slots", List.of())) {
            var slot = (Map<String, Object>) o;
            if (OffsetDateTime.parse(ApiFields.required(slot, "localStart").toString())
                    .toLocalDate()
                    .equals(day)) {
                Instant start = Instant.parse(ApiFields.required(slot, "start").toString());
                starts.add(Map.of(
                        "start", start.toString(), "time", formats.time(start), "label", formats.dateTime(start)));
            }
        }
        return starts;
    }

    // ---- disputes

    @GetMapping("/lessons/{id}/dispute")
    String dispute(@PathVariable UUID id, HttpServletRequest request, Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next=/lessons/" + id + "/dispute";
        }
        Map<String, Object> booking = api.get("/api/v1/bookings/" + id);
        new Names(api).decorate(List.of(booking));
        Map<String, Object> opened = lastChangeTo(booking, "DISPUTED");
        List<Map<String, Object>> statements = opened == null ? List.of() : statements(id);
        String me = String.valueOf(viewer.id());
        model.addAttribute("booking", booking);
        model.addAttribute("disputable", DISPUTABLE.contains(String.valueOf(booking.get("state"))));
        model.addAttribute("opened", opened);
        model.addAttribute("resolved", lastChangeTo(booking, "RESOLVED"));
        model.addAttribute("statements", statements);
        model.addAttribute("me", me);
        // one statement per party besides the opening one (the API refuses a second)
        model.addAttribute(
                "mayStatement",
                "DISPUTED".equals(booking.get("state"))
                        && statements.stream()
                                .noneMatch(s -> me.equals(String.valueOf(s.get("authorId")))
                                        && !Boolean.TRUE.equals(s.get("opening"))));
        return "learner/dispute";
    }

    /** The dispute's statements as its parties may read them; none for someone the API does not count as a party. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> statements(UUID bookingId) {
        try {
            Object body = api.send("GET", "/api/v1/disputes/" + bookingId + "/statements", null, false)
                    .body();
            return body instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
        } catch (ApiProblem problem) {
            if (problem.status() == 404) {
                return List.of();
            }
            throw problem;
        }
    }

    /** The latest history entry into a state (the booking's history as the API gives it to its parties). */
    @SuppressWarnings("unchecked")
    static @Nullable Map<String, Object> lastChangeTo(Map<String, Object> booking, String state) {
        Map<String, Object> found = null;
        for (Object o : (List<Object>) booking.getOrDefault("history", List.of())) {
            var change = (Map<String, Object>) o;
            if (state.equals(change.get("to"))) {
                found = change;
            }
        }
        return found;
    }

    @PostMapping("/lessons/{id}/dispute")
    String openDispute(@PathVariable UUID id, @RequestParam String reason, RedirectAttributes flash) {
        return advice.act(
                () -> api.post("/api/v1/bookings/" + id + "/dispute", Map.of("reason", reason.strip())),
                "learner.dispute.opened",
                flash,
                "/lessons/" + id + "/dispute");
    }

    @PostMapping("/lessons/{id}/dispute/statement")
    String addStatement(@PathVariable UUID id, @RequestParam String statement, RedirectAttributes flash) {
        return advice.act(
                () -> api.post("/api/v1/disputes/" + id + "/statements", Map.of("statement", statement.strip())),
                "learner.dispute.statementSent",
                flash,
                "/lessons/" + id + "/dispute");
    }
}
