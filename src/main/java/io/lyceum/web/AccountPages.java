package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every user's account settings: profile and preferences (name, language, time zone, display currency), signed-in
 * sessions, password, two-factor sign-in (authenticator app enrolment with the API's QR code, codes by email, recovery
 * codes, turning it off), the mobile number (add or change, verify with the texted code, remove), personal data export
 * and archiving the account; and, for students and guardians, saved payment methods. Every
 * rule (valid zones and currencies, the codes, the archive confirmation) is the API's.
 */
@Controller
class AccountPages {

    static final String PROFILE = "/account";
    static final String SECURITY = "/account/security";
    static final String DATA = "/account/data";
    static final String PAYMENT_METHODS = "/account/payment-methods";

    /** Zones offered in the time zone field's suggestions (any IANA id the API knows may be typed). */
    static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/"))
            .sorted()
            .toList();

    /** The sandbox provider's test cards (Stripe's test tokens), offered beside the card form. */
    static final List<String> TEST_CARDS =
            List.of("pm_card_visa", "pm_card_authenticationRequired", "pm_card_chargeDeclined");

    static final List<String> CURRENCIES = List.of("GBP", "EUR", "USD", "CHF", "CAD", "AUD", "JPY", "INR");

    private final Api api;
    private final Viewers viewers;
    private final PageAdvice advice;
    private final LocaleResolver locales;
    private final MessageSource messages;

    private final boolean sandboxPayments;

    AccountPages(
            Api api,
            Viewers viewers,
            PageAdvice advice,
            LocaleResolver locales,
            MessageSource messages,
            org.springframework.core.env.Environment environment) {
        this.messages = messages;
        // the sandbox's tokenization stands in for Stripe.js; with Stripe, saving a card here is not built
        this.sandboxPayments = "sandbox".equals(environment.getProperty("lyceum.payments.provider", "sandbox"));
        this.api = api;
        this.viewers = viewers;
        this.advice = advice;
        this.locales = locales;
    }

    // ---- profile and preferences

    @GetMapping(PROFILE)
    String profile(HttpServletRequest request, Model model) {
        if (!viewers.current(request).signedIn()) {
            return "redirect:/signin?next=" + PROFILE;
        }
        model.addAttribute("me", api.get("/api/v1/auth/me"));
        model.addAttribute("preferences", api.get("/api/v1/users/preferences"));
        model.addAttribute("zones", ZONES);
        model.addAttribute("currencies", CURRENCIES);
        model.addAttribute("languages", WebLocales.SUPPORTED);
        model.addAttribute("tab", "profile");
        return "account/profile";
    }

    /**
     * One request for the name and the preferences: the API checks them together and writes them in one transaction, so
     * a refused field (an unknown zone) leaves the name unchanged too.
     */
    @PostMapping(PROFILE)
    String saveProfile(
            @RequestParam String fullName,
            @RequestParam String language,
            @RequestParam String timeZone,
            @RequestParam(defaultValue = "") String displayCurrency,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash) {
        var profile = new LinkedHashMap<String, Object>();
        profile.put("fullName", fullName.strip());
        profile.put("locale", language.strip());
        profile.put("timeZone", timeZone.strip());
        // empty: back to the marketplace's currency
        profile.put("displayCurrency", displayCurrency.strip().toUpperCase(Locale.ROOT));
        String back = act(() -> api.put("/api/v1/auth/me", profile), "account.profile.saved", flash, PROFILE);
        if (!flash.getFlashAttributes().containsKey("error")) {
            // the pages speak the chosen language from now on, when they can
            WebLocales.SUPPORTED.stream()
                    .filter(l -> l.getLanguage()
                            .equals(Locale.forLanguageTag(language.strip()).getLanguage()))
                    .findFirst()
                    .ifPresent(l -> locales.setLocale(request, response, l));
        }
        return back;
    }

    // ---- sessions, password, two-factor

