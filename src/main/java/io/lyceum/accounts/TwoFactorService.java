package io.lyceum.accounts;

import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import io.lyceum.mail.Outbox;
import io.lyceum.platform.SecretCipher;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.TooManyRequestsException;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenancyApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two-factor authentication: TOTP enrolment, email codes, recovery codes, turning it all off, and completing a sign-in
 * challenge. Wrong second factors are counted per challenge (five and it is dead) and per user (from the fifth in a
 * row, a growing wait before the next try), so a stolen password does not let anyone guess codes quickly.
 */
@Service
class TwoFactorService {

    static final String TWO_FACTOR_EMAIL = "TWO_FACTOR_EMAIL";
    static final int RECOVERY_CODES = 10;
    static final Duration SIGNED_IN_EMAIL_CODE_TTL = Duration.ofMinutes(10);

    private final AuthService auth;
    private final UserStore users;
    private final SecondFactorStore store;
    private final Totp totp;
    private final SecretCipher cipher;
    private final VerificationCodes codes;
    private final PasswordEncoder passwords;
    private final Outbox outbox;
    private final TenancyApi tenancy;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final RecoveryCodeGenerator recoveryCodes = new RecoveryCodeGenerator();

    TwoFactorService(
            AuthService auth,
            UserStore users,
            SecondFactorStore store,
            Totp totp,
            SecretCipher cipher,
            VerificationCodes codes,
            PasswordEncoder passwords,
            Outbox outbox,
            TenancyApi tenancy,
            TransactionTemplate transactions,
            Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.auth = auth;
        this.users = users;
        this.store = store;
        this.totp = totp;
        this.cipher = cipher;
        this.codes = codes;
        this.passwords = passwords;
        this.outbox = outbox;
        this.tenancy = tenancy;
        this.transactions = transactions;
        this.clock = clock;
    }

    record Status(boolean totpEnabled, boolean emailEnabled, int recoveryCodesLeft) {}

    record TotpSetup(
            String secret, String otpauthUri, @Nullable String qrCodeDataUri) {}

    Status status(CurrentUser current) {
        var settings = store.settings(current.userId().value());
        return new Status(
                settings.totpEnabled(),
                settings.emailEnabled(),
                store.recoveryCodesLeft(current.userId().value()));
    }

    // ---- enrolment ----

    /** Starts (or restarts) TOTP enrolment with a new pending secret. */
    TotpSetup setupTotp(CurrentUser current) {
        User user = auth.me(current);
        if (store.settings(user.id()).totpEnabled()) {
            throw totpAlreadyEnabled();
        }
        String secret = totp.newSecret();
        if (!store.savePendingTotp(user.id(), cipher.seal(secret, user.id()))) {
            throw totpAlreadyEnabled();
        }
        var enrolment = totp.enrolment(secret, user.email(), tenancy.current().name());
        return new TotpSetup(secret, enrolment.getUri(), totp.qrCodeDataUri(enrolment));
    }

    /** Enables the pending TOTP secret once the user proves their app produces its codes; returns recovery codes. */
    List<String> confirmTotp(CurrentUser current, String code) {
        User user = auth.me(current);
        var settings = store.settings(user.id());
        if (settings.totpEnabled()) {
            throw totpAlreadyEnabled();
        }
        if (!settings.totpPending()) {
            throw LyceumException.conflict(
                    "auth.totp_not_pending", "Start with POST /api/v1/auth/2fa/totp/setup, then confirm a code.");
        }
        String secret = cipher.open(settings.requireTotpSecret(), user.id());
        long step =
                totp.matchingStep(secret, code, settings.totpLastUsedStep()).orElseThrow(TwoFactorService::wrongCode);
        return transactions.execute(status -> {
            if (!store.enableTotp(user.id(), settings.requireTotpSecret(), step)) {
                throw LyceumException.conflict(
                        "auth.totp_setup_changed",
                        "The authenticator setup changed or was confirmed meanwhile. Check the status and retry.");
            }
            List<String> fresh = replaceRecoveryCodes(user.id());
            notify(user, SecurityNotice.AUTHENTICATOR_REQUIRED);
            return fresh;
        });
    }

