package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tutor's onboarding wizard: the profile's sections (about, teaching, languages, education, certifications),
 * subjects and prices, weekly availability with dated overrides and the break between lessons, the payout account (the
 * wallet page) and submitting the profile for approval, with its status. Each step writes through the tutor API; which
 * sections are missing and whether the profile may be submitted are the API's answers.
 */
@Controller
class OnboardingPages {

    static final String BASE = "/teach/onboarding";
    static final String PROFILE = BASE + "/profile";
    static final String SUBJECTS = BASE + "/subjects";

    /** The most subjects the subject picker offers. */
    private static final int MAX_SUBJECTS = 1000;

    static final String AVAILABILITY = BASE + "/availability";

    static final List<String> LEVELS = List.of("PRIMARY", "GCSE", "A_LEVEL", "IB", "UNIVERSITY", "ADULT");
    static final List<Integer> LENGTHS = List.of(30, 45, 60, 90, 120);

    private final Api api;
    private final Viewers viewers;
    private final PageAdvice advice;
    private final AccountPages account;

    OnboardingPages(Api api, Viewers viewers, PageAdvice advice, AccountPages account) {
        this.api = api;
        this.viewers = viewers;
        this.advice = advice;
        this.account = account;
    }

    // ---- the overview: status, steps, submit

    @GetMapping(BASE)
    String overview(HttpServletRequest request, Model model) {
        if (!viewers.current(request).signedIn()) {
            return "redirect:/signin?next=" + BASE;
        }
        Map<String, Object> profile = api.get("/api/v1/tutors/me/profile");
        Map<String, Object> availability = api.get("/api/v1/tutors/availability");
        model.addAttribute("profile", profile);
        model.addAttribute("missing", profile.getOrDefault("missingSections", List.of()));
        model.addAttribute("hasHours", !((List<?>) availability.getOrDefault("windows", List.of())).isEmpty());
        model.addAttribute("payoutAccount", payoutAccount());
        model.addAttribute("step", "overview");
        return "teach/onboarding";
    }

    private @Nullable Map<String, Object> payoutAccount() {
        try {
            return api.get("/api/v1/wallet/payout-account");
        } catch (ApiProblem problem) {
            if (problem.status() == 404) {
                return null;
            }
            throw problem;
        }
    }

    @PostMapping(BASE + "/submit")
    String submit(RedirectAttributes flash) {
        return account.act(() -> api.post("/api/v1/tutors/me/submit", null), "onboarding.submitted", flash, BASE);
    }

    // ---- profile sections

    @GetMapping(PROFILE)
    String profile(Model model) {
        Map<String, Object> profile = api.get("/api/v1/tutors/me/profile");
        model.addAttribute("profile", profile);
        model.addAttribute("draft", draft(profile));
        model.addAttribute("zones", AccountPages.ZONES);
        model.addAttribute("step", "profile");
        return "teach/onboarding-profile";
    }

    @PostMapping(PROFILE + "/about")
    String about(@RequestParam String headline, @RequestParam String bio, RedirectAttributes flash) {
        return save(
                () -> api.put("/api/v1/tutors/me/about", Map.of("headline", headline.strip(), "bio", bio.strip())),
                flash,
                PROFILE);
    }

    /** The photo goes on to the API as it came (the API recognises the image by its content and may refuse it). */
    @PostMapping(PROFILE + "/photo")
    String photo(@RequestParam MultipartFile file, RedirectAttributes flash) {
        byte[] content;
        try {
            content = file.getBytes();
        } catch (java.io.IOException e) {
            throw new ApiProblem(400, "web.upload_unreadable", "The file could not be read.", null);
        }
        String name = file.getOriginalFilename() == null ? "photo" : file.getOriginalFilename();
        String type = file.getContentType() == null ? "application/octet-stream" : file.getContentType();
        return account.act(
                () -> api.sendMultipart("PUT", "/api/v1/tutors/me/photo", Map.of(), "file", name, type, content),
                "onboarding.photo.saved",
                flash,
                PROFILE);
    }

    @PostMapping(PROFILE + "/photo/remove")
    String removePhoto(RedirectAttributes flash) {
        return account.act(
                () -> {
                    api.delete("/api/v1/tutors/me/photo");
                    return null;
                },
                "onboarding.photo.removed",
                flash,
                PROFILE);
    }

    @PostMapping(PROFILE + "/teaching")
    String teaching(
            @RequestParam String teachingMode,
            @RequestParam String timeZone,
            @RequestParam(defaultValue = "") String area,
            @RequestParam(defaultValue = "") String introVideoUrl,
            RedirectAttributes flash) {
        var teaching = new LinkedHashMap<String, Object>();
        teaching.put("teachingMode", teachingMode);
        teaching.put("timeZone", timeZone.strip());
        putIfPresent(teaching, "area", area);
        putIfPresent(teaching, "introVideoUrl", introVideoUrl);
        return save(() -> api.put("/api/v1/tutors/me/teaching", teaching), flash, PROFILE);
    }

