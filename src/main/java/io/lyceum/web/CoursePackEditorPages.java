package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A tutor's course packs: creating and editing them (with the pack's version, so an edit made elsewhere meanwhile is
 * refused rather than overwritten), their materials (links and uploaded files, in order) and publishing. The rules
 * (approved tutors publish, removed packs stay removed, accepted file types) are the API's.
 */
@Controller
class CoursePackEditorPages {

    static final String BASE = "/teach/course-packs";

    private final Api api;
    private final Viewers viewers;
    private final PageAdvice advice;
    private final AccountPages account;
    private final Formats formats;

    CoursePackEditorPages(Api api, Viewers viewers, PageAdvice advice, AccountPages account, Formats formats) {
        this.api = api;
        this.viewers = viewers;
        this.advice = advice;
        this.account = account;
        this.formats = formats;
    }

    @GetMapping(BASE)
    String packs(HttpServletRequest request, Model model) {
        if (!viewers.current(request).signedIn()) {
            return "redirect:/signin?next=" + BASE;
        }
        model.addAttribute("packs", BookingPages.list(api.get("/api/v1/tutors/me/course-packs", "size", 50)));
        addChoices(model);
        return "teach/course-packs";
    }

    @PostMapping(BASE)
    String create(PackForm form, RedirectAttributes flash) {
        Map<String, Object> body;
        try {
            body = form.toRequest(formats);
        } catch (ApiProblem unreadable) {
            flash.addFlashAttribute("error", advice.message(unreadable));
            return "redirect:" + BASE;
        }
        try {
            Map<String, Object> created = api.post("/api/v1/tutors/me/course-packs", body);
            flash.addFlashAttribute("notice", "packedit.created");
            return "redirect:" + BASE + "/" + created.get("id");
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            flash.addFlashAttribute("error", account.describe(problem));
            return "redirect:" + BASE;
        }
    }

    @GetMapping(BASE + "/{id}")
    String pack(@PathVariable UUID id, Model model) {
        Map<String, Object> pack = api.get("/api/v1/tutors/me/course-packs/" + id);
        model.addAttribute("pack", pack);
        model.addAttribute("price", priceText(pack));
        model.addAttribute("fixedDates", fixedDatesText(pack));
        model.addAttribute("materials", api.items("/api/v1/tutors/me/course-packs/" + id + "/materials"));
        addChoices(model);
        return "teach/course-pack-edit";
    }

    @PostMapping(BASE + "/{id}")
    String update(@PathVariable UUID id, @RequestParam long version, PackForm form, RedirectAttributes flash) {
        Map<String, Object> body;
        try {
            body = form.toRequest(formats);
        } catch (ApiProblem unreadable) {
            flash.addFlashAttribute("error", advice.message(unreadable));
            return "redirect:" + BASE + "/" + id;
        }
        return account.act(
                () -> api.sendIfMatch("PUT", "/api/v1/tutors/me/course-packs/" + id, body, version),
                "packedit.saved",
                flash,
                BASE + "/" + id);
    }

    @PostMapping(BASE + "/{id}/publish")
    String publish(@PathVariable UUID id, @RequestParam long version, RedirectAttributes flash) {
        return account.act(
                () -> api.sendIfMatch("POST", "/api/v1/tutors/me/course-packs/" + id + "/publish", null, version),
                "packedit.published",
                flash,
                BASE + "/" + id);
    }

    @PostMapping(BASE + "/{id}/unpublish")
    String unpublish(@PathVariable UUID id, @RequestParam long version, RedirectAttributes flash) {
        return account.act(
                () -> api.sendIfMatch("POST", "/api/v1/tutors/me/course-packs/" + id + "/unpublish", null, version),
                "packedit.unpublished",
                flash,
                BASE + "/" + id);
    }

    @PostMapping(BASE + "/{id}/delete")
    String delete(@PathVariable UUID id, @RequestParam long version, RedirectAttributes flash) {
        try {
            api.sendIfMatch("DELETE", "/api/v1/tutors/me/course-packs/" + id, null, version);
            flash.addFlashAttribute("notice", "packedit.deleted");
            return "redirect:" + BASE;
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            flash.addFlashAttribute("error", account.describe(problem));
            return "redirect:" + BASE + "/" + id;
        }
    }

    // ---- materials

    @PostMapping(BASE + "/{id}/materials/link")
    String addLink(
            @PathVariable UUID id,
            @RequestParam String kind,
            @RequestParam String title,
            @RequestParam String url,
            @RequestParam(defaultValue = "") String description,
            RedirectAttributes flash) {
        var body = new LinkedHashMap<String, Object>();
        body.put("kind", kind);
        body.put("title", title.strip());
        body.put("url", url.strip());
        if (!description.isBlank()) {
            body.put("description", description.strip());
        }
        return account.act(
                () -> api.post("/api/v1/tutors/me/course-packs/" + id + "/materials", body),
                "packedit.materialAdded",
                flash,
                BASE + "/" + id);
    }