    Status enableEmail(CurrentUser current) {
        User user = auth.me(current);
        if (!user.emailVerified()) {
            throw LyceumException.conflict(
                    "auth.email_not_verified", "Verify your email address before using it for two-factor sign-in.");
        }
        transactions.executeWithoutResult(status -> {
            boolean wasEnabled = store.settings(user.id()).emailEnabled();
            store.enableEmail(user.id());
            if (!wasEnabled) {
                notify(user, SecurityNotice.EMAIL_CODES_REQUIRED);
            }
        });
        return status(current);
    }

    /** Emails a code that confirms a change to the signed-in user's second factors (turning off, new recovery codes). */
    Instant sendEmailCode(CurrentUser current) {
        User user = auth.me(current);
        if (!store.settings(user.id()).emailEnabled()) {
            throw LyceumException.conflict(
                    "auth.email_factor_not_enabled", "Email codes are not enabled as a second factor.");
        }
        return transactions.execute(status -> {
            var issued = codes.issue(
                    user.id(), TWO_FACTOR_EMAIL, SIGNED_IN_EMAIL_CODE_TTL, user.email(), current.sessionId(), false);
            outbox.email(user.email(), "Your Lyceum security code", """
                    Hello %s,

                    your Lyceum security code is %s. It is valid for 10 minutes and confirms a change to your
                    two-factor sign-in settings. If you did not ask for it, change your password.
                    """.formatted(user.fullName(), issued.code()));
            return issued.expiresAt();
        });
    }

    /** Replaces the recovery codes; needs a current second factor. */
    List<String> regenerateRecoveryCodes(CurrentUser current, String code) {
        User user = auth.me(current);
        var settings = requireEnabled(user.id());
        checkOwnFactor(current, settings, code);
        return transactions.execute(status -> replaceRecoveryCodes(user.id()));
    }

    /** Turns every second factor off; needs the password and a current second factor. */
    void disable(CurrentUser current, String password, String code) {
        User user = auth.me(current);
        var settings = requireEnabled(user.id());
        if (user.passwordHash() == null || !passwords.matches(password, user.passwordHash())) {
            store.recordFailure(user.id());
            throw LyceumException.invalid(
                    "auth.wrong_password",
                    "The current password is wrong.",
                    List.of(new FieldError("password", "is wrong")));
        }
        checkOwnFactor(current, settings, code);
        transactions.executeWithoutResult(status -> {
            store.disableAll(user.id());
            notify(user, SecurityNotice.TWO_FACTOR_OFF);
        });
    }

    // ---- sign-in challenges ----

    /** Emails a code for a challenge (at most one per minute). */
    Instant sendChallengeEmail(String challengeId) {
        var challenge =
                store.challenge(SessionStore.hash(challengeId), false).orElseThrow(TwoFactorService::invalidChallenge);
        checkUsable(challenge);
        if (!store.settings(challenge.userId()).emailEnabled()) {
            throw methodUnavailable(SecondFactorMethod.EMAIL);
        }
        User user = users.findById(challenge.userId()).orElseThrow(TwoFactorService::invalidChallenge);
        Duration ttl = Duration.between(clock.instant(), challenge.expiresAt());
        return transactions.execute(status -> {
            var issued = codes.issue(user.id(), TWO_FACTOR_EMAIL, ttl, user.email(), challenge.id(), false);
            outbox.email(user.email(), "Your Lyceum sign-in code", """
                    Hello %s,

                    your Lyceum sign-in code is %s. It is valid for %d minutes.

                    If you did not just sign in, someone knows your password: change it now.
                    """.formatted(
                            user.fullName(), issued.code(), Math.max(1, ttl.toMinutes())));
            return issued.expiresAt();
        });
    }

