package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

/** The public marketplace: home, tutor search with facets, tutor profiles and course packs. */
@Controller
class MarketplacePages {

    static final List<String> LEVELS = List.of("PRIMARY", "GCSE", "A_LEVEL", "IB", "UNIVERSITY", "ADULT");
    static final List<String> MODES = List.of("ONLINE", "IN_PERSON");
    static final List<String> CURRENCIES = List.of("GBP", "EUR", "USD", "PLN");
    static final List<Integer> WINDOWS = List.of(1, 3, 7, 14);

    private final Api api;
    private final java.time.Clock clock;
    private final Viewers viewers;

    MarketplacePages(Api api, Viewers viewers, java.time.Clock clock) {
        this.clock = clock;
        this.api = api;
        this.viewers = viewers;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("subjects", api.get("/api/v1/subjects", "size", 50).get("content"));
        model.addAttribute("tutors", api.get("/api/v1/tutors", "size", 6).get("content"));
        return "home";
    }

    /** Search; an htmx request (the filters changed) gets only the results fragment. */
    @GetMapping("/tutors")
    String search(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String subjectId,
            @RequestParam(required = false) @Nullable String level,
            @RequestParam(required = false) @Nullable Long minPrice,
            @RequestParam(required = false) @Nullable Long maxPrice,
            @RequestParam(required = false) @Nullable String currency,
            @RequestParam(required = false) @Nullable String language,
            @RequestParam(required = false) @Nullable String teachingMode,
            @RequestParam(required = false) @Nullable Integer freeWithinDays,
            @RequestParam(defaultValue = "0") int page,
            @RequestHeader(value = "HX-Request", required = false) @Nullable String htmx,
            HttpServletRequest request,
            Model model) {
        Viewer viewer = viewers.current(request);
        String shown = currency != null && CURRENCIES.contains(currency)
                ? currency
                : viewer.currency() != null ? viewer.currency() : "GBP";
        Instant now = clock.instant();
        Integer window = freeWithinDays != null && WINDOWS.contains(freeWithinDays) ? freeWithinDays : null;
        Map<String, Object> result = api.get(
                "/api/v1/tutors",
                "q",
                q,
                "subjectId",
                subjectId,
                "level",
                level,
                // the price filter is typed in whole units of the currency shown
                "minPrice",
                minPrice == null ? null : minPrice * 100,
                "maxPrice",
                maxPrice == null ? null : maxPrice * 100,
                "currency",
                minPrice != null || maxPrice != null ? shown : null,
                "language",
                language,
                "teachingMode",
                teachingMode,
                "freeFrom",
                window == null ? null : now,
                "freeTo",
                window == null ? null : now.plus(Duration.ofDays(window)),
                "displayCurrency",
                shown,
                "page",
                page,
                "size",
                12);
        var filters = new LinkedHashMap<String, Object>();
        filters.put("q", q);
        filters.put("subjectId", subjectId);
        filters.put("level", level);
        filters.put("minPrice", minPrice);
        filters.put("maxPrice", maxPrice);
        filters.put("currency", shown);
        filters.put("language", language);
        filters.put("teachingMode", teachingMode);
        filters.put("freeWithinDays", window);
        model.addAttribute("filters", filters);
        model.addAttribute("result", result);
        model.addAttribute("subjects", api.get("/api/v1/subjects", "size", 100).get("content"));
        model.addAttribute("levels", LEVELS);
        model.addAttribute("modes", MODES);
        model.addAttribute("currencies", CURRENCIES);
        model.addAttribute("windows", WINDOWS);
        return htmx != null ? "tutors/search :: results" : "tutors/search";
    }

    @GetMapping("/tutors/{id}")
    String profile(@PathVariable UUID id, HttpServletRequest request, Model model) {
        Viewer viewer = viewers.current(request);
        model.addAttribute("tutor", api.get("/api/v1/tutors/" + id));
        model.addAttribute("terms", api.get("/api/v1/tutors/" + id + "/cancellation-terms"));
        model.addAttribute(
                "packages", api.get("/api/v1/tutors/" + id + "/package-offers").get("content"));
        model.addAttribute(
                "packs", api.get("/api/v1/course-packs", "tutorId", id).get("content"));
        Map<String, Object> slots = api.get(
                "/api/v1/tutors/" + id + "/available-slots", "tz", viewer.zone().getId());
        model.addAttribute("preview", previewByDay(slots, viewer));
        return "tutors/profile";
    }

    /** The tutor's photo, or a drawn monogram when they have none, so the page never shows a broken image. */
    @GetMapping("/tutors/{id}/photo")
    ResponseEntity<byte[]> photo(@PathVariable UUID id, @RequestParam(defaultValue = "?") String name) {
        try {
            HttpResponse<byte[]> photo = api.download("/api/v1/tutors/" + id + "/photo");
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(
                            photo.headers().firstValue("Content-Type").orElse("image/jpeg")))
                    .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                    .body(photo.body());
        } catch (ApiProblem none) {
            String initials = initials(name);
            String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 96 96\" role=\"img\">"
                    + "<rect width=\"96\" height=\"96\" rx=\"48\" fill=\"#1d4e89\"/>"
                    + "<text x=\"48\" y=\"58\" font-family=\"sans-serif\" font-size=\"34\" fill=\"#fff\""
                    + " text-anchor=\"middle\">" + HtmlUtils.htmlEscape(initials) + "</text></svg>";
            return ResponseEntity.ok()
                    .contentType(MediaType.valueOf("image/svg+xml"))
                    .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                    .body(svg.getBytes(StandardCharsets.UTF_8));
        }
    }

    @GetMapping("/course-packs/{id}")
    String coursePack(@PathVariable UUID id, Model model) {
        model.addAttribute("pack", api.get("/api/v1/course-packs/" + id));
        model.addAttribute("levels", LEVELS);
        return "tutors/course-pack";
    }

    /** Free start times of the coming week grouped by the viewer's day: the first few of each day. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> previewByDay(Map<String, Object> slots, Viewer viewer) {
        var days = new LinkedHashMap<LocalDate, List<Object>>();
        for (Object slot : (List<Object>) slots.getOrDefault("slots", List.of())) {
            Instant start =
                    Instant.parse(ApiFields.required((Map<?, ?>) slot, "start").toString());
            days.computeIfAbsent(start.atZone(viewer.zone()).toLocalDate(), d -> new ArrayList<>())
                    .add(start.toString());
        }
        var preview = new ArrayList<Map<String, Object>>();
        days.forEach((day, starts) -> preview.add(
                Map.of("day", day, "count", starts.size(), "first", starts.subList(0, Math.min(4, starts.size())))));
        return preview;
    }

    static String initials(String name) {
        var initials = new StringBuilder();
        for (String part : name.trim().split("\\s+")) {
            if (!part.isEmpty() && initials.length() < 2) {
                initials.appendCodePoint(part.codePointAt(0));
            }
        }
        return initials.isEmpty() ? "?" : initials.toString().toUpperCase();
    }
}
