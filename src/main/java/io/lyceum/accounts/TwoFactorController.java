package io.lyceum.accounts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth/2fa")
@Tag(name = "Two-factor authentication")
class TwoFactorController {

    private final TwoFactorService twoFactor;
    private final AuthController auth;

    TwoFactorController(TwoFactorService twoFactor, AuthController auth) {
        this.twoFactor = twoFactor;
        this.auth = auth;
    }

    /** The answer to a right password when a second factor is needed: no tokens yet. */
    record ChallengeView(
            @io.swagger.v3.oas.annotations.media.Schema(
                    allowableValues = SECOND_FACTOR_REQUIRED,
                    requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED)
            String outcome,

            boolean twoFactorRequired,
            String challengeId,
            List<SecondFactorMethod> methods,
            long expiresIn) {

        /** The {@code outcome} of a sign-in answered with a challenge instead of tokens. */
        static final String SECOND_FACTOR_REQUIRED = "SECOND_FACTOR_REQUIRED";

        static ChallengeView of(SecondFactors.Challenge challenge) {
            return new ChallengeView(
                    SECOND_FACTOR_REQUIRED, true, challenge.challengeId(), challenge.methods(), challenge.expiresIn());
        }
    }

    record CodeRequest(@NotBlank @Size(max = 64) String code) {}

    record DisableRequest(
            @NotBlank @Size(max = 128) String password,
            @NotBlank @Size(max = 64) String code) {}

    record ChallengeRequest(@NotBlank @Size(max = 100) String challengeId) {}

    record VerifyRequest(
            @NotBlank @Size(max = 100) String challengeId,
            @NotNull SecondFactorMethod method,
            @NotBlank @Size(max = 64) String code) {}

    record TotpEnabled(boolean totpEnabled, List<String> recoveryCodes) {}

    record RecoveryCodes(List<String> recoveryCodes) {}

    record CodeSent(String status, Instant expiresAt) {}

    @GetMapping
    @Operation(summary = "Own two-factor status", description = "Any signed-in user.")
    TwoFactorService.Status status(@AuthenticationPrincipal CurrentUser user) {
        return twoFactor.status(user);
    }

    @PostMapping("/totp/setup")
    @Operation(
            summary = "Start setting up an authenticator app",
            description = "Any signed-in user without an authenticator app enabled. Returns a new secret, its "
                    + "`otpauth://` URI and the same URI as a PNG QR code (`data:` URI) to scan. The secret stays "
                    + "pending (and sign-in unchanged) until confirmed with a code; calling this again replaces it.")
    TwoFactorService.TotpSetup setupTotp(@AuthenticationPrincipal CurrentUser user) {
        return twoFactor.setupTotp(user);
    }

    @PostMapping("/totp/confirm")
    @Operation(
            summary = "Confirm the authenticator app with a code and turn it on",
            description = "Any signed-in user with a pending setup. Returns 10 single-use recovery codes: they are "
                    + "shown only this once (stored hashed), replace any earlier ones, and each signs in once when the "
                    + "app is lost.")
    TotpEnabled confirmTotp(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody CodeRequest body) {
        return new TotpEnabled(true, twoFactor.confirmTotp(user, body.code()));
    }

    @PostMapping("/email/enable")
    @Operation(
            summary = "Turn on email codes as a second factor",
            description = "Any signed-in user with a verified email address. Sign-in then asks for a code sent to "
                    + "that address (`POST /api/v1/auth/2fa/challenge/email`).")
    TwoFactorService.Status enableEmail(@AuthenticationPrincipal CurrentUser user) {
        return twoFactor.enableEmail(user);
    }

    @PostMapping("/email/code")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Email a security code to confirm a change to own second factors",
            description = "Any signed-in user with email codes enabled. The code works only in this session, with "
                    + "`DELETE /api/v1/auth/2fa` or `POST /api/v1/auth/2fa/recovery-codes`. At most one per minute.")
    CodeSent sendEmailCode(@AuthenticationPrincipal CurrentUser user) {
        return new CodeSent("SENT", twoFactor.sendEmailCode(user));
    }

    @PostMapping("/recovery-codes")
    @Operation(
            summary = "Replace own recovery codes",
            description = "Any signed-in user with a second factor enabled; `code` is a current authenticator code, an "
                    + "emailed security code or an unused recovery code. Returns 10 new codes; the old ones stop "
                    + "working.")
    RecoveryCodes regenerateRecoveryCodes(
            @AuthenticationPrincipal CurrentUser user, @Valid @RequestBody CodeRequest body) {
        return new RecoveryCodes(twoFactor.regenerateRecoveryCodes(user, body.code()));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Turn off two-factor sign-in",
            description = "Any signed-in user with a second factor enabled. Needs the current password and a second "
                    + "factor (`code`: authenticator code, emailed security code or recovery code). Turns off the "
                    + "authenticator app and email codes and deletes the recovery codes.")
    void disable(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody DisableRequest body) {
        twoFactor.disable(user, body.password(), body.code());
    }

    @PostMapping("/challenge/email")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Email a sign-in code for a challenge",
            description = "Public; needs the `challengeId` from `POST /api/v1/auth/login` of an account with email "
                    + "codes enabled. At most one code per minute; the code works only for this challenge.")
    CodeSent sendChallengeEmail(@Valid @RequestBody ChallengeRequest body) {
        return new CodeSent("SENT", twoFactor.sendChallengeEmail(body.challengeId()));
    }

    @PostMapping("/verify")
    @Operation(
            summary = "Complete a sign-in with a second factor",
            description = "Public; needs the `challengeId` from `POST /api/v1/auth/login`. `method` is TOTP, EMAIL or "
                    + "RECOVERY_CODE. On success the challenge is used up and the tokens come back exactly as from "
                    + "login (`X-Auth-Mode: cookie` for cookies). Five wrong codes end the challenge "
                    + "(`auth.challenge_locked`); after 5 minutes it has expired (`auth.challenge_expired`).")
    AuthController.TokenView verify(
            @Valid @RequestBody VerifyRequest body,
            @Parameter(description = "`cookie` for cookie mode") @RequestHeader(value = "X-Auth-Mode", required = false)
                    String mode,
            HttpServletRequest request,
            HttpServletResponse response) {
        var issued = twoFactor.verify(
                body.challengeId(),
                body.method(),
                body.code(),
                AuthController.clientIp(request),
                request.getHeader("User-Agent"));
        return auth.respond(issued, mode, response);
    }
}