    /**
     * Completes a sign-in: checks the second factor against the challenge's user and, on success, consumes the
     * challenge and starts a session exactly as a password-only sign-in does.
     */
    AuthService.IssuedTokens verify(
            String challengeId, SecondFactorMethod method, String code, String ip, String userAgent) {
        String hash = SessionStore.hash(challengeId);
        // an email code is checked (and counted) in its own transaction, before the challenge is locked
        boolean emailAccepted = false;
        if (method == SecondFactorMethod.EMAIL) {
            var challenge = store.challenge(hash, false).orElseThrow(TwoFactorService::invalidChallenge);
            checkUsable(challenge);
            var settings = store.settings(challenge.userId());
            checkNotBlocked(settings);
            requireMethod(settings, method);
            emailAccepted = emailCodeAccepted(challenge.userId(), code, challenge.id());
        }
        boolean emailResult = emailAccepted;
        Object outcome = transactions.execute(status -> {
            var challenge = store.challenge(hash, true).orElseThrow(TwoFactorService::invalidChallenge);
            checkUsable(challenge);
            User user = users.findById(challenge.userId())
                    .filter(u -> u.status() != UserStatus.DELETED)
                    .orElseThrow(TwoFactorService::invalidChallenge);
            var settings = store.settings(user.id());
            checkNotBlocked(settings);
            requireMethod(settings, method);
            boolean accepted =
                    switch (method) {
                        case TOTP -> totpAccepted(settings, user.id(), code);
                        case EMAIL -> emailResult;
                        case RECOVERY_CODE -> recoveryCodeAccepted(user.id(), code);
                    };
            if (!accepted) {
                int attempts = store.countWrongAttempt(challenge.id());
                store.recordFailure(user.id());
                // returned, not thrown, so the counts commit
                return attempts >= SecondFactors.MAX_CHALLENGE_ATTEMPTS ? challengeLocked() : wrongCode();
            }
            if (!store.consumeChallenge(challenge.id())) {
                throw invalidChallenge();
            }
            store.clearFailures(user.id());
            auth.checkMaySignIn(user);
            return auth.startSession(user, ip, userAgent);
        });
        if (outcome instanceof LyceumException e) {
            throw e;
        }
        return (AuthService.IssuedTokens) outcome;
    }

    // ---- checks ----

    private void checkUsable(SecondFactorStore.Challenge challenge) {
        if (challenge.consumedAt() != null) {
            throw invalidChallenge();
        }
        if (challenge.attempts() >= SecondFactors.MAX_CHALLENGE_ATTEMPTS) {
            throw challengeLocked();
        }
        if (!challenge.expiresAt().isAfter(clock.instant())) {
            throw new LyceumException(
                    ErrorKind.UNPROCESSABLE,
                    "auth.challenge_expired",
                    "The sign-in challenge has expired. Sign in with your password again.");
        }
    }

    private void checkNotBlocked(SecondFactorStore.Settings settings) {
        Instant now = clock.instant();
        if (settings.blockedUntil() != null && settings.blockedUntil().isAfter(now)) {
            throw new TooManyRequestsException(
                    "auth.too_many_failures",
                    "Too many wrong second factors for this account. Try again later.",
                    Duration.between(now, settings.blockedUntil()));
        }
    }

    private static void requireMethod(SecondFactorStore.Settings settings, SecondFactorMethod method) {
        boolean available =
                switch (method) {
                    case TOTP -> settings.totpEnabled();
                    case EMAIL -> settings.emailEnabled();
                    case RECOVERY_CODE -> settings.anyEnabled();
                };
        if (!available) {
            throw methodUnavailable(method);
        }
    }

    private SecondFactorStore.Settings requireEnabled(UUID userId) {
        var settings = store.settings(userId);
        if (!settings.anyEnabled()) {
            throw LyceumException.conflict(
                    "auth.two_factor_not_enabled", "Two-factor sign-in is not enabled for this account.");
        }
        checkNotBlocked(settings);
        return settings;
    }

