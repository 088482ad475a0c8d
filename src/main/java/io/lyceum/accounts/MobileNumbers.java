package io.lyceum.accounts;

import io.lyceum.mail.Outbox;
import io.lyceum.shared.LyceumException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The signed-in user's mobile number: stored unverified, verified with a 6-digit code sent by SMS, removable. Only a
 * verified number receives password-reset codes.
 */
@Service
class MobileNumbers {

    static final String MOBILE_VERIFICATION = "MOBILE_VERIFICATION";
    static final Duration CODE_TTL = Duration.ofMinutes(10);
    static final String E164 = "^\\+[1-9]\\d{6,14}$";
    private static final Pattern E164_PATTERN = Pattern.compile(E164);

    private final UserStore users;
    private final MobileStore mobiles;
    private final VerificationCodes codes;
    private final Outbox outbox;
    private final TransactionTemplate transactions;

    MobileNumbers(
            UserStore users,
            MobileStore mobiles,
            VerificationCodes codes,
            Outbox outbox,
            TransactionTemplate transactions) {
        this.users = users;
        this.mobiles = mobiles;
        this.codes = codes;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    /** The number's state; {@code codeExpiresAt} is set when a code was just sent. */
    record MobileState(
            @Nullable String mobile,
            boolean verified,
            @Nullable Instant verifiedAt,
            @Nullable Instant codeExpiresAt) {}

    /**
     * Sets the number and texts it a code. The same number again changes nothing when it is verified; a new number
     * starts unverified. Codes go out at most once a minute (429 otherwise, and the number stays as it was).
     */
    MobileState change(CurrentUser current, String mobile) {
        String number = mobile.trim();
        if (!E164_PATTERN.matcher(number).matches()) {
            // the controller validates too; this keeps the rule true for any caller
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "The mobile number must be in E.164 format, such as +447700900123.",
                    java.util.List.of(new io.lyceum.shared.FieldError("mobile", "must be in E.164 format")));
        }
        User user = user(current);
        if (number.equals(user.mobile()) && user.mobileVerifiedAt() != null) {
            return state(user, null);
        }
        Instant expires = transactions.execute(status -> {
            mobiles.setMobile(user.id(), number);
            return sendCode(user.id(), number);
        });
        return state(user(current), expires);
    }

    /** Sends a new code to the unverified number. */
    MobileState resend(CurrentUser current) {
        User user = user(current);
        String mobile = requireNumber(user);
        if (user.mobileVerifiedAt() != null) {
            throw LyceumException.conflict("mobile.already_verified", "This mobile number is already verified.");
        }
        Instant expires = transactions.execute(status -> sendCode(user.id(), mobile));
        return state(user, expires);
    }

    /** Verifies the number with the code texted to it. Verifying a verified number again is a no-op. */
    MobileState verify(CurrentUser current, String code) {
        User user = user(current);
        String mobile = requireNumber(user);
        if (user.mobileVerifiedAt() != null) {
            return state(user, null);
        }
        var checked = codes.verifyCode(user.id(), MOBILE_VERIFICATION, code);
        if (!mobile.equals(checked.sentTo())) {
            throw VerificationCodes.invalid(); // sent to a number that has since been replaced
        }
        transactions.executeWithoutResult(status -> {
            var accepted = codes.consumeCode(user.id(), MOBILE_VERIFICATION, code);
            if (!mobiles.markVerified(user.id(), mobile)) {
                throw VerificationCodes.invalid();
            }
        });
        return state(user(current), null);
    }

    void remove(CurrentUser current) {
        mobiles.clear(current.userId().value());
    }

    private Instant sendCode(java.util.UUID userId, String number) {
        var issued = codes.issue(userId, MOBILE_VERIFICATION, CODE_TTL, number, null, false);
        outbox.sms(number, "Your Lyceum verification code is " + issued.code() + ". It is valid for 10 minutes.");
        return issued.expiresAt();
    }

    private User user(CurrentUser current) {
        return users.findById(current.userId().value())
                .orElseThrow(() -> LyceumException.notFound("user.not_found", "No such user."));
    }

    private static String requireNumber(User user) {
        String mobile = user.mobile();
        if (mobile == null) {
            throw LyceumException.conflict("mobile.not_set", "Add a mobile number first.");
        }
        return mobile;
    }

    private static MobileState state(User user, @Nullable Instant codeExpiresAt) {
        return new MobileState(user.mobile(), user.mobileVerifiedAt() != null, user.mobileVerifiedAt(), codeExpiresAt);
    }
}
