package io.lyceum.accounts;

import io.lyceum.mail.Outbox;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Registration, sign-in, token refresh, sign-out, own profile and password, sessions and email verification. */
@Service
class AuthService {

    static final String EMAIL_VERIFICATION = "EMAIL_VERIFICATION";
    static final Duration EMAIL_CODE_TTL = Duration.ofHours(24);
    /** A browser or an address used to sign in within this window is known: signing in from it again tells nobody. */
    static final Duration KNOWN_DEVICE_WINDOW = Duration.ofDays(90);

    /** Verifies against this when the email is unknown, so response time does not reveal which emails exist. */
    private final String dummyHash;

    private final UserStore users;
    private final SessionStore sessions;
    private final TokenIssuer tokens;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final SecondFactors secondFactors;
    private final VerificationCodes codes;
    private final Outbox outbox;
    private final TenancyApi tenancy;
    private final AuthProperties properties;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AuthService(
            UserStore users,
            SessionStore sessions,
            TokenIssuer tokens,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            LoginThrottle throttle,
            SecondFactors secondFactors,
            VerificationCodes codes,
            Outbox outbox,
            TenancyApi tenancy,
            AuthProperties properties,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.tokens = tokens;
        this.passwords = passwords;
        this.policy = policy;
        this.throttle = throttle;
        this.secondFactors = secondFactors;
        this.codes = codes;
        this.outbox = outbox;
        this.tenancy = tenancy;
        this.properties = properties;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.dummyHash = passwords.encode("not-a-real-password-" + UUID.randomUUID());
    }

    record Registration(
            String email,
            String password,
            String fullName,
            Role role,
            @Nullable String timeZone,
            @Nullable String locale) {}

    /** What a right password gets: tokens, or a challenge when the account has a second factor enabled. */
    sealed interface LoginOutcome permits IssuedTokens, SecondFactors.Challenge {}

    /** Tokens for a signed-in session. */
    record IssuedTokens(
            String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn, User user, UUID sessionId)
            implements LoginOutcome {}

    /**
     * Registers an account and emails its verification code. An email that already has an account gets the same
     * answer (nothing tells the caller it exists) and its owner an email saying someone tried to register with it.
     * The password is hashed on both paths, so timing tells nothing either.
     */
    void register(Registration request) {
        if (!Role.SELF_SERVICE.contains(request.role())) {
            throw LyceumException.invalid(
                    "auth.role_not_allowed",
                    "Choose STUDENT, TUTOR or GUARDIAN; staff roles are granted by an owner or admin.",
                    List.of(new FieldError("role", "must be STUDENT, TUTOR or GUARDIAN")));
        }
        String timeZone = validTimeZone(request.timeZone());
        policy.check("password", request.password(), request.email());
        var tenant = tenancy.current();
        User user = new User(
                Ids.newId(),
                tenant.id(),
                request.email().trim(),
                passwords.encode(request.password()),
                request.fullName().trim(),
                request.role(),
                UserStatus.ACTIVE,
                null,
                null,
                null,
                timeZone,
                request.locale() == null || request.locale().isBlank() ? "en" : request.locale(),
                null,
                null,
                clock.instant(),
                0);
        transactions.executeWithoutResult(status -> {
            if (!users.insert(user)) {
                users.findByEmail(user.email()).ifPresent(this::tellOwnerOfRegistrationAttempt);
                return;
            }
            sendEmailVerification(user);
            events.publishEvent(new UserRegistered(UserId.of(user.id()), user.tenantId(), user.role(), user.email()));
        });
    }

    /** The owner of the email hears of the attempt (notifications emails them); the caller cannot tell. */
    private void tellOwnerOfRegistrationAttempt(User existing) {
        events.publishEvent(new SecurityNotice(
                existing.tenantId(),
                io.lyceum.shared.Ids.newId(),
                UserId.of(existing.id()),
                SecurityNotice.REGISTRATION_ATTEMPT,
                clock.instant()));
    }

    LoginOutcome login(String email, String password, String ip, String userAgent) {
        throttle.checkAllowed(email);
        User user = users.findByEmail(email).orElse(null);
        String hash = user != null && user.passwordHash() != null ? user.passwordHash() : dummyHash;
        boolean matches = passwords.matches(password, hash);
        if (user == null || !matches || user.status() == UserStatus.DELETED || user.passwordHash() == null) {
            throttle.recordFailure(email);
            throw new LyceumException(
                    ErrorKind.UNAUTHORIZED, "auth.invalid_credentials", "Email or password is wrong.");
        }
        throttle.recordSuccess(email);
        checkMaySignIn(user);
        if (passwords.upgradeEncoding(user.passwordHash())) {
            users.updatePassword(user.id(), passwords.encode(password));
        }
        if (secondFactors.isRequired(user)) {
            return transactions.execute(status -> secondFactors.challenge(user, ip, userAgent));
        }
        return transactions.execute(status -> startSession(user, ip, userAgent));
    }

