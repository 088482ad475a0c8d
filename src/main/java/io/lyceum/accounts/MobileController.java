package io.lyceum.accounts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users/me/mobile")
@Tag(name = "Account recovery and mobile number")
class MobileController {

    private final MobileNumbers mobiles;

    MobileController(MobileNumbers mobiles) {
        this.mobiles = mobiles;
    }

    record MobileRequest(
            @NotBlank @Pattern(regexp = MobileNumbers.E164, message = "must be in E.164 format, such as +447700900123")
            String mobile) {}

    record MobileCodeRequest(
            @NotBlank @Pattern(regexp = "\\d{6}", message = "must be 6 digits")
            String code) {}

    @PutMapping
    @Operation(
            summary = "Set own mobile number",
            description = "Any signed-in user, for their own account. E.164 format (+ country code and number, such as "
                    + "+447700900123). A new number starts unverified and gets a 6-digit code by SMS, valid 10 "
                    + "minutes; at most one code a minute (429 with Retry-After otherwise). Setting the verified "
                    + "number again changes nothing.")
    MobileNumbers.MobileState change(
            @AuthenticationPrincipal CurrentUser user, @Valid @RequestBody MobileRequest body) {
        return mobiles.change(user, body.mobile());
    }

    @PostMapping("/verify")
    @Operation(
            summary = "Verify own mobile number with the SMS code",
            description = "Any signed-in user, for their own account. Five wrong codes lock the code; ask for a new "
                    + "one with /resend.")
    MobileNumbers.MobileState verify(
            @AuthenticationPrincipal CurrentUser user, @Valid @RequestBody MobileCodeRequest body) {
        return mobiles.verify(user, body.code());
    }

    @PostMapping("/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Send a new SMS code to own unverified mobile number",
            description = "Any signed-in user, for their own account. At most one code a minute. 409 when no number "
                    + "is set or it is already verified.")
    MobileNumbers.MobileState resend(@AuthenticationPrincipal CurrentUser user) {
        return mobiles.resend(user);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Remove own mobile number",
            description = "Any signed-in user, for their own account. SMS password reset stops working.")
    void remove(@AuthenticationPrincipal CurrentUser user) {
        mobiles.remove(user);
    }
}
