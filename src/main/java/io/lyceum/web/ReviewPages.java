package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
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

/**
 * Reviews and credibility scores in the browser: a tutor's reviews (the section the profile page loads, and a page of
 * its own with paging and the tutor's reply forms), the page to review a completed lesson (or, for its tutor, to rate
 * the student privately), and the owner's score breakdown. Everything goes through the reviews and trust APIs.
 */
@Controller
class ReviewPages {

    private static final int PAGE_SIZE = 10;

    private final Api api;
    private final Viewers viewers;
    private final PageAdvice advice;

    ReviewPages(Api api, Viewers viewers, PageAdvice advice) {
        this.api = api;
        this.viewers = viewers;
        this.advice = advice;
    }

    /** The reviews section of a tutor's profile page, loaded by htmx; the whole page without {@code fragment}. */
    @GetMapping("/tutors/{id}/reviews")
    String tutorReviews(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "createdAt,desc") String sort,
            @RequestParam(required = false) @Nullable String fragment,
            HttpServletRequest request,
            Model model) {
        String order = sort.equals("rating,desc") || sort.equals("rating,asc") ? sort : "createdAt,desc";
        Map<String, Object> reviews =
                api.get("/api/v1/reviews/tutors/" + id, "page", Math.max(0, page), "size", PAGE_SIZE, "sort", order);
        model.addAttribute("tutorId", id);
        model.addAttribute("reviews", reviews);
        model.addAttribute("bars", bars(reviews));
        model.addAttribute("sort", order);
        model.addAttribute("ownProfile", id.equals(viewers.current(request).id()));
        if (fragment != null) {
            return "reviews/section :: section";
        }
        model.addAttribute("tutor", api.get("/api/v1/tutors/" + id + "/public"));
        return "reviews/tutor";
    }

    @PostMapping("/tutors/{id}/reviews/{reviewId}/reply")
    String reply(
            @PathVariable UUID id,
            @PathVariable UUID reviewId,
            @RequestParam(defaultValue = "") String body,
            HttpServletRequest request,
            Model model) {
        try {
            api.post("/api/v1/reviews/" + reviewId + "/reply", Map.of("body", body));
            return "redirect:/tutors/" + id + "/reviews?replied";
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() == 404) {
                throw problem;
            }
            model.addAttribute("error", advice.message(problem));
            return tutorReviews(id, 0, "createdAt,desc", null, request, model);
        }
    }

    /** Review a completed lesson (its student's side), or rate its student (its tutor). */
    @GetMapping("/lessons/{id}/review")
    String lessonReview(@PathVariable UUID id, Model model) {
        model.addAttribute("lesson", api.get("/api/v1/reviews/bookings/" + id));
        return "reviews/lesson";
    }

    @PostMapping("/lessons/{id}/review")
    String postReview(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable Integer rating,
            @RequestParam(defaultValue = "") String body,
            Model model) {
        Map<String, Object> review = new HashMap<>();
        review.put("bookingId", id.toString());
        review.put("rating", rating);
        review.put("body", body);
        return submit(id, "/api/v1/reviews", review, "posted", model);
    }

    @PostMapping("/lessons/{id}/rate-student")
    String rateStudent(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable Integer rating,
            @RequestParam(defaultValue = "") String note,
            Model model) {
        Map<String, Object> rated = new HashMap<>();
        rated.put("bookingId", id.toString());
        rated.put("rating", rating);
        rated.put("note", note);
        return submit(id, "/api/v1/reviews/student-ratings", rated, "rated", model);
    }

    /** The owner's credibility score with its breakdown. */
    @GetMapping("/trust")
    String myScore(Model model) {
        model.addAttribute("score", api.get("/api/v1/trust/me"));
        return "reviews/trust";
    }

    private String submit(UUID id, String path, Map<String, Object> body, String done, Model model) {
        try {
            api.post(path, body);
            return "redirect:/lessons/" + id + "/review?" + done;
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() == 404) {
                throw problem;
            }
            model.addAttribute("error", advice.message(problem));
            model.addAttribute("fieldErrors", PageAdvice.fieldErrors(problem));
            return lessonReview(id, model);
        }
    }

    /** One row per star, five first: stars, count and share of all visible reviews. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> bars(Map<String, Object> reviews) {
        Map<String, Object> summary = (Map<String, Object>) reviews.getOrDefault("summary", Map.of());
        Map<String, Object> distribution = (Map<String, Object>) summary.getOrDefault("distribution", Map.of());
        int total = ((Number) summary.getOrDefault("count", 0)).intValue();
        List<Map<String, Object>> bars = new ArrayList<>();
        for (int star = 5; star >= 1; star--) {
            Object n = distribution.get(String.valueOf(star));
            int count = n instanceof Number number ? number.intValue() : 0;
            bars.add(Map.of("stars", star, "count", count, "total", Math.max(total, 1)));
        }
        return bars;
    }
}