    /** Refuses sign-in to accounts that may not use Lyceum now; restores an archived account. */
    void checkMaySignIn(User user) {
        switch (user.status()) {
            case SUSPENDED -> throw LyceumException.forbidden("auth.account_suspended", "This account is suspended.");
            case BANNED -> throw LyceumException.forbidden("auth.account_banned", "This account is banned.");
            case ARCHIVED -> restoreArchived(user);
            default -> {}
        }
        if (!user.emailVerified() && tenancy.current().requireEmailVerification()) {
            throw LyceumException.forbidden(
                    "auth.email_not_verified",
                    "Verify your email address first: use the code we sent, or ask for a new one.");
        }
    }

    /** Signing in within 30 days of archiving restores an account; after that it waits for erasure. */
    private void restoreArchived(User user) {
        if (user.archivedAt() != null
                && AccountArchiving.restorableUntil(user.archivedAt()).isBefore(clock.instant())) {
            throw LyceumException.forbidden(
                    "auth.account_archive_expired",
                    "This account was archived more than 30 days ago and can no longer be restored.");
        }
        users.setStatus(user.id(), UserStatus.ACTIVE);
    }

    IssuedTokens startSession(User user, String ip, String userAgent) {
        Instant now = clock.instant();
        if (sessions.isNewDevice(user.id(), ip, userAgent, now.minus(KNOWN_DEVICE_WINDOW))) {
            events.publishEvent(new SecurityNotice(
                    user.tenantId(),
                    io.lyceum.shared.Ids.newId(),
                    UserId.of(user.id()),
                    SecurityNotice.NEW_DEVICE_SIGN_IN,
                    0,
                    Devices.describe(userAgent, ip),
                    now));
        }
        UUID sessionId = sessions.create(user.id(), ip, userAgent);
        return tokensFor(user, sessionId, clock.instant());
    }

    private IssuedTokens tokensFor(User user, UUID sessionId, Instant sessionStartedAt) {
        String refresh = sessions.issueRefreshToken(sessionId, properties.refreshTokenTtl(), sessionStartedAt);
        return new IssuedTokens(
                tokens.accessToken(user, sessionId),
                properties.accessTokenTtl().toSeconds(),
                refresh,
                properties.refreshTokenTtl().toSeconds(),
                user,
                sessionId);
    }

    /**
     * Rotates a refresh token. A token that was already rotated is being replayed (stolen or leaked): the whole
     * session, every token of its family, is revoked.
     */
    IssuedTokens refresh(String refreshToken) {
        Object outcome = transactions.execute(status -> {
            var token = sessions.lockRefreshToken(refreshToken).orElse(null);
            if (token == null || token.sessionRevoked() || "REVOKED".equals(token.status())) {
                return invalidRefresh();
            }
            if ("ROTATED".equals(token.status())) {
                sessions.revoke(token.sessionId(), "refresh token reused");
                return new LyceumException(
                        ErrorKind.UNAUTHORIZED,
                        "auth.refresh_token_reused",
                        "This refresh token was already used; the session has been closed. Sign in again.");
            }
            if (sessions.expired(token, clock.instant())) {
                sessions.revoke(token.sessionId(), "session expired");
                return new LyceumException(
                        ErrorKind.UNAUTHORIZED,
                        "auth.session_expired",
                        "The session has reached its maximum age or was idle too long. Sign in again.");
            }
            if (token.expiresAt().isBefore(clock.instant())) {
                return invalidRefresh();
            }
            User user = users.findById(token.userId()).orElse(null);
            if (user == null || user.status() != UserStatus.ACTIVE) {
                sessions.revoke(token.sessionId(), "account not active");
                return invalidRefresh();
            }
            sessions.markRotated(token.id());
            sessions.touch(token.sessionId());
            return tokensFor(user, token.sessionId(), token.sessionCreatedAt());
        });
        if (outcome instanceof LyceumException e) {
            throw e; // thrown after commit, so a detected reuse stays revoked
        }
        return (IssuedTokens) outcome;
    }

    private static LyceumException invalidRefresh() {
        return new LyceumException(
                ErrorKind.UNAUTHORIZED, "auth.invalid_refresh_token", "The refresh token is not valid. Sign in again.");
    }

    void logout(CurrentUser user) {
        sessions.revoke(user.requireSessionId(), "signed out");
    }

    User me(CurrentUser current) {
        return users.findById(current.userId().value())
                .orElseThrow(() -> LyceumException.notFound("user.not_found", "No such user."));
    }

