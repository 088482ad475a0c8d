package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign in (with the second-factor step), sign up, email verification, sign out and password reset. */
@Controller
class AuthPages {

    static final List<String> SIGN_UP_ROLES = List.of("STUDENT", "GUARDIAN", "TUTOR");

    /** The API's second-factor methods; a recovery code always works once any is on. */
    static final List<String> SECOND_FACTORS = List.of("TOTP", "EMAIL", "RECOVERY_CODE");

    private final Api api;
    private final PageAdvice advice;
    private final Viewers viewers;
    private final boolean devOutbox;

    AuthPages(
            Api api,
            PageAdvice advice,
            Viewers viewers,
            @Value("${lyceum.dev.outbox-enabled:false}") boolean devOutbox) {
        this.api = api;
        this.advice = advice;
        this.viewers = viewers;
        this.devOutbox = devOutbox;
    }

    @GetMapping("/signin")
    String signIn(
            @RequestParam(required = false) @Nullable String next,
            @RequestParam(required = false) @Nullable String email,
            Model model) {
        model.addAttribute("next", safeNext(next));
        model.addAttribute("email", email);
        return "auth/signin";
    }

    @PostMapping("/signin")
    String signIn(
            @RequestParam String email,
            @RequestParam String password,
            @RequestParam(required = false) @Nullable String next,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("next", safeNext(next));
        model.addAttribute("email", email);
        try {
            Api.Answer answer = api.postForCookies("/api/v1/auth/login", Map.of("email", email, "password", password));
            if (Boolean.TRUE.equals(answer.map().get("twoFactorRequired"))) {
                String challengeId = String.valueOf(answer.map().get("challengeId"));
                List<String> methods = methods(answer.map().get("methods"));
                if (methods.contains("EMAIL") && !methods.contains("TOTP")) {
                    // email is the account's only factor besides recovery codes: the code goes out at once
                    return emailChallengeCode(challengeId, methods, model);
                }
                return secondFactorStep(
                        challengeId, methods, methods.isEmpty() ? "RECOVERY_CODE" : methods.getFirst(), model);
            }
            answer.passCookiesTo(response);
            return "redirect:" + landing(next, answer.map());
        } catch (ApiProblem problem) {
            if ("auth.email_not_verified".equals(problem.code())) {
                return "redirect:/verify" + Api.queryString("email", email);
            }
            model.addAttribute("error", advice.message(problem));
            return "auth/signin";
        }
    }

    @PostMapping("/signin/2fa")
    String secondFactor(
            @RequestParam String challengeId,
            @RequestParam String method,
            @RequestParam String code,
            @RequestParam(defaultValue = "") String methods,
            @RequestParam(required = false) @Nullable String next,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("next", safeNext(next));
        try {
            Api.Answer answer = api.postForCookies(
                    "/api/v1/auth/2fa/verify",
                    Map.of("challengeId", challengeId, "method", method, "code", code.strip()));
            answer.passCookiesTo(response);
            return "redirect:" + landing(next, answer.map());
        } catch (ApiProblem problem) {
            model.addAttribute("error", advice.message(problem));
            if (problem.code() != null && problem.code().startsWith("auth.challenge_")) {
                // expired, locked or used up: only a new sign-in helps
                return "auth/signin";
            }
            return secondFactorStep(challengeId, methods(List.of(methods.split(","))), method, model);
        }
    }

    /** Emails a sign-in code for the challenge (again): the API sends at most one a minute and says so. */
    @PostMapping("/signin/2fa/email")
    String emailSecondFactor(
            @RequestParam String challengeId,
            @RequestParam(defaultValue = "") String methods,
            @RequestParam(required = false) @Nullable String next,
            Model model) {
        model.addAttribute("next", safeNext(next));
        return emailChallengeCode(challengeId, methods(List.of(methods.split(","))), model);
    }

    private String emailChallengeCode(String challengeId, List<String> methods, Model model) {
        try {
            api.post("/api/v1/auth/2fa/challenge/email", Map.of("challengeId", challengeId));
            model.addAttribute("notice", "account.signin.emailSent");
        } catch (ApiProblem problem) {
            model.addAttribute("error", advice.message(problem));
            if (problem.code() != null && problem.code().startsWith("auth.challenge_")) {
                return "auth/signin";
            }
        }
        return secondFactorStep(challengeId, methods, "EMAIL", model);
    }

    /** The code step: the account's methods (recovery codes always last), the chosen one ticked. */
    private static String secondFactorStep(String challengeId, List<String> methods, String selected, Model model) {
        model.addAttribute("challengeId", challengeId);
        model.addAttribute(
                "methods",
                methods.stream().filter(m -> !"RECOVERY_CODE".equals(m)).toList());
        model.addAttribute("allMethods", String.join(",", methods));
        model.addAttribute("selected", selected);
        return "auth/signin-2fa";
    }

    /** The second-factor methods named in an answer or a form, only those the API knows, in the API's order. */
    private static List<String> methods(@Nullable Object named) {
        List<?> given = named instanceof List<?> list ? list : List.of();
        return SECOND_FACTORS.stream()
                .filter(m ->
                        given.stream().anyMatch(g -> m.equals(String.valueOf(g).strip())))
                .toList();
    }

    @GetMapping("/signup")
    String signUp(@RequestParam(required = false) @Nullable String role, Model model) {
        model.addAttribute("roles", SIGN_UP_ROLES);
        model.addAttribute("form", Map.of("role", role != null && SIGN_UP_ROLES.contains(role) ? role : "STUDENT"));
        return "auth/signup";
    }