    /** A signed-in user's proof of a second factor: a TOTP code, an email code for this session, or a recovery code. */
    private void checkOwnFactor(CurrentUser current, SecondFactorStore.Settings settings, String code) {
        UUID userId = current.userId().value();
        boolean accepted;
        if (isRecoveryCodeShaped(code)) {
            accepted = recoveryCodeAccepted(userId, code);
        } else {
            accepted = settings.totpEnabled() && totpAccepted(settings, userId, code);
            if (!accepted && settings.emailEnabled()) {
                accepted = emailCodeAccepted(userId, code, current.sessionId());
            }
        }
        if (!accepted) {
            store.recordFailure(userId);
            throw wrongCode();
        }
        store.clearFailures(userId);
    }

    private boolean totpAccepted(SecondFactorStore.Settings settings, UUID userId, String code) {
        if (!settings.totpEnabled()) {
            return false;
        }
        String secret = cipher.open(settings.requireTotpSecret(), userId);
        var step = totp.matchingStep(secret, code, settings.totpLastUsedStep());
        // the conditional update makes a step usable once even against parallel requests
        return step.isPresent() && store.claimTotpStep(userId, step.getAsLong());
    }

    private boolean emailCodeAccepted(UUID userId, String code, @Nullable UUID boundTo) {
        try {
            codes.acceptCode(userId, TWO_FACTOR_EMAIL, code, boundTo);
            return true;
        } catch (LyceumException e) {
            return false;
        }
    }

    private boolean recoveryCodeAccepted(UUID userId, String code) {
        return isRecoveryCodeShaped(code) && store.useRecoveryCode(userId, recoveryCodeHash(userId, code));
    }

    private List<String> replaceRecoveryCodes(UUID userId) {
        List<String> fresh = Arrays.asList(recoveryCodes.generateCodes(RECOVERY_CODES));
        store.replaceRecoveryCodes(
                userId, fresh.stream().map(c -> recoveryCodeHash(userId, c)).toList());
        return fresh;
    }

    /** Recovery codes are 16 letters and digits, shown in groups of four; case, dashes and spaces do not matter. */
    static String normalizeRecoveryCode(String code) {
        return code == null ? "" : code.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
    }

    static boolean isRecoveryCodeShaped(String code) {
        return normalizeRecoveryCode(code).matches("[a-z0-9]{16}");
    }

    private static String recoveryCodeHash(UUID userId, String code) {
        return SessionStore.hash(userId + ":" + normalizeRecoveryCode(code));
    }

    /** The owner hears of a change to their sign-in (notifications tells them; nothing secret in it). */
    private void notify(User user, String kind) {
        events.publishEvent(new SecurityNotice(
                user.tenantId(), io.lyceum.shared.Ids.newId(), UserId.of(user.id()), kind, clock.instant()));
    }

    // ---- errors ----

    static LyceumException invalidChallenge() {
        return new LyceumException(
                ErrorKind.UNAUTHORIZED,
                "auth.challenge_invalid",
                "This sign-in challenge is unknown or was already used. Sign in with your password again.");
    }

    static LyceumException challengeLocked() {
        return new LyceumException(
                ErrorKind.UNPROCESSABLE,
                "auth.challenge_locked",
                "Too many wrong codes for this sign-in. Sign in with your password again.");
    }

    static LyceumException wrongCode() {
        return LyceumException.invalid(
                "auth.invalid_second_factor",
                "The code is not valid. Check it and try again.",
                List.of(new FieldError("code", "is not valid")));
    }

    static LyceumException methodUnavailable(SecondFactorMethod method) {
        return LyceumException.invalid(
                "auth.second_factor_method_unavailable",
                method + " is not enabled for this account.",
                List.of(new FieldError("method", "is not enabled for this account")));
    }

    private static LyceumException totpAlreadyEnabled() {
        return LyceumException.conflict(
                "auth.totp_already_enabled",
                "An authenticator app is already enabled. Turn two-factor sign-in off first to set up another.");
    }
}