    @PostMapping(BASE + "/{id}/materials/file")
    String upload(
            @PathVariable UUID id,
            @RequestParam String kind,
            @RequestParam String title,
            @RequestParam(defaultValue = "") String description,
            @RequestParam MultipartFile file,
            RedirectAttributes flash) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("kind", kind);
        fields.put("title", title.strip());
        if (!description.isBlank()) {
            fields.put("description", description.strip());
        }
        byte[] content;
        try {
            content = file.getBytes();
        } catch (IOException e) {
            throw new ApiProblem(400, "web.upload_unreadable", "The file could not be read.", null);
        }
        String name = file.getOriginalFilename() == null ? "material" : file.getOriginalFilename();
        String type = file.getContentType() == null ? "application/octet-stream" : file.getContentType();
        return account.act(
                () -> api.postMultipart(
                        "/api/v1/tutors/me/course-packs/" + id + "/materials", fields, "file", name, type, content),
                "packedit.materialAdded",
                flash,
                BASE + "/" + id);
    }

    @PostMapping(BASE + "/{id}/materials/{materialId}/remove")
    String removeMaterial(@PathVariable UUID id, @PathVariable UUID materialId, RedirectAttributes flash) {
        return account.act(
                () -> {
                    api.delete("/api/v1/tutors/me/course-packs/" + id + "/materials/" + materialId);
                    return null;
                },
                "packedit.materialRemoved",
                flash,
                BASE + "/" + id);
    }

    /** Moves a material one place up or down: the API takes the whole order. */
    @PostMapping(BASE + "/{id}/materials/{materialId}/move")
    String moveMaterial(
            @PathVariable UUID id,
            @PathVariable UUID materialId,
            @RequestParam String direction,
            RedirectAttributes flash) {
        return account.act(
                () -> {
                    var order = new ArrayList<String>();
                    api.items("/api/v1/tutors/me/course-packs/" + id + "/materials")
                            .forEach(m -> order.add(String.valueOf(m.get("id"))));
                    int at = order.indexOf(materialId.toString());
                    int to = "up".equals(direction) ? at - 1 : at + 1;
                    if (at < 0 || to < 0 || to >= order.size()) {
                        return null;
                    }
                    Collections.swap(order, at, to);
                    return api.send("PUT", "/api/v1/tutors/me/course-packs/" + id + "/materials/order", order, false);
                },
                "packedit.materialMoved",
                flash,
                BASE + "/" + id);
    }

    // ---- helpers

    private void addChoices(Model model) {
        model.addAttribute("categories", api.items("/api/v1/categories", "size", 100));
        model.addAttribute("levels", OnboardingPages.LEVELS);
        model.addAttribute("currencies", AccountPages.CURRENCIES);
    }

    @SuppressWarnings("unchecked")
    private static String priceText(Map<String, Object> pack) {
        if (!(pack.get("price") instanceof Map<?, ?> price)) {
            return "";
        }
        var currency = java.util.Currency.getInstance(
                ApiFields.required(price, "currency").toString());
        return java.math.BigDecimal.valueOf(
                        ((Number) ApiFields.required(price, "amount")).longValue(),
                        Math.max(currency.getDefaultFractionDigits(), 0))
                .toPlainString();
    }

    /** The fixed dates as the form shows them: one local date and time per line, in the viewer's zone. */
    private String fixedDatesText(Map<String, Object> pack) {
        if (!(pack.get("fixedDates") instanceof List<?> dates)) {
            return "";
        }
        var lines = new ArrayList<String>();
        dates.forEach(d -> lines.add(java.time.Instant.parse(d.toString())
                .atZone(formats.zoneId())
                .toLocalDateTime()
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))));
        return String.join("\n", lines);
    }

    /** The pack form's fields, as the browser sends them. */
    record PackForm(
            @Nullable String title,
            @Nullable String description,
            @Nullable String categoryId,
            @Nullable String level,
            @Nullable Integer numberOfLessons,
            @Nullable Integer lessonMinutes,
            @Nullable String price,
            @Nullable String currency,
            @Nullable String schedulingType,
            @Nullable Integer maxCompletionDays,
            @Nullable String fixedDates,
            @Nullable Boolean preliminaryMeetingRequired) {

        /** The API's request; an unreadable price or date is refused here, in the viewer's words. */
        Map<String, Object> toRequest(Formats formats) {
            var body = new LinkedHashMap<String, Object>();
            body.put("title", title == null ? "" : title.strip());
            if (description != null && !description.isBlank()) {
                body.put("description", description.strip());
            }
            body.put("categoryId", categoryId);
            body.put("level", level);
            body.put("numberOfLessons", numberOfLessons);
            body.put("lessonMinutes", lessonMinutes);
            Long minor = OnboardingPages.minorUnits(price == null ? "" : price, currency);
            if (minor == null) {
                throw new ApiProblem(422, "wallet.amount_unreadable", null, null);
            }
            body.put("price", Map.of("amount", minor, "currency", currency));
            body.put("schedulingType", schedulingType);
            if ("STRICT".equals(schedulingType)) {
                body.put("fixedDates", instants(formats));
            } else if (maxCompletionDays != null) {
                body.put("maxCompletionDays", maxCompletionDays);
            }
            body.put("preliminaryMeetingRequired", Boolean.TRUE.equals(preliminaryMeetingRequired));
            return body;
        }

        private List<String> instants(Formats formats) {
            var out = new ArrayList<String>();
            for (String line : Arrays.asList((fixedDates == null ? "" : fixedDates).split("\\R"))) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(LocalDateTime.parse(line.strip().replace(' ', 'T'))
                            .atZone(formats.zoneId())
                            .toInstant()
                            .toString());
                } catch (DateTimeParseException e) {
                    throw new ApiProblem(422, "packedit.date_unreadable", null, null);
                }
            }
            return out;
        }
    }
}
