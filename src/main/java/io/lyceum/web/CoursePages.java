package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * Courses made from lesson transcripts: a tutor generates one (pasted text, an uploaded WebVTT/SRT/text file or a
 * YouTube address) and watches the job's progress, edits the outline (the API's impacts are shown before anything is
 * saved; the edit carries the ETag the page was built from as If-Match) and adds the course to a course pack; a
 * learner reads the sections and answers the quizzes, scored by the API. Every rule is the learning API's.
 */
@Controller
class CoursePages {

    private static final String COURSES = "/api/v1/courses/";

    private final Api api;
    private final Viewers viewers;
    private final PageAdvice advice;

    CoursePages(Api api, Viewers viewers, PageAdvice advice) {
        this.api = api;
        this.viewers = viewers;
        this.advice = advice;
    }

    /** A tutor's courses and, for everyone, the courses they are learning with their progress. */
    @GetMapping("/courses")
    String list(HttpServletRequest request, Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next=/courses";
        }
        if (viewer.isTutor()) {
            model.addAttribute("mine", api.get(COURSES + "mine", "size", 50).get("content"));
        }
        model.addAttribute(
                "learning", api.get("/api/v1/user/progress", "size", 50).get("content"));
        return "courses/list";
    }

    /**
     * A student's progress in their courses, for a guardian linked to them or a tutor who has taught them (the tutor's
     * own courses only): the API decides, and answers 404 to anyone else, which this page passes on.
     */
    @GetMapping("/courses/progress/{studentId}")
    String studentProgress(@PathVariable UUID studentId, HttpServletRequest request, Model model) {
        Viewer viewer = viewers.current(request);
        if (!viewer.signedIn()) {
            return "redirect:/signin?next=/courses/progress/" + studentId;
        }
        model.addAttribute(
                "courses",
                api.get("/api/v1/user/progress", "userId", studentId, "size", 50)
                        .get("content"));
        if (viewer.isGuardian()) {
            // a guardian knows the child's name from the family links; a tutor is shown none by the API
            BookingPages.list(api.get("/api/v1/links/my-students", "size", 100)).stream()
                    .filter(child -> studentId.toString().equals(String.valueOf(child.get("userId"))))
                    .findFirst()
                    .ifPresent(child -> model.addAttribute("studentName", child.get("fullName")));
        }
        model.addAttribute("tutorView", viewer.isTutor());
        return "courses/student-progress";
    }

    @GetMapping("/courses/new")
    String newCourse(Model model) {
        model.addAttribute("form", Map.of("difficulty", "intermediate", "duration", "30", "generator", "extractive"));
        return "courses/new";
    }

    /** One source: a file if one is attached, else the video address if given, else the pasted text. */
    @PostMapping("/courses/new")
    String generate(
            @RequestParam(defaultValue = "") String transcript,
            @RequestParam(defaultValue = "") String videoUrl,
            @RequestParam(required = false) @Nullable MultipartFile file,
            @RequestParam(defaultValue = "intermediate") String difficulty,
            @RequestParam(defaultValue = "") String duration,
            @RequestParam(defaultValue = "extractive") String generator,
            Model model) {
        Map<String, String> preferences = new LinkedHashMap<>();
        preferences.put("difficulty", difficulty);
        preferences.put("language", "en");
        preferences.put("generator", generator);
        preferences.put("duration", duration.strip());
        try {
            Map<String, Object> accepted;
            if (file != null && !file.isEmpty()) {
                accepted = api.postFile(
                        COURSES + "generate", preferences, "file", file.getOriginalFilename(), file.getBytes());
            } else {
                Map<String, Object> body = new HashMap<>();
                Map<String, Object> prefs = new HashMap<>(preferences);
                prefs.put("duration", duration.isBlank() ? null : parseOrNull(duration));
                body.put("preferences", prefs);
                if (!videoUrl.isBlank()) {
                    body.put("videoUrl", videoUrl.strip());
                } else {
                    body.put("transcript", transcript);
                }
                accepted = api.post(COURSES + "generate", body);
            }
            return "redirect:/courses/" + accepted.get("courseId") + "/generating";
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            model.addAttribute("error", advice.message(problem));
            model.addAttribute("fieldErrors", PageAdvice.fieldErrors(problem));
            model.addAttribute(
                    "form",
                    Map.of(
                            "transcript", transcript,
                            "videoUrl", videoUrl,
                            "difficulty", difficulty,
                            "duration", duration,
                            "generator", generator));
            return "courses/new";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Integer parseOrNull(String number) {
        try {
            return Integer.valueOf(number.strip());
        } catch (NumberFormatException e) {
            return -1; // the API refuses it with its own field error
        }
    }

    /** The job's progress; the part that changes reloads itself (htmx) until the job has finished. */
    @GetMapping("/courses/{id}/generating")
    String generating(@PathVariable UUID id, Model model) {
        model.addAttribute("courseId", id);
        model.addAttribute("status", api.get(COURSES + "status/" + id));
        return "courses/generating";
    }

    // ---- the outline editor

    @GetMapping("/courses/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        Api.Tagged course = api.getTagged(COURSES + id);
        model.addAttribute("course", course.body());
        model.addAttribute("etag", course.etag());
        addEditorContext(id, model);
        return "courses/edit";
    }

    private void addEditorContext(UUID id, Model model) {
        model.addAttribute("newline", "\n"); // choices are edited one a line
        Map<String, Object> history = api.get(COURSES + id + "/history", "size", 100);
        List<Object> entries = new ArrayList<>(list(history.get("content")));
        java.util.Collections.reverse(entries);
        model.addAttribute("history", entries.stream().limit(10).toList());
        model.addAttribute(
                "packs", api.get("/api/v1/tutors/me/course-packs", "size", 50).get("content"));
    }

    /**
     * {@code action=preview} asks the API for the edit's impacts without saving (a dry run) and shows them with the
     * edited outline and a button to save it; {@code action=save} saves. A stale ETag (someone saved in between) is
     * the API's 412: the page says so and offers the current version.
     */
    @PostMapping("/courses/{id}/edit")
    String saveOutline(
            @PathVariable UUID id, @RequestParam Map<String, String> form, Model model, RedirectAttributes flash) {
        String etag = form.getOrDefault("etag", "");
        boolean save = "save".equals(form.get("action"));
        Map<String, Object> edit = outlineEdit(form);
        try {
            Api.Tagged answer = api.putIfMatch(COURSES + "outline/" + id + (save ? "" : "?dryRun=true"), edit, etag);
            if (save) {
                flash.addFlashAttribute("notice", "courses.saved");
                flash.addFlashAttribute("impacts", answer.body().get("validationIssues"));
                return "redirect:/courses/" + id + "/edit";
            }
            model.addAttribute("course", answer.body().get("course"));
            model.addAttribute("etag", etag);
            model.addAttribute("impacts", answer.body().get("validationIssues"));
            model.addAttribute("preview", true);
            addEditorContext(id, model);
            return "courses/edit";
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() == 404) {
                throw problem;
            }
            if (problem.status() == 412 || problem.status() == 428) {
                flash.addFlashAttribute("stale", true);
                return "redirect:/courses/" + id + "/edit";
            }
            model.addAttribute("error", advice.message(problem));
            model.addAttribute("fieldErrors", PageAdvice.fieldErrors(problem));
            return edit(id, model);
        }
    }

    /**
     * The form as the API's outline edit. Sections come in their new order (the position typed, ties kept in page
     * order) without those marked for removal; lessons keep their text (only ids and titles are sent), quizzes send
     * what the form edits.
     */
    static Map<String, Object> outlineEdit(Map<String, String> form) {
        record Placed(int position, int index, Map<String, Object> section) {}
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; form.containsKey("s." + i + ".id"); i++) {
            String p = "s." + i + ".";
            if (form.containsKey(p + "remove")) {
                continue;
            }
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("id", form.get(p + "id"));
            section.put("title", form.getOrDefault(p + "title", ""));
            section.put("summary", form.get(p + "summary"));
            List<Map<String, Object>> lessons = new ArrayList<>();
            for (int j = 0; form.containsKey(p + "l." + j + ".id"); j++) {
                String l = p + "l." + j + ".";
                if (form.containsKey(l + "remove")) {
                    continue;
                }
                lessons.add(Map.of("id", form.get(l + "id"), "title", form.getOrDefault(l + "title", "")));
            }
            List<Map<String, Object>> quizzes = new ArrayList<>();
            for (int j = 0; form.containsKey(p + "q." + j + ".id"); j++) {
                String q = p + "q." + j + ".";
                if (form.containsKey(q + "remove")) {
                    continue;
                }
                Map<String, Object> quiz = new LinkedHashMap<>();
                quiz.put("id", form.get(q + "id"));
                quiz.put("question", form.getOrDefault(q + "question", ""));
                quiz.put("answer", form.getOrDefault(q + "answer", ""));
                String type = form.getOrDefault(q + "type", "CLOZE");
                quiz.put("type", type);
                quiz.put(
                        "options",
                        type.equals("MULTIPLE_CHOICE")
                                ? form.getOrDefault(q + "options", "")
                                        .lines()
                                        .map(String::strip)
                                        .filter(o -> !o.isEmpty())
                                        .toList()
                                : List.of());
                quizzes.add(quiz);
            }
            section.put("lessons", lessons);
            section.put("quizzes", quizzes);
            int position;
            try {
                position =
                        Integer.parseInt(form.getOrDefault(p + "position", "").strip());
            } catch (NumberFormatException e) {
                position = i + 1;
            }
            placed.add(new Placed(position, i, section));
        }
        placed.sort(Comparator.comparingInt(Placed::position).thenComparingInt(Placed::index));
        Map<String, Object> edit = new LinkedHashMap<>();
        edit.put("title", form.get("title"));
        edit.put("summary", form.get("summary"));
        edit.put("publication", form.get("publication"));
        edit.put("visibility", form.get("visibility"));
        String target = form.getOrDefault("targetMinutes", "").strip();
        edit.put("targetMinutes", target.isEmpty() ? null : parseOrNull(target));
        edit.put("sections", placed.stream().map(Placed::section).toList());
        return edit;
    }

    @PostMapping("/courses/{id}/materials")
    String addToPack(@PathVariable UUID id, @RequestParam String coursePackId, RedirectAttributes flash) {
        return advice.act(
                () -> api.post(COURSES + id + "/materials", Map.of("coursePackId", coursePackId)),
                "courses.addedToPack",
                flash,
                "/courses/" + id + "/edit");
    }

    // ---- learning

    /** A course to learn: the sections with what is done, one section open with its lessons and quizzes. */
    @GetMapping("/courses/{id}/learn")
    String learn(@PathVariable UUID id, @RequestParam(required = false) @Nullable String section, Model model) {
        Map<String, Object> course = api.get(COURSES + id);
        Map<String, Object> progress = progressOf(id);
        List<Map<String, Object>> sections = maps(course.get("sections"));
        String open = section;
        if (section == null || sections.stream().noneMatch(s -> section.equals(s.get("id")))) {
            Object next = progress == null ? null : progress.get("nextSectionId");
            open = next != null
                    ? next.toString()
                    : sections.isEmpty()
                            ? null
                            : ApiFields.required(sections.getFirst(), "id").toString();
        }
        String current = open;
        if (model.getAttribute("results") instanceof Map<?, ?> results) {
            Map<String, Object> byQuiz = new HashMap<>();
            maps(results.get("quizResults")).forEach(r -> byQuiz.put(String.valueOf(r.get("quizId")), r));
            model.addAttribute("resultByQuiz", byQuiz);
        }
        model.addAttribute("course", course);
        model.addAttribute("progress", progress);
        model.addAttribute("completed", progress == null ? List.of() : list(progress.get("completedSections")));
        model.addAttribute(
                "section",
                sections.stream()
                        .filter(s -> Objects.equals(current, s.get("id")))
                        .findFirst()
                        .orElse(null));
        return "courses/learn";
    }

    /** The learner's progress in this course, or null before their first step. */
    private @Nullable Map<String, Object> progressOf(UUID courseId) {
        for (int page = 0; page < 20; page++) {
            Map<String, Object> answer = api.get("/api/v1/user/progress", "size", 100, "page", page);
            for (Map<String, Object> row : maps(answer.get("content"))) {
                if (courseId.toString().equals(row.get("courseId"))) {
                    return row;
                }
            }
            if (maps(answer.get("content")).size() < 100) {
                return null;
            }
        }
        return null;
    }

    /** Completes the section with the quiz answers given ({@code answer.<quizId>}); the API scores them. */
    @PostMapping("/courses/{id}/learn/{sectionId}")
    String answer(
            @PathVariable UUID id,
            @PathVariable UUID sectionId,
            @RequestParam Map<String, String> form,
            RedirectAttributes flash) {
        List<Map<String, Object>> answers = new ArrayList<>();
        form.forEach((name, value) -> {
            if (name.startsWith("answer.") && !value.isBlank()) {
                answers.add(Map.of("quizId", name.substring("answer.".length()), "answer", value));
            }
        });
        Map<String, Object> body = new HashMap<>();
        body.put("sectionId", sectionId.toString());
        body.put("completed", true);
        body.put("quizResults", answers);
        try {
            Map<String, Object> update = api.post("/api/v1/user/progress/" + id, body);
            flash.addFlashAttribute("results", update);
            flash.addFlashAttribute("answers", form);
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() == 404) {
                throw problem;
            }
            flash.addFlashAttribute("error", advice.message(problem));
        }
        return "redirect:/courses/" + id + "/learn?section=" + sectionId;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(@Nullable Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static List<Object> list(@Nullable Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
}
