package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** What every page gets (the viewer, the CSRF token for its forms) and how a page shows a problem. */
// before the API's problem+json advice, which would answer a page with JSON
@Order(Ordered.HIGHEST_PRECEDENCE)
@ControllerAdvice(basePackageClasses = PageAdvice.class)
class PageAdvice {

    private static final Logger log = LoggerFactory.getLogger(PageAdvice.class);

    private final Viewers viewers;
    private final MessageSource messages;

    PageAdvice(Viewers viewers, MessageSource messages) {
        this.viewers = viewers;
        this.messages = messages;
    }

    @ModelAttribute("viewer")
    Viewer viewer(HttpServletRequest request) {
        return viewers.current(request);
    }

    /** The double-submit token every form repeats in its {@code _csrf} field (see SecurityConfiguration). */
    @ModelAttribute("csrf")
    String csrf(HttpServletRequest request) {
        String token = Api.cookie(request, Api.CSRF_COOKIE);
        return token == null ? "" : token;
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    @ExceptionHandler(ApiProblem.class)
    String problem(ApiProblem problem, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (problem.status() == 401) {
            String next = request.getRequestURI();
            return "redirect:/signin?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        }
        if (problem.status() >= 500) {
            log.warn("The API answered {} ({}) to a page: {}", problem.status(), problem.code(), problem.detail());
        }
        response.setStatus(problem.status());
        return error(model, request, problem.status(), message(problem));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    String notFound(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(404);
        return error(model, request, 404, text("error.404"));
    }

    private String error(Model model, HttpServletRequest request, int status, String message) {
        model.addAttribute("viewer", viewers.current(request));
        model.addAttribute("csrf", csrf(request));
        model.addAttribute("currentPath", currentPath(request));
        model.addAttribute("status", status);
        model.addAttribute("message", message);
        return "error";
    }

    /**
     * A form's action: runs it and returns to {@code back}, with {@code notice} (a message key) on success or the
     * API's problem in the viewer's language; a lost session (401) goes to the sign-in page as everywhere.
     */
    String act(
            java.util.function.Supplier<Object> action,
            String notice,
            org.springframework.web.servlet.mvc.support.RedirectAttributes flash,
            String back) {
        return act(action, notice, flash, back, this::message);
    }

    /** The same, with the refusal put in words by {@code describe}. */
    String act(
            java.util.function.Supplier<Object> action,
            String notice,
            org.springframework.web.servlet.mvc.support.RedirectAttributes flash,
            String back,
            java.util.function.Function<ApiProblem, String> describe) {
        try {
            action.get();
            flash.addFlashAttribute("notice", notice);
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            flash.addFlashAttribute("error", describe.apply(problem));
        }
        return "redirect:" + back;
    }

    /** The problem in the viewer's language: {@code problem.<code>} from the bundle, else the API's own words. */
    String message(ApiProblem problem) {
        // with the API's words as its default, never null
        return Objects.requireNonNullElse(
                messages.getMessage(
                        "problem." + problem.code(), null, problem.detail(), LocaleContextHolder.getLocale()),
                problem.detail());
    }

    /** Field errors of a 422 as field name to message. */
    static Map<String, String> fieldErrors(ApiProblem problem) {
        List<Map<String, Object>> errors = problem.fieldErrors();
        var map = new java.util.LinkedHashMap<String, String>();
        errors.forEach(e -> map.putIfAbsent(String.valueOf(e.get("field")), String.valueOf(e.get("message"))));
        return map;
    }

    private String text(String key) {
        // with the key as its default, never null
        return Objects.requireNonNullElse(messages.getMessage(key, null, key, LocaleContextHolder.getLocale()), key);
    }
}