    @GetMapping(SECURITY)
    String security(HttpServletRequest request, Model model) {
        if (!viewers.current(request).signedIn()) {
            return "redirect:/signin?next=" + SECURITY;
        }
        model.addAttribute("sessions", api.items("/api/v1/auth/sessions", "size", 100));
        model.addAttribute("twoFactor", api.get("/api/v1/auth/2fa"));
        model.addAttribute("me", api.get("/api/v1/auth/me"));
        model.addAttribute("tab", "security");
        return "account/security";
    }

    @PostMapping(SECURITY + "/sessions/{id}/end")
    String endSession(@PathVariable UUID id, RedirectAttributes flash) {
        return act(
                () -> {
                    api.delete("/api/v1/auth/sessions/" + id);
                    return null;
                },
                "account.sessions.ended",
                flash,
                SECURITY);
    }

    /** Signs out every session but this one, one by one (the API ends one session per call). */
    @PostMapping(SECURITY + "/sessions/end-others")
    String endOtherSessions(RedirectAttributes flash) {
        return act(
                () -> {
                    for (Map<String, Object> session : sessions()) {
                        if (!Boolean.TRUE.equals(session.get("current"))) {
                            api.delete("/api/v1/auth/sessions/" + session.get("id"));
                        }
                    }
                    return null;
                },
                "account.sessions.othersEnded",
                flash,
                SECURITY);
    }

    private List<Map<String, Object>> sessions() {
        return api.items("/api/v1/auth/sessions", "size", 100);
    }

    @PostMapping(SECURITY + "/password")
    String changePassword(
            @RequestParam String oldPassword, @RequestParam String newPassword, RedirectAttributes flash) {
        return act(
                () -> {
                    api.put("/api/v1/auth/me/password", Map.of("oldPassword", oldPassword, "newPassword", newPassword));
                    return null;
                },
                "account.password.changed",
                flash,
                SECURITY);
    }

    /** Starts enrolling an authenticator app: the page shows the API's QR code and secret, and asks for a code. */
    @PostMapping(SECURITY + "/totp/setup")
    String startTotp(Model model, RedirectAttributes flash) {
        try {
            model.addAttribute("setup", api.post("/api/v1/auth/2fa/totp/setup", null));
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            flash.addFlashAttribute("error", advice.message(problem));
            return "redirect:" + SECURITY;
        }
        model.addAttribute("tab", "security");
        return "account/totp-setup";
    }

    /** Confirms the app with a code; the recovery codes the API answers are shown this once. */
    @PostMapping(SECURITY + "/totp/confirm")
    String confirmTotp(
            @RequestParam String code,
            @RequestParam(required = false) @Nullable String secret,
            @RequestParam(required = false) @Nullable String qrCodeDataUri,
            Model model) {
        try {
            Map<String, Object> enabled = api.post("/api/v1/auth/2fa/totp/confirm", Map.of("code", code.strip()));
            model.addAttribute("recoveryCodes", enabled.get("recoveryCodes"));
            model.addAttribute("notice", "account.totp.enabled");
            model.addAttribute("tab", "security");
            return "account/recovery-codes";
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            // the pending secret stays valid: ask again on the same page
            var setup = new LinkedHashMap<String, Object>();
            setup.put("secret", secret);
            setup.put("qrCodeDataUri", qrCodeDataUri);
            model.addAttribute("setup", setup);
            model.addAttribute("error", advice.message(problem));
            model.addAttribute("tab", "security");
            return "account/totp-setup";
        }
    }

    /** Email codes as the second factor: the API asks only for a verified email address (it emails the owner). */
    @PostMapping(SECURITY + "/2fa/email/enable")
    String enableEmailCodes(RedirectAttributes flash) {
        return act(
                () -> api.post("/api/v1/auth/2fa/email/enable", null), "account.emailCodes.enabled", flash, SECURITY);
    }

    @PostMapping(SECURITY + "/2fa/email-code")
    String emailSecurityCode(RedirectAttributes flash) {
        return act(() -> api.post("/api/v1/auth/2fa/email/code", null), "account.totp.codeSent", flash, SECURITY);
    }

