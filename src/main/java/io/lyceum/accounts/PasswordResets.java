package io.lyceum.accounts;

import io.lyceum.mail.Outbox;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.UserId;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgotten passwords: a 6-digit code (and, by email, a link token) valid 30 minutes and usable once, sent by email or
 * to the verified mobile. Asking never reveals whether an account exists. Using the code sets the new password, signs
 * out every session and clears the sign-in slow-down.
 */
@Service
class PasswordResets {

    static final String PASSWORD_RESET = "PASSWORD_RESET";
    static final Duration CODE_TTL = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

    enum Channel {
        EMAIL,
        SMS
    }

    private final UserStore users;
    private final SessionStore sessions;
    private final VerificationCodes codes;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final java.time.Clock clock;

    PasswordResets(
            UserStore users,
            SessionStore sessions,
            VerificationCodes codes,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            LoginThrottle throttle,
            Outbox outbox,
            TransactionTemplate transactions,
            org.springframework.context.ApplicationEventPublisher events,
            java.time.Clock clock) {
        this.events = events;
        this.clock = clock;
        this.users = users;
        this.sessions = sessions;
        this.codes = codes;
        this.passwords = passwords;
        this.policy = policy;
        this.throttle = throttle;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    /**
     * Sends a reset code when the account exists and can receive it; otherwise does nothing. The caller cannot tell
     * which happened: no exception escapes for an unknown email, a missing verified mobile or a code asked for too
     * soon.
     */
    void request(String email, Channel channel) {
        Optional<User> found = users.findByEmail(email).filter(user -> user.status() != UserStatus.DELETED);
        String destination = found.map(user -> channel == Channel.SMS ? verifiedMobile(user) : user.email())
                .orElse(null);
        if (destination == null) {
            // comparable work to issuing a code: nothing is stored, nothing is sent
            SessionStore.hash(UUID.randomUUID() + ":" + email);
            return;
        }
        User user = found.get();
        try {
            transactions.executeWithoutResult(status -> {
                var issued =
                        codes.issue(user.id(), PASSWORD_RESET, CODE_TTL, destination, null, channel == Channel.EMAIL);
                if (channel == Channel.SMS) {
                    outbox.sms(
                            destination,
                            "Your Lyceum password reset code is " + issued.code()
                                    + ". It is valid for 30 minutes. Never share it.");
                } else {
                    outbox.email(destination, "Reset your Lyceum password", """
                            Hello %s,

                            someone, hopefully you, asked to reset the password of your Lyceum account.
                            Your password reset code is %s. It is valid for 30 minutes and works once.

                            Or use this link token: %s
                            (POST /api/v1/auth/password/reset-confirm with {"token": "...", "newPassword": "..."})

                            If it was not you, ignore this email: your password stays as it is.
                            """.formatted(
                                    user.fullName(), issued.code(), issued.linkToken()));
                }
            });
        } catch (LyceumException e) {
            if (e.kind() != ErrorKind.TOO_MANY_REQUESTS) {
                throw e;
            }
            log.debug("Password reset code for user {} asked for again too soon; not sent", user.id());
        }
    }

    private static @Nullable String verifiedMobile(User user) {
        return user.mobile() != null && user.mobileVerifiedAt() != null ? user.mobile() : null;
    }

    /** Checks an email and code without using the code up; wrong codes count towards the lock. */
    void verifyCode(String email, String code) {
        User user = users.findByEmail(email).orElseThrow(VerificationCodes::invalid);
        codes.verifyCode(user.id(), PASSWORD_RESET, code);
    }

    /** Checks a link token without using it up. */
    void verifyToken(String token) {
        codes.verifyLink(PASSWORD_RESET, token);
    }

    /** Sets a new password with the emailed or texted code. */
    void resetWithCode(String email, String code, String newPassword) {
        // the policy first, with the email as given: its answer must not depend on whether the account exists
        policy.check("newPassword", newPassword, email);
        User user = users.findByEmail(email).orElseThrow(VerificationCodes::invalid);
        codes.verifyCode(user.id(), PASSWORD_RESET, code);
        String hash = passwords.encode(newPassword);
        transactions.executeWithoutResult(status -> {
            var accepted = codes.consumeCode(user.id(), PASSWORD_RESET, code);
            complete(user, accepted, hash);
        });
    }

    /** Sets a new password with the link token from the email. */
    void resetWithToken(String token, String newPassword) {
        policy.check("newPassword", newPassword, null);
        var checked = codes.verifyLink(PASSWORD_RESET, token);
        User user = users.findById(checked.userId()).orElseThrow(VerificationCodes::invalid);
        policy.check("newPassword", newPassword, user.email());
        String hash = passwords.encode(newPassword);
        transactions.executeWithoutResult(status -> {
            var accepted = codes.acceptLink(PASSWORD_RESET, token);
            if (!accepted.userId().equals(user.id())) {
                throw VerificationCodes.invalid();
            }
            complete(user, accepted, hash);
        });
    }

    private void complete(User user, VerificationCodes.Accepted accepted, String hash) {
        if (user.status() == UserStatus.DELETED) {
            throw VerificationCodes.invalid();
        }
        users.updatePassword(user.id(), hash);
        sessions.revokeAll(user.id(), null, "password reset");
        throttle.recordSuccess(user.email());
        if (user.email().equalsIgnoreCase(accepted.sentTo())) {
            users.markEmailVerified(user.id()); // the code reached the inbox: the address is the user's
        }
        // no secret in it: notifications tells the owner (in the app and by email, in their language)
        events.publishEvent(new SecurityNotice(
                user.tenantId(),
                io.lyceum.shared.Ids.newId(),
                UserId.of(user.id()),
                SecurityNotice.PASSWORD_CHANGED,
                clock.instant()));
    }
}