    /**
     * Changes any of the signed-in user's name, time zone, language and display currency at once: every field given is
     * checked first (all problems reported together, as the preferences route does), then one UPDATE writes them, so a
     * refused field leaves the others unchanged too. A field left out (null) keeps its value; an empty display currency
     * goes back to the tenant's default.
     */
    User updateMe(
            CurrentUser current,
            @Nullable String fullName,
            @Nullable String timeZone,
            @Nullable String locale,
            @Nullable String displayCurrency) {
        var rules = new PreferenceRules();
        String name = fullName == null ? null : rules.fullName("fullName", fullName);
        String zone = timeZone == null ? null : rules.timeZone("timeZone", timeZone);
        String language = locale == null ? null : rules.language("locale", locale);
        boolean currencyGiven = displayCurrency != null;
        String currency = displayCurrency == null || displayCurrency.isBlank()
                ? null
                : rules.currency("displayCurrency", displayCurrency);
        rules.check();
        transactions.executeWithoutResult(status -> {
            if (!users.updateOwnProfile(current.userId().value(), name, zone, language, currencyGiven, currency)) {
                throw LyceumException.notFound("user.not_found", "No such user.");
            }
        });
        return me(current);
    }

    /** Changes the password after checking the old one; every other session is signed out. */
    void changePassword(CurrentUser current, String oldPassword, String newPassword) {
        User user = me(current);
        if (user.passwordHash() == null || !passwords.matches(oldPassword, user.passwordHash())) {
            throw LyceumException.invalid(
                    "auth.wrong_password",
                    "The current password is wrong.",
                    List.of(new FieldError("oldPassword", "is wrong")));
        }
        policy.check("newPassword", newPassword, user.email());
        transactions.executeWithoutResult(status -> {
            users.updatePassword(user.id(), passwords.encode(newPassword));
            sessions.revokeAll(user.id(), current.sessionId(), "password changed");
        });
    }

    io.lyceum.shared.PageResponse<Session> sessionsOf(CurrentUser current, io.lyceum.shared.PageQuery page) {
        return sessions.activeSessions(current.userId().value(), page);
    }

    void revokeSession(CurrentUser current, UUID sessionId) {
        UUID owner = sessions.ownerOf(sessionId).orElse(null);
        if (owner == null || !owner.equals(current.userId().value())) {
            throw LyceumException.notFound("session.not_found", "No such session.");
        }
        sessions.revoke(sessionId, "revoked by user");
    }

    /** Sends a new email verification code; silent for unknown or already verified emails (no enumeration). */
    @Nullable
    Instant resendEmailVerification(String email) {
        Optional<Instant> sent = transactions.execute(status -> users.findByEmail(email)
                .filter(user -> !user.emailVerified() && user.status() == UserStatus.ACTIVE)
                .map(this::sendEmailVerification));
        return Objects.requireNonNull(sent, "the callback answers an Optional").orElse(null);
    }

    private Instant sendEmailVerification(User user) {
        var issued = codes.issue(user.id(), EMAIL_VERIFICATION, EMAIL_CODE_TTL, user.email(), null, true);
        outbox.email(user.email(), "Your Lyceum verification code", """
                Hello %s,

                your verification code is %s. It is valid for 24 hours.

                Or confirm with this token: %s
                (GET /api/v1/auth/email-verification/confirm?token=%s)
                """.formatted(
                        user.fullName(), issued.code(), issued.linkToken(), issued.linkToken()));
        return issued.expiresAt();
    }

    void completeEmailVerification(String email, String code) {
        User user = users.findByEmail(email).orElseThrow(VerificationCodes::invalid);
        codes.acceptCode(user.id(), EMAIL_VERIFICATION, code, null);
        users.markEmailVerified(user.id());
    }

    void confirmEmailLink(String token) {
        var accepted = transactions.execute(status -> codes.acceptLink(EMAIL_VERIFICATION, token));
        users.markEmailVerified(accepted.userId());
    }

    static String validTimeZone(@Nullable String zone) {
        if (zone == null || zone.isBlank()) {
            return "UTC";
        }
        try {
            return ZoneId.of(zone.trim()).getId();
        } catch (java.time.DateTimeException e) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "Unknown time zone " + zone + ".",
                    List.of(new FieldError("timeZone", "must be an IANA time zone such as Europe/London")));
        }
    }

    /** Used by the owner bootstrap and admin tools: creates a verified account directly. */
    boolean createVerified(String email, String password, String fullName, Role role) {
        User user = new User(
                Ids.newId(),
                TenantContext.require(),
                email.trim(),
                passwords.encode(password),
                fullName,
                role,
                UserStatus.ACTIVE,
                clock.instant(),
                null,
                null,
                tenancy.current().timeZone(),
                "en",
                null,
                null,
                clock.instant(),
                0);
        return Boolean.TRUE.equals(transactions.execute(status -> {
            boolean created = users.insert(user);
            if (created) {
                events.publishEvent(new UserRegistered(UserId.of(user.id()), user.tenantId(), role, user.email()));
            }
            return created;
        }));
    }
}