    @PostMapping(SECURITY + "/2fa/disable")
    String disableTwoFactor(@RequestParam String password, @RequestParam String code, RedirectAttributes flash) {
        return act(
                () -> api.send("DELETE", "/api/v1/auth/2fa", Map.of("password", password, "code", code.strip()), false),
                "account.totp.disabled",
                flash,
                SECURITY);
    }

    @PostMapping(SECURITY + "/recovery-codes")
    String newRecoveryCodes(@RequestParam String code, Model model, RedirectAttributes flash) {
        try {
            Map<String, Object> fresh = api.post("/api/v1/auth/2fa/recovery-codes", Map.of("code", code.strip()));
            model.addAttribute("recoveryCodes", fresh.get("recoveryCodes"));
            model.addAttribute("notice", "account.recovery.replaced");
            model.addAttribute("tab", "security");
            return "account/recovery-codes";
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            flash.addFlashAttribute("error", advice.message(problem));
            return "redirect:" + SECURITY;
        }
    }

    // ---- mobile number (SMS password reset): add or change, verify with the texted code, remove

    /** Sets a new number (or changes the verified one): the API texts it a code and the number waits for it. */
    @PostMapping(SECURITY + "/mobile")
    String setMobile(@RequestParam String mobile, RedirectAttributes flash) {
        String number = mobile.replaceAll("[\\s()-]", "");
        return act(
                () -> api.put("/api/v1/users/me/mobile", Map.of("mobile", number)),
                "account.mobile.codeSent",
                flash,
                SECURITY);
    }

    @PostMapping(SECURITY + "/mobile/verify")
    String verifyMobile(@RequestParam String code, RedirectAttributes flash) {
        return act(
                () -> api.post("/api/v1/users/me/mobile/verify", Map.of("code", code.strip())),
                "account.mobile.verified",
                flash,
                SECURITY);
    }

    @PostMapping(SECURITY + "/mobile/resend")
    String resendMobileCode(RedirectAttributes flash) {
        return act(() -> api.post("/api/v1/users/me/mobile/resend", null), "account.mobile.codeSent", flash, SECURITY);
    }

    @PostMapping(SECURITY + "/mobile/remove")
    String removeMobile(RedirectAttributes flash) {
        return act(
                () -> {
                    api.delete("/api/v1/users/me/mobile");
                    return null;
                },
                "account.mobile.removed",
                flash,
                SECURITY);
    }

    // ---- personal data: export and archive

    @GetMapping(DATA)
    String data(HttpServletRequest request, Model model) {
        if (!viewers.current(request).signedIn()) {
            return "redirect:/signin?next=" + DATA;
        }
        model.addAttribute("tab", "data");
        return "account/data";
    }

    /** The API's export, handed to the browser as the attachment it is. */
    @GetMapping(DATA + "/export")
    ResponseEntity<byte[]> export() {
        HttpResponse<byte[]> answer = api.download("/api/v1/users/me/export");
        String disposition = answer.headers()
                .firstValue(HttpHeaders.CONTENT_DISPOSITION)
                .orElse("attachment; filename=\"lyceum-personal-data.json\"");
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(answer.body());
    }

    /** Archives the account: the API signs every session out, so the browser's cookies go too. */
    @PostMapping(DATA + "/archive")
    String archive(
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirmation,
            HttpServletResponse response,
            RedirectAttributes flash) {
        var body = new LinkedHashMap<String, Object>();
        body.put("confirmation", confirmation.strip());
        if (!password.isEmpty()) {
            body.put("password", password);
        }
        Api.Answer answer;
        try {
            answer = api.send("POST", "/api/v1/users/me/archive", body, true);
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            flash.addFlashAttribute("error", describe(problem));
            return "redirect:" + DATA;
        }
        answer.passCookiesTo(response);
        for (String name : List.of(Api.ACCESS_COOKIE, Api.CSRF_COOKIE)) {
            response.addHeader(
                    HttpHeaders.SET_COOKIE,
                    ResponseCookie.from(name, "").path("/").maxAge(0).build().toString());
        }
        flash.addFlashAttribute("notice", "account.archive.done");
        return "redirect:/signin";
    }

