package io.lyceum.accounts;

import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication")
class AuthController {

    private final AuthService auth;
    private final AuthCookies cookies;
    private final io.lyceum.tenancy.TenancyApi tenancy;

    AuthController(AuthService auth, AuthCookies cookies, io.lyceum.tenancy.TenancyApi tenancy) {
        this.auth = auth;
        this.cookies = cookies;
        this.tenancy = tenancy;
    }

    record RegisterRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 128) String password,

            @NotBlank @Size(max = 200) @Pattern(regexp = PlainText.PATTERN, message = PlainText.MESSAGE)
            String fullName,

            @NotNull Role role,
            @Size(max = 64) @Nullable String timeZone,

            @Size(max = 35)
            @Pattern(
                    regexp = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*",
                    message = "must be a language tag such as en or pt-BR")
            @Nullable
            String locale) {}

    record LoginRequest(
            @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 128) String password) {}

    record RefreshRequest(@Size(max = 200) @Nullable String refreshToken) {}

    /** Each field is optional: left out (or null), it keeps its value. */
    record UpdateMeRequest(
            @Size(min = 1, max = 200) @Pattern(regexp = PlainText.PATTERN, message = PlainText.MESSAGE) @Nullable
            String fullName,

            @Schema(description = "An IANA time zone id", example = "Europe/London") @Size(max = 64) @Nullable
            String timeZone,

            @Schema(
                    description = "A BCP 47 tag of a known language (the pages' language when they have it)",
                    example = "fr")
            @Size(max = 35)
            @Pattern(
                    regexp = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*",
                    message = "must be a language tag such as en or pt-BR")
            @Nullable
            String locale,

            @Schema(
                    description = "An ISO 4217 code prices are shown in; an empty string goes back to the "
                            + "tenant's default currency",
                    example = "EUR")
            @Size(max = 3)
            @Nullable
            String displayCurrency) {}

    record ChangePasswordRequest(
            @NotBlank String oldPassword,
            @NotBlank @Size(max = 128) String newPassword) {}

    record EmailRequest(@NotBlank @Email @Size(max = 254) String email) {}

    record EmailCodeRequest(
            @NotBlank @Email String email,

            @NotBlank @Pattern(regexp = "\\d{6}", message = "must be 6 digits")
            String code) {}

    record UserView(
            UUID id,
            String email,
            String fullName,
            Role role,
            boolean emailVerified,
            @Nullable String mobile,
            boolean mobileVerified,
            String timeZone,
            String locale,
            @Nullable String displayCurrency,
            Instant createdAt) {

        static UserView of(User user) {
            return new UserView(
                    user.id(),
                    user.email(),
                    user.fullName(),
                    user.role(),
                    user.emailVerified(),
                    user.mobile(),
                    user.mobileVerifiedAt() != null,
                    user.timeZone(),
                    user.locale(),
                    user.displayCurrency(),
                    user.createdAt());
        }
    }

    /** The {@code outcome} of an answer carrying the tokens of a signed-in session. */
    static final String SIGNED_IN = "SIGNED_IN";

    /** The same whether the account was created or already existed: see {@link AuthService#register}. */
    record RegistrationAccepted(String email, boolean emailVerificationNeeded) {}

    /**
     * Tokens are in the body in bearer mode; in cookie mode they travel only as HttpOnly cookies. {@code outcome} tells
     * this answer from a second-factor challenge ({@link TwoFactorController.ChallengeView}) on sign-in.
     */
    record TokenView(
            @Schema(
                    allowableValues = SIGNED_IN,
                    requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED)
            String outcome,

            @Nullable String accessToken,
            String tokenType,
            long expiresIn,
            @Nullable String refreshToken,
            long refreshExpiresIn,
            UUID sessionId,
            UserView user) {}

    record SessionView(
            UUID id,
            Instant createdAt,
            Instant lastUsedAt,
            @Nullable String ipAddress,
            @Nullable String userAgent,
            boolean current) {}

    record VerificationSent(String status, @Nullable Instant expiresAt) {}

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Create an account",
            description = "Public. Role STUDENT, TUTOR or GUARDIAN. Answers 202 with the same body whether or not the "
                    + "email already has an account, so registration does not reveal who has one: a new account is "
                    + "emailed its verification code, an existing account's owner is emailed that someone tried to "
                    + "register. Sign-in waits for the code when the tenant requires verified emails (the default). "
                    + "Password: at least 12 characters, not a common password.")
    RegistrationAccepted register(@Valid @RequestBody RegisterRequest body) {
        auth.register(new AuthService.Registration(
                body.email(), body.password(), body.fullName(), body.role(), body.timeZone(), body.locale()));
        return new RegistrationAccepted(body.email().trim(), tenancy.current().requireEmailVerification());
    }

    @PostMapping("/login")
    @Operation(
            summary = "Sign in with email and password",
            description = "Public. Returns an access token (15 minutes) and a refresh token (7 days, rotated on use). "
                    + "Send `X-Auth-Mode: cookie` to receive them as HttpOnly cookies instead (browser apps); "
                    + "state-changing requests then need the `X-CSRF-Token` header echoing the `lyceum_csrf` cookie. "
                    + "When the account has two-factor sign-in enabled, no tokens are issued: the answer is a challenge "
                    + "(`outcome: SECOND_FACTOR_REQUIRED`, valid 5 minutes) to complete with "
                    + "`POST /api/v1/auth/2fa/verify`; tokens answer `outcome: SIGNED_IN`.",
            responses =
                    @io.swagger.v3.oas.annotations.responses.ApiResponse(
                            responseCode = "200",
                            description = "Tokens, or a second-factor challenge",
                            content =
                                    @io.swagger.v3.oas.annotations.media.Content(
                                            mediaType = "application/json",
                                            schema =
                                                    @Schema(
                                                            oneOf = {
                                                                TokenView.class,
                                                                TwoFactorController.ChallengeView.class
                                                            }))))
    Object login(
            @Valid @RequestBody LoginRequest body,
            @Parameter(description = "`cookie` for cookie mode") @RequestHeader(value = "X-Auth-Mode", required = false)
                    String mode,
            HttpServletRequest request,
            HttpServletResponse response) {
        return switch (auth.login(body.email(), body.password(), clientIp(request), request.getHeader("User-Agent"))) {
            case AuthService.IssuedTokens issued -> respond(issued, mode, response);
            case SecondFactors.Challenge challenge -> TwoFactorController.ChallengeView.of(challenge);
        };
    }

    @PostMapping(value = "/refresh", consumes = "application/json")
    @Operation(
            summary = "Exchange a refresh token for new tokens",
            description = "Public. The refresh token comes in the body or, in cookie mode, the `lyceum_refresh` cookie "
                    + "(then send no body). Each refresh token works once; presenting a used one again closes the whole "
                    + "session.")
    TokenView refresh(
            @RequestBody @Valid RefreshRequest body,
            @RequestHeader(value = "X-Auth-Mode", required = false) String mode,
            HttpServletRequest request,
            HttpServletResponse response) {
        String token = body.refreshToken();
        if (token == null) {
            return refreshFromCookie(response, request);
        }
        var issued = cookies.inTokenTenant(token, () -> auth.refresh(token));
        return respond(issued, mode, response);
    }

    /** Cookie mode: no body, the token is the {@code lyceum_refresh} cookie and the new ones come back as cookies. */
    @PostMapping("/refresh")
    @io.swagger.v3.oas.annotations.Hidden
    TokenView refreshFromCookie(HttpServletResponse response, HttpServletRequest request) {
        String token = cookies.refreshToken(request);
        if (token == null) {
            throw AuthCookies.invalidRefreshToken();
        }
        var issued = cookies.inTokenTenant(token, () -> auth.refresh(token));
        return respond(issued, AuthCookies.COOKIE_MODE, response);
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Sign out this session", description = "Revokes the session and clears auth cookies.")
    void logout(@AuthenticationPrincipal CurrentUser user, HttpServletResponse response) {
        auth.logout(user);
        cookies.clear(response);
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in user")
    UserView me(@AuthenticationPrincipal CurrentUser user) {
        return UserView.of(auth.me(user));
    }

    @PutMapping("/me")
    @Operation(
            summary = "Update own name, time zone, language and display currency",
            description = "Any signed-in user, for their own account. Only the fields sent change; the others keep "
                    + "their values. All fields are checked before anything is written and the change is one "
                    + "transaction: one invalid field (every one is listed in `errors[]`, 422) changes nothing, the "
                    + "name included. `timeZone`, `locale` and `displayCurrency` follow the rules of "
                    + "`PUT /api/v1/users/preferences`. Email and role cannot be changed here.")
    UserView updateMe(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody UpdateMeRequest body) {
        return UserView.of(
                auth.updateMe(user, body.fullName(), body.timeZone(), body.locale(), body.displayCurrency()));
    }

    @PutMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Change own password",
            description = "Needs the current password; signs out every other session.")
    void changePassword(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody ChangePasswordRequest body) {
        auth.changePassword(user, body.oldPassword(), body.newPassword());
    }

    @GetMapping("/sessions")
    @Operation(
            summary = "Own active sessions (signed-in devices)",
            description = "Sessions not revoked, most recently used first. Paged.")
    PageResponse<SessionView> sessions(@AuthenticationPrincipal CurrentUser user, PageQuery query) {
        return auth.sessionsOf(user, query.requireSortable(java.util.Set.of()))
                .map(s -> new SessionView(
                        s.id(),
                        s.createdAt(),
                        s.lastUsedAt(),
                        s.ipAddress(),
                        s.userAgent(),
                        s.id().equals(user.sessionId())));
    }

    @DeleteMapping("/sessions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Sign out one of own sessions")
    void revokeSession(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        auth.revokeSession(user, id);
    }

    @PostMapping("/email-verification/start")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Send a new email verification code",
            description = "Public. Same answer whether or not the email exists. At most one code per minute.")
    VerificationSent startEmailVerification(@Valid @RequestBody EmailRequest body) {
        auth.resendEmailVerification(body.email());
        return new VerificationSent("SENT_IF_ACCOUNT_EXISTS", null);
    }

    @PostMapping("/email-verification/complete")
    @Operation(
            summary = "Verify the email with the 6-digit code",
            description = "Public. Five wrong codes lock the code.")
    ResponseEntity<java.util.Map<String, Object>> completeEmailVerification(@Valid @RequestBody EmailCodeRequest body) {
        auth.completeEmailVerification(body.email(), body.code());
        return ResponseEntity.ok(java.util.Map.of("verified", true));
    }

    @GetMapping("/email-verification/confirm")
    @Operation(summary = "Verify the email with the link token from the email", description = "Public.")
    ResponseEntity<java.util.Map<String, Object>> confirmEmail(@RequestParam @Size(max = 100) String token) {
        auth.confirmEmailLink(token);
        return ResponseEntity.ok(java.util.Map.of("verified", true));
    }

    TokenView respond(AuthService.IssuedTokens issued, String mode, HttpServletResponse response) {
        return tokens(cookies, issued, cookies.isCookieMode(mode), response);
    }

    /** The answer to a successful sign-in: tokens in the body, or (cookie mode) only in HttpOnly cookies. */
    static TokenView tokens(
            AuthCookies cookies, AuthService.IssuedTokens issued, boolean cookieMode, HttpServletResponse response) {
        if (cookieMode) {
            cookies.write(response, issued);
        }
        return new TokenView(
                SIGNED_IN,
                cookieMode ? null : issued.accessToken(),
                cookieMode ? "Cookie" : "Bearer",
                issued.expiresIn(),
                cookieMode ? null : issued.refreshToken(),
                issued.refreshExpiresIn(),
                issued.sessionId(),
                UserView.of(issued.user()));
    }

    static String clientIp(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
