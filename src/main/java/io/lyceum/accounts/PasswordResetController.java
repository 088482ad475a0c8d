package io.lyceum.accounts;

import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth/password")
@Tag(name = "Account recovery and mobile number")
class PasswordResetController {

    private final PasswordResets resets;

    PasswordResetController(PasswordResets resets) {
        this.resets = resets;
    }

    record ResetRequest(@NotBlank @Email @Size(max = 254) String email, PasswordResets.@Nullable Channel channel) {}

    /** Either {@code email} and {@code code}, or {@code token}. */
    record VerifyRequest(
            @Email @Size(max = 254) String email,

            @Pattern(regexp = "\\d{6}", message = "must be 6 digits")
            String code,

            @Size(max = 100) @Nullable String token) {}

    /** Either {@code email} and {@code code}, or {@code token}; and the new password. */
    record ConfirmRequest(
            @Email @Size(max = 254) String email,

            @Pattern(regexp = "\\d{6}", message = "must be 6 digits")
            String code,

            @Size(max = 100) String token,
            @NotBlank @Size(max = 128) String newPassword) {}

    record ResetRequested(String status) {}

    record Validity(boolean valid) {}

    @PostMapping("/reset-request")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Ask for a password reset code",
            description = "Public. `channel` EMAIL (default: a 6-digit code and a link token by email) or SMS (the "
                    + "code by SMS to the account's verified mobile number). The code is valid 30 minutes and works "
                    + "once; a new one replaces it, at most one a minute. The answer is always the same 202, whether "
                    + "or not the account exists or can receive the code.")
    ResetRequested request(@Valid @RequestBody ResetRequest body) {
        resets.request(body.email(), body.channel() == null ? PasswordResets.Channel.EMAIL : body.channel());
        return new ResetRequested("SENT_IF_ACCOUNT_EXISTS");
    }

    @PostMapping("/verify-token")
    @Operation(
            summary = "Check a password reset code or link token without using it",
            description = "Public. Send `email` and `code`, or `token`. 200 `{\"valid\": true}` or 422 "
                    + "(`verification.invalid_code`, `verification.expired`, `verification.locked`). Wrong codes "
                    + "count: five lock the code.")
    Validity verify(@Valid @RequestBody VerifyRequest body) {
        if (body.token() != null) {
            resets.verifyToken(body.token());
        } else {
            requireEmailAndCode(body.email(), body.code());
            resets.verifyCode(body.email(), body.code());
        }
        return new Validity(true);
    }

    @PostMapping("/reset-confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Set a new password with the reset code or link token",
            description = "Public. Send `email` and `code`, or `token`, and `newPassword` (at least 12 characters, "
                    + "not a common password). Uses the code up, signs out every session of the account and clears "
                    + "the sign-in slow-down. A used, wrong or expired code is 422.")
    void confirm(@Valid @RequestBody ConfirmRequest body) {
        if (body.token() != null) {
            resets.resetWithToken(body.token(), body.newPassword());
        } else {
            requireEmailAndCode(body.email(), body.code());
            resets.resetWithCode(body.email(), body.code(), body.newPassword());
        }
    }

    private static void requireEmailAndCode(String email, String code) {
        if (email == null || email.isBlank() || code == null) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "Send either email and code, or token.",
                    List.of(new FieldError(email == null || email.isBlank() ? "email" : "code", "is required")));
        }
    }
}