    @PostMapping("/signup")
    String signUp(
            @RequestParam String fullName,
            @RequestParam String email,
            @RequestParam String password,
            @RequestParam String role,
            @RequestParam(required = false) @Nullable String timeZone,
            HttpServletRequest request,
            Model model) {
        var body = new LinkedHashMap<String, Object>();
        body.put("fullName", fullName);
        body.put("email", email);
        body.put("password", password);
        body.put("role", role);
        body.put(
                "timeZone",
                timeZone == null || timeZone.isBlank()
                        ? viewers.current(request).zone().getId()
                        : timeZone);
        body.put(
                "locale",
                org.springframework.context.i18n.LocaleContextHolder.getLocale().toLanguageTag());
        try {
            api.post("/api/v1/auth/register", body);
            return "redirect:/verify" + Api.queryString("email", email);
        } catch (ApiProblem problem) {
            model.addAttribute("roles", SIGN_UP_ROLES);
            model.addAttribute("form", Map.of("fullName", fullName, "email", email, "role", role));
            model.addAttribute("error", advice.message(problem));
            model.addAttribute("fieldErrors", PageAdvice.fieldErrors(problem));
            return "auth/signup";
        }
    }

    @GetMapping("/verify")
    String verify(@RequestParam(required = false) @Nullable String email, Model model) {
        model.addAttribute("email", email);
        model.addAttribute("devOutbox", devOutbox);
        return "auth/verify";
    }

    @PostMapping("/verify")
    String verify(@RequestParam String email, @RequestParam String code, Model model) {
        try {
            api.post("/api/v1/auth/email-verification/complete", Map.of("email", email, "code", code.trim()));
            return "redirect:/signin" + Api.queryString("email", email, "verified", "1");
        } catch (ApiProblem problem) {
            model.addAttribute("email", email);
            model.addAttribute("devOutbox", devOutbox);
            model.addAttribute("error", advice.message(problem));
            return "auth/verify";
        }
    }

    @PostMapping("/verify/resend")
    String resend(@RequestParam String email, Model model) {
        try {
            api.post("/api/v1/auth/email-verification/start", Map.of("email", email));
            model.addAttribute("notice", "verify.resent");
        } catch (ApiProblem problem) {
            model.addAttribute("error", advice.message(problem));
        }
        model.addAttribute("email", email);
        model.addAttribute("devOutbox", devOutbox);
        return "auth/verify";
    }

    @PostMapping("/signout")
    String signOut(HttpServletResponse response) {
        try {
            api.send("POST", "/api/v1/auth/logout", null, true).passCookiesTo(response);
        } catch (ApiProblem alreadyEnded) {
            // the session had ended; the cookies go anyway
        }
        for (String name : List.of(Api.ACCESS_COOKIE, Api.CSRF_COOKIE)) {
            response.addHeader(
                    HttpHeaders.SET_COOKIE,
                    ResponseCookie.from(name, "").path("/").maxAge(0).build().toString());
        }
        return "redirect:/";
    }

    @GetMapping("/password/forgot")
    String forgot() {
        return "auth/forgot";
    }

    @PostMapping("/password/forgot")
    String forgot(@RequestParam String email, Model model) {
        try {
            api.post("/api/v1/auth/password/reset-request", Map.of("email", email));
            model.addAttribute("email", email);
            model.addAttribute("devOutbox", devOutbox);
            return "auth/reset";
        } catch (ApiProblem problem) {
            model.addAttribute("error", advice.message(problem));
            return "auth/forgot";
        }
    }

    @GetMapping("/password/reset")
    String reset(
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String token,
            Model model) {
        model.addAttribute("email", email);
        model.addAttribute("token", token);
        model.addAttribute("devOutbox", devOutbox);
        return "auth/reset";
    }

    @PostMapping("/password/reset")
    String reset(
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String code,
            @RequestParam(required = false) @Nullable String token,
            @RequestParam String newPassword,
            Model model) {
        var body = new LinkedHashMap<String, Object>();
        if (token != null && !token.isBlank()) {
            body.put("token", token);
        } else {
            body.put("email", email);
            body.put("code", code == null ? null : code.trim());
        }
        body.put("newPassword", newPassword);
        try {
            api.post("/api/v1/auth/password/reset-confirm", body);
            return "redirect:/signin" + Api.queryString("email", email, "reset", "1");
        } catch (ApiProblem problem) {
            model.addAttribute("email", email);
            model.addAttribute("token", token);
            model.addAttribute("devOutbox", devOutbox);
            model.addAttribute("error", advice.message(problem));
            return "auth/reset";
        }
    }

    /** Where a user lands after signing in: where they were going, else their role's home. */
    private static String landing(@Nullable String next, Map<String, Object> tokens) {
        String safe = safeNext(next);
        if (safe != null) {
            return safe;
        }
        Object user = tokens.get("user");
        String role = user instanceof Map<?, ?> u ? String.valueOf(u.get("role")) : "";
        return switch (role) {
            case "TUTOR" -> "/teach";
            case "ADMIN", "OWNER" -> "/admin/tutors";
            default -> "/lessons";
        };
    }

    /** Only paths of this site, so a crafted link cannot send a user elsewhere after signing in. */
    static @Nullable String safeNext(@Nullable String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : null;
    }
}
