package io.lyceum.billing.sandbox;

import io.lyceum.billing.BillingProperties;
import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayment;
import io.lyceum.billing.provider.PaymentProvider.ProviderPaymentMethod;
import io.lyceum.billing.provider.ProviderException;
import io.lyceum.billing.provider.ProviderProblems;
import io.lyceum.billing.sandbox.SandboxPaymentProvider.Challenge;
import io.lyceum.platform.ContentSecurityPolicy;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The sandbox provider's browser-facing pieces, present only with {@code lyceum.payments.provider=sandbox}: a card
 * tokenization endpoint standing in for Stripe.js, the 3-D Secure challenge page a {@code requires_action} payment
 * redirects to, and a JSON route that answers the challenge for tests and integrators. All are public (the
 * cardholder at the bank's page is not signed in to Lyceum).
 */
@RestController
@ConditionalOnProperty(name = "lyceum.payments.provider", havingValue = "sandbox", matchIfMissing = true)
class SandboxController {

    private final SandboxPaymentProvider sandbox;
    private final @Nullable String publicBaseOrigin;
    private final Set<String> frontEndOrigins;

    SandboxController(SandboxPaymentProvider sandbox, BillingProperties properties, Environment environment) {
        this.sandbox = sandbox;
        this.publicBaseOrigin = origin(properties.publicBaseUrl());
        this.frontEndOrigins = Arrays.stream((environment.getProperty("lyceum.auth.cors-allowed-origins", "") + ","
                                + environment.getProperty("lyceum.payments.return-origins", ""))
                        .split(","))
                .map(SandboxController::origin)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toUnmodifiableSet());
    }

    // ---- tokenization, as Stripe.js does in the browser

    record CardRequest(
            @NotBlank @Size(max = 32) String number,
            @NotNull @Min(1) @Max(12) Integer expMonth,
            @NotNull @Min(2000) @Max(2100) Integer expYear,

            @Pattern(regexp = "\\d{3,4}", message = "must be 3 or 4 digits")
            String cvc) {}

    record CardView(String brand, String last4, int expMonth, int expYear, String funding) {}

    record TokenView(String id, String object, String type, CardView card) {}

    @Hidden
    @PostMapping(path = "/sandbox/v1/payment_methods", consumes = MediaType.APPLICATION_JSON_VALUE)
    TokenView tokenize(@Valid @RequestBody CardRequest card) {
        ProviderPaymentMethod method = sandbox.tokenize(card.number(), card.expMonth(), card.expYear());
        return new TokenView(
                method.id(),
                "payment_method",
                "card",
                new CardView(method.brand(), method.last4(), method.expMonth(), method.expYear(), method.funding()));
    }

    // ---- 3-D Secure

    @Hidden
    @GetMapping("/sandbox/3ds/{paymentIntentId}") // always HTML (the content type is set), whatever Accept says
    ResponseEntity<String> challengePage(
            @PathVariable String paymentIntentId, HttpServletRequest request, HttpServletResponse response) {
        Optional<Challenge> found = sandbox.challenge(paymentIntentId);
        if (found.isEmpty()) {
            return html(
                    HttpStatus.NOT_FOUND, page("Unknown payment", "<p>There is no payment with this id.</p>", request));
        }
        Challenge challenge = found.get();
        // the answer to the form redirects to the merchant: the page's form-action must allow where it goes
        String returnOrigin = allowedReturnOrigin(challenge.returnUrl(), request);
        if (returnOrigin != null) {
            ContentSecurityPolicy.allowFormTargets(response, List.of(returnOrigin));
        }
        ProviderPayment payment = challenge.payment();
        String id = HtmlUtils.htmlEscape(paymentIntentId);
        String body = "<p class=\"merchant\">Lyceum</p>"
                + "<p class=\"amount\">" + HtmlUtils.htmlEscape(format(payment.amount())) + "</p>"
                + (challenge.description() == null
                        ? ""
                        : "<p class=\"description\">" + HtmlUtils.htmlEscape(challenge.description()) + "</p>");
        if (payment.status() != PaymentProvider.ProviderPaymentStatus.REQUIRES_ACTION) {
            body += "<p>This payment needs no authentication any more (status " + HtmlUtils.htmlEscape(status(payment))
                    + ").</p>";
            return html(HttpStatus.OK, page("3-D Secure authentication", body, request));
        }
        body += "<p>This is the sandbox's stand-in for the bank's 3-D Secure page. Choose the outcome.</p>"
                + "<form method=\"post\" action=\"/sandbox/3ds/" + id + "\">"
                + "<button type=\"submit\" name=\"outcome\" value=\"succeed\">Complete authentication</button> "
                + "<button type=\"submit\" name=\"outcome\" value=\"fail\">Fail authentication</button>"
                + "</form>";
        return html(HttpStatus.OK, page("3-D Secure authentication", body, request));
    }

    @Hidden
    @PostMapping(path = "/sandbox/3ds/{paymentIntentId}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> answerChallenge(
            @PathVariable String paymentIntentId, @RequestParam String outcome, HttpServletRequest request) {
        if (!"succeed".equals(outcome) && !"fail".equals(outcome)) {
            return html(HttpStatus.BAD_REQUEST, page("Bad request", "<p>The outcome is succeed or fail.</p>", request));
        }
        Optional<Challenge> found = sandbox.challenge(paymentIntentId);
        if (found.isEmpty()) {
            return html(
                    HttpStatus.NOT_FOUND, page("Unknown payment", "<p>There is no payment with this id.</p>", request));
        }
        ProviderPayment payment = sandbox.completeChallenge(paymentIntentId, "succeed".equals(outcome));
        String returnUrl = found.get().returnUrl();
        // only to this server's public address or a configured front end: never an open redirect
        if (returnUrl != null && allowedReturnOrigin(returnUrl, request) != null) {
            // as Stripe does: back to the merchant with the intent's id and how the redirect went
            URI location = UriComponentsBuilder.fromUriString(returnUrl)
                    .queryParam("payment_intent", payment.id())
                    .queryParam(
                            "redirect_status",
                            payment.status() == PaymentProvider.ProviderPaymentStatus.SUCCEEDED
                                    ? "succeeded"
                                    : "failed")
                    .build()
                    .toUri();
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .header(HttpHeaders.LOCATION, location.toString())
                    .build();
        }
        String result = payment.status() == PaymentProvider.ProviderPaymentStatus.SUCCEEDED
                ? "<p class=\"result\">Authentication complete: the payment succeeded.</p>"
                : "<p class=\"result\">Authentication failed: the payment was not taken ("
                        + HtmlUtils.htmlEscape(status(payment)) + ").</p>";
        return html(HttpStatus.OK, page("3-D Secure authentication", result, request));
    }

    /**
     * The origin of {@code returnUrl} when the cardholder may be sent there: the public base URL's origin (or, when it
     * is not configured, this request's), or one of the front-end origins ({@code lyceum.auth.cors-allowed-origins},
     * {@code lyceum.payments.return-origins}).
     * Null for anything else.
     */
    private @Nullable String allowedReturnOrigin(@Nullable String returnUrl, HttpServletRequest request) {
        String origin = origin(returnUrl);
        if (origin == null) {
            return null;
        }
        String own = publicBaseOrigin != null
                ? publicBaseOrigin
                : origin(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort());
        return origin.equals(own) || frontEndOrigins.contains(origin) ? origin : null;
    }

    /** {@code scheme://host[:port]} of an absolute http(s) URL, lower case, default port left out; else null. */
    static @Nullable String origin(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!("https".equals(scheme) || "http".equals(scheme))
                    || uri.getHost() == null
                    || uri.getUserInfo() != null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort =
                    port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    // ---- JSON for tests and integrators

    record AuthenticateRequest(
            @NotNull @Pattern(regexp = "succeed|fail", message = "must be succeed or fail")
            String outcome) {}

    record FailureView(String code, @Nullable String message) {}

    record IntentView(
            String id,
            String status,
            Money amount,
            @Nullable FailureView lastPaymentError) {}

    @PostMapping("/api/v1/sandbox/payment-intents/{id}/authenticate")
    @Tag(name = "Payments: sandbox (development only)")
    @Operation(
            summary = "Answer a sandbox payment's 3-D Secure challenge",
            description = "SANDBOX ONLY: exists only when `lyceum.payments.provider=sandbox`; never in production "
                    + "with Stripe. Public. Does what the cardholder does on the challenge page "
                    + "(`GET /sandbox/3ds/{id}`): `outcome` `succeed` makes a `requires_action` intent `succeeded`, "
                    + "`fail` makes it `requires_payment_method` with `payment_intent_authentication_failure`. An "
                    + "intent no longer waiting for authentication is returned unchanged. Unknown id: 404 "
                    + "`payment.not_found`.")
    @ApiResponse(responseCode = "200", description = "The intent afterwards")
    IntentView authenticate(@PathVariable String id, @Valid @RequestBody AuthenticateRequest body) {
        if (sandbox.challenge(id).isEmpty()) {
            throw LyceumException.notFound("payment.not_found", "No sandbox payment intent with this id.");
        }
        return view(sandbox.completeChallenge(id, "succeed".equals(body.outcome())));
    }

    @ExceptionHandler(ProviderException.class)
    ResponseEntity<ProblemDetail> providerError(ProviderException e, HttpServletRequest request) {
        return ProviderProblems.of(e, "payment_method.invalid", request);
    }

    private static IntentView view(ProviderPayment payment) {
        return new IntentView(
                payment.id(),
                status(payment),
                payment.amount(),
                payment.failureCode() == null
                        ? null
                        : new FailureView(payment.failureCode(), payment.failureMessage()));
    }

    private static String status(ProviderPayment payment) {
        return payment.status().name().toLowerCase(Locale.ROOT);
    }

    private static String format(Money money) {
        int digits = java.util.Currency.getInstance(money.currencyCode()).getDefaultFractionDigits();
        return money.currencyCode() + " "
                + java.math.BigDecimal.valueOf(money.amount(), Math.max(digits, 0))
                        .toPlainString();
    }

    private static ResponseEntity<String> html(HttpStatus status, String page) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store")
                .body(page);
    }

    private static String page(String title, String body, HttpServletRequest request) {
        String nonce = ContentSecurityPolicy.nonce(request);
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + HtmlUtils.htmlEscape(title) + " · Lyceum sandbox</title>"
                + "<style" + (nonce == null ? "" : " nonce=\"" + nonce + "\"")
                + ">body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}"
                + ".amount{font-size:1.6rem;font-weight:600}button{padding:.6rem 1rem;margin:.3rem 0}</style>"
                + "</head><body><h1>" + HtmlUtils.htmlEscape(title) + "</h1>" + body
                + "<p><small>Lyceum payment sandbox: no real money moves.</small></p></body></html>";
    }
}