    /** Languages typed as codes separated by commas or spaces ("en, fr"). */
    @PostMapping(PROFILE + "/languages")
    String languages(@RequestParam String languages, RedirectAttributes flash) {
        List<String> codes = Arrays.stream(languages.split("[,\\s]+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
        return save(() -> api.put("/api/v1/tutors/me/languages", codes), flash, PROFILE);
    }

    @PostMapping(PROFILE + "/education")
    String addEducation(
            @RequestParam String institution,
            @RequestParam(defaultValue = "") String degree,
            @RequestParam(defaultValue = "") String field,
            @RequestParam(required = false) @Nullable Integer startYear,
            @RequestParam(required = false) @Nullable Integer endYear,
            RedirectAttributes flash) {
        var entry = new LinkedHashMap<String, Object>();
        entry.put("institution", institution.strip());
        putIfPresent(entry, "degree", degree);
        putIfPresent(entry, "field", field);
        entry.put("startYear", startYear);
        entry.put("endYear", endYear);
        entry.values().removeIf(java.util.Objects::isNull);
        return save(
                () -> {
                    var list = new ArrayList<>(section("education"));
                    list.add(entry);
                    return api.send("PUT", "/api/v1/tutors/me/education", list, false);
                },
                flash,
                PROFILE);
    }

    @PostMapping(PROFILE + "/education/{index}/remove")
    String removeEducation(@PathVariable int index, RedirectAttributes flash) {
        return save(
                () -> api.send("PUT", "/api/v1/tutors/me/education", without(section("education"), index), false),
                flash,
                PROFILE);
    }

    @PostMapping(PROFILE + "/certifications")
    String addCertification(
            @RequestParam String name,
            @RequestParam(defaultValue = "") String issuer,
            @RequestParam(required = false) @Nullable Integer year,
            @RequestParam(defaultValue = "") String url,
            RedirectAttributes flash) {
        var entry = new LinkedHashMap<String, Object>();
        entry.put("name", name.strip());
        putIfPresent(entry, "issuer", issuer);
        if (year != null) {
            entry.put("year", year);
        }
        putIfPresent(entry, "url", url);
        return save(
                () -> {
                    var list = new ArrayList<>(section("certifications"));
                    list.add(entry);
                    return api.send("PUT", "/api/v1/tutors/me/certifications", list, false);
                },
                flash,
                PROFILE);
    }

    @PostMapping(PROFILE + "/certifications/{index}/remove")
    String removeCertification(@PathVariable int index, RedirectAttributes flash) {
        return save(
                () -> api.send(
                        "PUT", "/api/v1/tutors/me/certifications", without(section("certifications"), index), false),
                flash,
                PROFILE);
    }

    // ---- subjects and prices

    @GetMapping(SUBJECTS)
    String subjects(Model model) {
        Map<String, Object> profile = api.get("/api/v1/tutors/me/profile");
        Map<String, Object> draft = draft(profile);
        var names = new LinkedHashMap<String, Object>();
        List<Map<String, Object>> subjects = api.all("/api/v1/subjects", MAX_SUBJECTS, "active", true);
        subjects.forEach(s -> names.put(ApiFields.required(s, "id").toString(), s.get("name")));
        model.addAttribute("profile", profile);
        model.addAttribute("draft", draft);
        model.addAttribute("subjects", subjects);
        model.addAttribute("subjectNames", names);
        model.addAttribute("levels", LEVELS);
        model.addAttribute("lengths", LENGTHS);
        model.addAttribute("currencies", AccountPages.CURRENCIES);
        model.addAttribute("step", "subjects");
        return "teach/onboarding-subjects";
    }

    @PostMapping(SUBJECTS + "/pricing")
    String pricing(
            @RequestParam String currency,
            @RequestParam(required = false) @Nullable List<Integer> lessonLengths,
            @RequestParam(defaultValue = "") String trialPrice,
            RedirectAttributes flash) {
        var pricing = new LinkedHashMap<String, Object>();
        pricing.put("currency", currency);
        pricing.put("lessonLengths", lessonLengths == null ? List.of() : lessonLengths);
        if (!trialPrice.isBlank()) {
            Long minor = minorUnits(trialPrice, currency);
            if (minor == null) {
                return unreadableAmount(flash, SUBJECTS);
            }
            pricing.put("trialLessonPrice", Map.of("amount", minor, "currency", currency));
        }
        return save(() -> api.put("/api/v1/tutors/me/pricing", pricing), flash, SUBJECTS);
    }

    @PostMapping(SUBJECTS)
    String addSubject(
            @RequestParam String subjectId,
            @RequestParam String level,
            @RequestParam String price,
            @RequestParam String currency,
            RedirectAttributes flash) {
        Long minor = minorUnits(price, currency);
        if (minor == null) {
            return unreadableAmount(flash, SUBJECTS);
        }
        var offer = Map.<String, Object>of(
                "subjectId", subjectId, "level", level, "price", Map.of("amount", minor, "currency", currency));
        return save(
                () -> {
                    var list = new ArrayList<>(section("subjects"));
                    list.add(offer);
                    return api.send("PUT", "/api/v1/tutors/me/subjects", list, false);
                },
                flash,
                SUBJECTS);
    }

    @PostMapping(SUBJECTS + "/{index}/remove")
    String removeSubject(@PathVariable int index, RedirectAttributes flash) {
        return save(
                () -> api.send("PUT", "/api/v1/tutors/me/subjects", without(section("subjects"), index), false),
                flash,
                SUBJECTS);
    }

    // ---- weekly hours, dated overrides, booking settings

    @GetMapping(AVAILABILITY)
    String availability(Model model) {
        model.addAttribute("availability", api.get("/api/v1/tutors/availability"));
        model.addAttribute("days", TutorPages.DAYS);
        model.addAttribute("lengths", LENGTHS);
        model.addAttribute("zones", AccountPages.ZONES);
        model.addAttribute("step", "availability");
        return "teach/onboarding-availability";
    }

    @PostMapping(AVAILABILITY + "/windows")
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
        return account.act(
                () -> api.post("/api/v1/tutors/availability", item), "availability.added", flash, AVAILABILITY);
    }

    @PostMapping(AVAILABILITY + "/overrides")
    String addOverride(
            @RequestParam String date,
            @RequestParam String kind,
            @RequestParam(defaultValue = "") String start,
            @RequestParam(defaultValue = "") String end,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes flash) {
        var item = new LinkedHashMap<String, Object>();
        item.put("type", "OVERRIDE");
        item.put("date", date);
        item.put("kind", kind);
        // a block without times is the whole day
        if (!start.isBlank() || "EXTRA".equals(kind)) {
            item.put("start", start);
            item.put("end", end);
        }
        putIfPresent(item, "note", note);
        return account.act(
                () -> api.post("/api/v1/tutors/availability", item), "onboarding.override.added", flash, AVAILABILITY);
    }

    @PostMapping(AVAILABILITY + "/{id}/remove")
    String removeAvailability(@PathVariable UUID id, RedirectAttributes flash) {
        return account.act(
                () -> {
                    api.delete("/api/v1/tutors/availability/" + id);
                    return null;
                },
                "availability.removed",
                flash,
                AVAILABILITY);
    }

    @PostMapping(AVAILABILITY + "/settings")
    String settings(
            @RequestParam String timeZone,
            @RequestParam int bufferMinutes,
            @RequestParam int minimumNoticeMinutes,
            @RequestParam int horizonDays,
            @RequestParam(required = false) @Nullable List<Integer> lessonLengths,
            @RequestParam(defaultValue = "false") boolean requiresConfirmation,
            RedirectAttributes flash) {
        var settings = new LinkedHashMap<String, Object>();
        settings.put("timeZone", timeZone.strip());
        settings.put("bufferMinutes", bufferMinutes);
        settings.put("minimumNoticeMinutes", minimumNoticeMinutes);
        settings.put("horizonDays", horizonDays);
        settings.put("requiresConfirmation", requiresConfirmation);
        settings.put("lessonLengths", lessonLengths == null ? List.of() : lessonLengths);
        return account.act(
                () -> api.patch("/api/v1/tutors/me/availability/settings", settings),
                "availability.saved",
                flash,
                AVAILABILITY);
    }

    // ---- helpers

    private String save(java.util.function.Supplier<Object> action, RedirectAttributes flash, String back) {
        return account.act(action, "onboarding.saved", flash, back);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> draft(Map<String, Object> profile) {
        return profile.get("profile") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A list section of the draft as the API holds it, to send back with one entry more or less. */
    @SuppressWarnings("unchecked")
    private List<Object> section(String name) {
        Object list = draft(api.get("/api/v1/tutors/me/profile")).get(name);
        return list instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static List<Object> without(List<Object> list, int index) {
        var copy = new ArrayList<>(list);
        if (index >= 0 && index < copy.size()) {
            copy.remove(index);
        }
        return copy;
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.strip());
        }
    }

    /** "25.50" (or "25,50") in the currency's minor units, or null when it is no amount. */
    static @Nullable Long minorUnits(@Nullable String amount, @Nullable String currency) {
        if (amount == null || currency == null) {
            return null;
        }
        try {
            Currency unit = Currency.getInstance(currency);
            return new BigDecimal(amount.strip().replace(',', '.'))
                    .movePointRight(Math.max(unit.getDefaultFractionDigits(), 0))
                    .longValueExact();
        } catch (IllegalArgumentException | ArithmeticException | NullPointerException e) {
            return null;
        }
    }

    private String unreadableAmount(RedirectAttributes flash, String back) {
        flash.addFlashAttribute("error", advice.message(new ApiProblem(422, "wallet.amount_unreadable", null, null)));
        return "redirect:" + back;
    }
}
