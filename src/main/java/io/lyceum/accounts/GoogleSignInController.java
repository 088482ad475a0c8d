package io.lyceum.accounts;

import io.lyceum.accounts.AuthController.TokenView;
import io.lyceum.accounts.ExternalIdentityStore.ExternalIdentity;
import io.lyceum.accounts.ExternalSignInStates.Purpose;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.tenancy.TenantContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/auth/google")
@Tag(name = "Authentication")
class GoogleSignInController {

    /** Ties a cookie-mode sign-in to the browser that started it (SameSite=Lax: it must survive Google's redirect). */
    static final String BROWSER_COOKIE = "lyceum_oauth";

    private static final String COOKIE_PATH = "/api/v1/auth/google";

    private final GoogleSignInService google;
    private final AuthCookies cookies;
    private final AuthProperties authProperties;
    private final GoogleProperties properties;
    private final JwtDecoder accessTokens;
    private final SessionStore sessions;

    GoogleSignInController(
            GoogleSignInService google,
            AuthCookies cookies,
            AuthProperties authProperties,
            GoogleProperties properties,
            JwtDecoder accessTokens,
            SessionStore sessions) {
        this.google = google;
        this.cookies = cookies;
        this.authProperties = authProperties;
        this.properties = properties;
        this.accessTokens = accessTokens;
        this.sessions = sessions;
    }

    record StartView(URI authorizationUrl, String state, Instant expiresAt) {}

    record LinkRequest(
            @NotBlank @Size(max = 2048) String code,
            @NotBlank @Size(max = 200) String state) {}

    record LinkView(String provider, String email, Instant linkedAt) {

        static LinkView of(ExternalIdentity identity) {
            return new LinkView("google", identity.email(), identity.linkedAt());
        }
    }

    @GetMapping("/login")
    @Operation(
            summary = "Start Google sign-in",
            description = "Public. Returns Google's authorization URL (authorization code flow with PKCE, state and "
                    + "nonce kept server-side for 10 minutes) and the `state` to expect back. The tenant comes from "
                    + "`X-Tenant` or the host, as for any public call, and travels with the state. Send "
                    + "`X-Auth-Mode: cookie` to finish in cookie mode; the response then also sets a short-lived "
                    + "`lyceum_oauth` cookie that the callback must see (it ties the sign-in to this browser). "
                    + "`purpose=link` starts linking Google to the signed-in account instead and needs its access "
                    + "token (header or cookie). 404 `auth.google_disabled` when Google sign-in is not configured.")
    StartView start(
            @Parameter(description = "`login` (default) or `link`") @RequestParam(required = false) String purpose,
            @Parameter(description = "`cookie` for cookie mode") @RequestHeader(value = "X-Auth-Mode", required = false)
                    String mode,
            @AuthenticationPrincipal CurrentUser user,
            HttpServletRequest request,
            HttpServletResponse response) {
        Purpose parsed = purpose(purpose);
        if (parsed == Purpose.LINK && user == null) {
            user = userFromAccessCookie(request);
        }
        boolean cookieMode = cookies.isCookieMode(mode);
        String browserSecret = cookieMode ? ExternalSignInStates.randomToken() : null;
        var started = google.start(parsed, user, cookieMode, browserSecret);
        if (browserSecret != null) {
            browserCookie(response, browserSecret, ExternalSignInStates.TTL);
        }
        return new StartView(started.authorizationUrl(), started.state(), started.expiresAt());
    }

    @GetMapping("/callback")
    @Operation(
            summary = "Finish Google sign-in",
            description = "Public. Where `redirect-uri` points (or where the front end passes `code` and `state` on "
                    + "to). Exchanges the code at Google, validates the ID token and requires a verified email. Signs in "
                    + "the account linked to this Google account, else the account with the same email (which gets "
                    + "linked and its email marked verified), else creates a STUDENT account. Answers like "
                    + "`POST /api/v1/auth/login` (tokens, or cookies when the sign-in was started in cookie mode); in "
                    + "cookie mode with `frontend-redirect-uri` configured it redirects there instead (errors as "
                    + "`?error=<code>`). A state started in cookie mode must come back with that browser's "
                    + "`lyceum_oauth` cookie. A link started in cookie mode (`purpose=link`) is finished here too and "
                    + "links Google to the account that started it; one started with a bearer token is finished with "
                    + "`POST /api/v1/auth/google/link`. A state works once: 422 `auth.google_state_invalid` for "
                    + "unknown, used or foreign states, `auth.google_state_expired` after 10 minutes, "
                    + "`auth.google_code_invalid` when Google refuses the code, 401 `auth.google_token_invalid` for a "
                    + "bad ID token, 403 `auth.google_email_not_verified`, 403 `auth.account_suspended` / "
                    + "`auth.account_banned` as for password sign-in. 201 when a new account was created.")
    ResponseEntity<Object> callback(
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String error,
            HttpServletRequest request,
            HttpServletResponse response) {
        validate(code, state, error);
        GoogleSignInService.Accepted accepted;
        try {
            accepted = google.acceptCallback(state, AuthCookies.value(request, BROWSER_COOKIE));
        } finally {
            if (AuthCookies.value(request, BROWSER_COOKIE) != null) {
                browserCookie(response, "", java.time.Duration.ZERO);
            }
        }
        boolean cookieMode = accepted.state().cookieMode();
        GoogleSignInService.Outcome outcome;
        try {
            outcome = google.complete(
                    accepted, code, error, AuthController.clientIp(request), request.getHeader("User-Agent"));
        } catch (LyceumException e) {
            if (accepted.frontendRedirect()) {
                return redirect(frontend().queryParam("error", e.code()));
            }
            throw e;
        }
        return switch (outcome) {
            case GoogleSignInService.SignedIn signedIn -> {
                TokenView tokens = respond(signedIn.tokens(), cookieMode, response);
                yield accepted.frontendRedirect()
                        ? redirect(frontend())
                        : ResponseEntity.status(signedIn.created() ? HttpStatus.CREATED : HttpStatus.OK)
                                .body(tokens);
            }
            case GoogleSignInService.Linked linked ->
                accepted.frontendRedirect()
                        ? redirect(frontend().queryParam("linked", "google"))
                        : ResponseEntity.ok(LinkView.of(linked.identity()));
        };
    }