    // ---- payment methods (students and guardians)

    /**
     * The saved cards, and a form to add one: with the sandbox the typed card goes to its tokenization; with Stripe to
     * Stripe Elements (as at checkout: only this page lets Stripe's script, frames and API through its
     * Content-Security-Policy, and only the {@code pm_...} id reaches Lyceum).
     */
    @GetMapping(PAYMENT_METHODS)
    String paymentMethods(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!viewers.current(request).signedIn()) {
            return "redirect:/signin?next=" + PAYMENT_METHODS;
        }
        model.addAttribute(
                "methods", api.get("/api/v1/payments/methods", "size", 20).get("content"));
        model.addAttribute("testCards", TEST_CARDS);
        model.addAttribute("canAdd", sandboxPayments);
        if (!sandboxPayments) {
            Map<String, Object> payment = api.get("/api/v1/payments/config");
            if ("stripe".equals(payment.get("provider")) && payment.get("publishableKey") != null) {
                StripeElements.allow(response);
                model.addAttribute("stripeKey", payment.get("publishableKey"));
            }
        }
        model.addAttribute("tab", "payment");
        return "account/payment-methods";
    }

    /**
     * Saves a provider token: one the sandbox made from the typed card in the browser ({@code /js/card-token.js}, as
     * Stripe.js does; the card number never reaches this page), or one of the provider's test tokens.
     */
    @PostMapping(PAYMENT_METHODS)
    String addPaymentMethod(
            @RequestParam(defaultValue = "") String paymentMethodId,
            @RequestParam(defaultValue = "") String testCard,
            RedirectAttributes flash) {
        String token = !paymentMethodId.isBlank() ? paymentMethodId.strip() : testCard.strip();
        if (token.isEmpty()) {
            flash.addFlashAttribute("error", advice.message(new ApiProblem(422, "payment_method.missing", null, null)));
            return "redirect:" + PAYMENT_METHODS;
        }
        return act(
                () -> api.post("/api/v1/payments/methods", Map.of("paymentMethodId", token)),
                "account.payment.added",
                flash,
                PAYMENT_METHODS);
    }

    @PostMapping(PAYMENT_METHODS + "/{id}/remove")
    String removePaymentMethod(@PathVariable UUID id, RedirectAttributes flash) {
        return act(
                () -> {
                    api.delete("/api/v1/payments/methods/" + id);
                    return null;
                },
                "account.payment.removed",
                flash,
                PAYMENT_METHODS);
    }

    // ---- shared

    /**
     * Runs a form's action and returns to {@code back}; a refusal shows the problem in the viewer's language and, for
     * invalid fields, what the API said of each.
     */
    String act(java.util.function.Supplier<Object> action, String notice, RedirectAttributes flash, String back) {
        return advice.act(action, notice, flash, back, this::describe);
    }

    String describe(ApiProblem problem) {
        return describe(advice, problem);
    }

    /**
     * The problem's message; for a generic refusal with no sentence of ours for its code, followed by each invalid
     * field's message from the API ("timeZone: unknown time zone").
     */
    String describe(PageAdvice advice, ApiProblem problem) {
        Map<String, String> fields = PageAdvice.fieldErrors(problem);
        boolean ownSentence = !"request.validation_failed".equals(problem.code())
                && messages.getMessage("problem." + problem.code(), null, null, LocaleContextHolder.getLocale())
                        != null;
        if (fields.isEmpty() || ownSentence) {
            return advice.message(problem);
        }
        var parts = new ArrayList<String>();
        fields.forEach((field, message) -> parts.add(field + ": " + message));
        return advice.message(problem) + " " + String.join("; ", parts);
    }
}