    @PostMapping("/link")
    @Operation(
            summary = "Link a Google account to the signed-in account",
            description = "Signed-in users. Send the `code` and `state` Google returned for a sign-in started with "
                    + "`GET /api/v1/auth/google/login?purpose=link` by this same user. 409 "
                    + "`auth.google_already_linked` when that Google account belongs to another account, "
                    + "`auth.google_link_exists` when this account is linked to a different Google account.")
    LinkView link(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody LinkRequest body) {
        return LinkView.of(google.link(user, body.code(), body.state()));
    }

    @GetMapping("/link")
    @Operation(
            summary = "The Google account linked to the signed-in account",
            description = "Signed-in users. 404 " + "`auth.google_not_linked` when none is.")
    LinkView linked(@AuthenticationPrincipal CurrentUser user) {
        return LinkView.of(google.linked(user));
    }

    @DeleteMapping("/unlink")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Unlink Google from the signed-in account",
            description = "Signed-in users. 409 `auth.last_sign_in_method` when the account has no password, since "
                    + "it could not sign in any more; 404 `auth.google_not_linked` when nothing is linked.")
    void unlink(@AuthenticationPrincipal CurrentUser user) {
        google.unlink(user);
    }

    private static Purpose purpose(String purpose) {
        if (purpose == null || purpose.equalsIgnoreCase("login")) {
            return Purpose.LOGIN;
        }
        if (purpose.equalsIgnoreCase("link")) {
            return Purpose.LINK;
        }
        throw LyceumException.invalid(
                "request.validation_failed",
                "The request has invalid fields.",
                List.of(new FieldError("purpose", "must be login or link")));
    }

    private static void validate(String code, String state, String error) {
        List<FieldError> errors = new ArrayList<>();
        if (state == null || state.isBlank()) {
            errors.add(new FieldError("state", "must not be blank"));
        } else if (state.length() > 200) {
            errors.add(new FieldError("state", "size must be at most 200"));
        }
        if (error == null && (code == null || code.isBlank())) {
            errors.add(new FieldError("code", "must not be blank"));
        } else if (code != null && code.length() > 2048) {
            errors.add(new FieldError("code", "size must be at most 2048"));
        }
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("request.validation_failed", "The request has invalid fields.", errors);
        }
    }

    /**
     * Public routes ignore the access cookie (a stale one must never block signing in), so a cookie-mode app that
     * starts a link is authenticated here, exactly as the filter chain would: a valid token of a live session.
     */
    private @Nullable CurrentUser userFromAccessCookie(HttpServletRequest request) {
        String token = AuthCookies.value(request, AuthCookies.ACCESS);
        if (token == null) {
            return null;
        }
        try {
            Jwt jwt = accessTokens.decode(token);
            var user = TokenIssuer.userOf(jwt);
            boolean live = TenantContext.callAs(
                    user.tenantId(),
                    () -> sessions.isLive(user.requireSessionId(), user.userId().value()));
            return live ? user : null;
        } catch (JwtException | IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private TokenView respond(AuthService.IssuedTokens issued, boolean cookieMode, HttpServletResponse response) {
        return AuthController.tokens(cookies, issued, cookieMode, response);
    }

    /** The front end's page; a sign-in answers with a redirect only when one is configured. */
    private UriComponentsBuilder frontend() {
        return UriComponentsBuilder.fromUriString(
                Objects.requireNonNull(properties.frontendRedirectUri(), "a redirect is chosen only when configured"));
    }

    private static ResponseEntity<Object> redirect(UriComponentsBuilder location) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(location.encode().build().toUri())
                .build();
    }

    private void browserCookie(HttpServletResponse response, String value, java.time.Duration maxAge) {
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                ResponseCookie.from(BROWSER_COOKIE, value)
                        .path(COOKIE_PATH)
                        .httpOnly(true)
                        .secure(authProperties.cookieSecure())
                        .sameSite("Lax")
                        .maxAge(maxAge)
                        .build()
                        .toString());
    }
}
