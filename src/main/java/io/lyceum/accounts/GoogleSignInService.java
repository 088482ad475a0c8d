package io.lyceum.accounts;

import static io.lyceum.accounts.ExternalIdentityStore.GOOGLE;

import io.lyceum.accounts.ExternalIdentityStore.ExternalIdentity;
import io.lyceum.accounts.ExternalSignInStates.Consumed;
import io.lyceum.accounts.ExternalSignInStates.Purpose;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.Tenant;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Google sign-in with OpenID Connect: authorization code flow with PKCE, state and nonce, all kept server-side
 * ({@link ExternalSignInStates}). A verified Google identity signs in the account linked to it; else the account
 * with the same email, which gets linked; else a new STUDENT account. Signed-in users may link and unlink Google.
 */
@Service
class GoogleSignInService {

    private static final java.util.regex.Pattern LOCALE =
            java.util.regex.Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");

    private final GoogleProperties properties;
    private final GoogleOidcClient google;
    private final ExternalSignInStates states;
    private final ExternalIdentityStore identities;
    private final UserStore users;
    private final SessionStore sessions;
    private final AuthService auth;
    private final TenancyApi tenancy;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    GoogleSignInService(
            GoogleProperties properties,
            GoogleOidcClient google,
            ExternalSignInStates states,
            ExternalIdentityStore identities,
            UserStore users,
            SessionStore sessions,
            AuthService auth,
            TenancyApi tenancy,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.properties = properties;
        this.google = google;
        this.states = states;
        this.identities = identities;
        this.users = users;
        this.sessions = sessions;
        this.auth = auth;
        this.tenancy = tenancy;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** A started sign-in: where to send the browser, and the state to expect back. */
    record Started(URI authorizationUrl, String state, java.time.Instant expiresAt) {}

    /** A callback whose state was accepted: what it was started for, in which tenant and mode. */
    record Accepted(TenantId tenant, Consumed state, boolean frontendRedirect) {}

    /** What a finished callback did: signed someone in, or linked Google to the account that started it. */
    sealed interface Outcome permits SignedIn, Linked {}

    record SignedIn(AuthService.IssuedTokens tokens, boolean created) implements Outcome {}

    record Linked(ExternalIdentity identity) implements Outcome {}

    void requireEnabled() {
        if (!properties.enabled()) {
            throw LyceumException.notFound("auth.google_disabled", "Google sign-in is not configured on this server.");
        }
    }

    /**
     * Starts a sign-in in the current tenant, or a link for the signed-in user (in the user's tenant).
     *
     * @param browserSecret in cookie mode, a secret also set as a cookie on the browser that started, so the
     *     callback can prove it is that browser (no login CSRF); null otherwise
     */
    Started start(Purpose purpose, @Nullable CurrentUser user, boolean cookieMode, @Nullable String browserSecret) {
        requireEnabled();
        if (purpose == Purpose.LINK && user == null) {
            throw new LyceumException(
                    ErrorKind.UNAUTHORIZED,
                    "auth.unauthenticated",
                    "Sign in first: linking Google needs the account's access token.");
        }
        CurrentUser linking = purpose == Purpose.LINK ? user : null;
        TenantId tenant = linking != null ? linking.tenantId() : TenantContext.require();
        UUID linkingUserId = linking != null ? linking.userId().value() : null;
        return TenantContext.callAs(tenant, () -> {
            var started = states.start(GOOGLE, purpose, linkingUserId, cookieMode, browserSecret);
            URI url = google.authorizationUrl(started.state(), started.nonce(), challenge(started.codeVerifier()));
            return new Started(url, started.state(), started.expiresAt());
        });
    }

    /**
     * Consumes the state a callback presents (single use, even if what follows fails) and checks it may be finished
     * here: in cookie mode only by the browser that started it (its {@code lyceum_oauth} cookie), so nobody can slip
     * their own Google sign-in into someone else's browser. A link started in bearer mode is finished with
     * {@code POST /link} by the signed-in user, never by the bare callback.
     */
    Accepted acceptCallback(String state, @Nullable String browserSecret) {
        Accepted accepted = accept(state);
        Consumed consumed = accepted.state();
        if (consumed.browserHash() == null) {
            if (consumed.purpose() == Purpose.LINK) {
                throw new LyceumException(
                        ErrorKind.UNPROCESSABLE,
                        "auth.google_state_invalid",
                        "This Google link was started with an access token: finish it with POST "
                                + "/api/v1/auth/google/link as the same user.");
            }
        } else if (browserSecret == null
                || !MessageDigest.isEqual(
                        consumed.browserHash().getBytes(StandardCharsets.US_ASCII),
                        SessionStore.hash(browserSecret).getBytes(StandardCharsets.US_ASCII))) {
            throw invalidState();
        }
        return accepted;
    }

    /** Consumes a state: refuses unknown, used, expired and foreign ones. */
    private Accepted accept(String state) {
        requireEnabled();
        Tenant tenant = state == null || state.length() > 200
                ? null
                : ExternalSignInStates.tenantOf(state)
                        .map(TenantId::new)
                        .flatMap(tenancy::findById)
                        .filter(Tenant::isActive)
                        .orElse(null);
        if (tenant == null) {
            throw invalidState();
        }
        Consumed consumed = TenantContext.callAs(tenant.id(), () -> states.consume(GOOGLE, state))
                .orElseThrow(GoogleSignInService::invalidState);
        if (consumed.expiresAt().isBefore(clock.instant())) {
            throw new LyceumException(
                    ErrorKind.UNPROCESSABLE,
                    "auth.google_state_expired",
                    "This Google sign-in was started more than 10 minutes ago. Start again.");
        }
        return new Accepted(tenant.id(), consumed, consumed.cookieMode() && properties.frontendRedirectUri() != null);
    }

    /** Finishes a callback: redeems the code, then signs in (LOGIN) or links to the user who started (LINK). */
    Outcome complete(Accepted accepted, String code, String error, String ip, String userAgent) {
        return TenantContext.callAs(accepted.tenant(), () -> {
            var identity = redeem(accepted.state(), code, error);
            if (accepted.state().purpose() == Purpose.LINK) {
                return new Linked(link(accepted.state().userId(), identity));
            }
            return signIn(identity, ip, userAgent);
        });
    }

    /** POST /link: the signed-in user finishes a link it started with {@code purpose=link}. */
    ExternalIdentity link(CurrentUser user, String code, String state) {
        requireEnabled();
        if (!ExternalSignInStates.tenantOf(state)
                .map(user.tenantId().value()::equals)
                .orElse(false)) {
            throw invalidState();
        }
        Accepted accepted = accept(state);
        if (accepted.state().purpose() != Purpose.LINK
                || !user.userId().value().equals(accepted.state().userId())) {
            throw invalidState();
        }
        return TenantContext.callAs(
                accepted.tenant(), () -> link(user.userId().value(), redeem(accepted.state(), code, null)));
    }

    ExternalIdentity linked(CurrentUser user) {
        return identities
                .findByUser(user.userId().value(), GOOGLE)
                .orElseThrow(() -> LyceumException.notFound("auth.google_not_linked", "No Google account is linked."));
    }

    /** Unlinks Google, unless it is the account's only way to sign in (no password). */
    void unlink(CurrentUser user) {
        transactions.executeWithoutResult(status -> {
            User account = users.findById(user.userId().value())
                    .orElseThrow(() -> LyceumException.notFound("user.not_found", "No such user."));
            linked(user);
            if (account.passwordHash() == null) {
                throw LyceumException.conflict(
                        "auth.last_sign_in_method",
                        "Google is this account's only way to sign in. Set a password first, then unlink Google.");
            }
            identities.delete(user.userId().value(), GOOGLE);
        });
    }

    private GoogleOidcClient.Identity redeem(Consumed state, String code, @Nullable String error) {
        if (error != null) {
            throw new LyceumException(
                    ErrorKind.UNPROCESSABLE,
                    "auth.google_denied",
                    "Google sign-in was cancelled or refused (" + error.substring(0, Math.min(error.length(), 60))
                            + ").");
        }
        var identity = google.redeem(code, state.codeVerifier());
        if (identity.nonce() == null
                || !MessageDigest.isEqual(
                        SessionStore.hash(identity.nonce()).getBytes(StandardCharsets.US_ASCII),
                        state.nonceHash().getBytes(StandardCharsets.US_ASCII))) {
            throw new LyceumException(
                    ErrorKind.UNAUTHORIZED,
                    "auth.google_token_invalid",
                    "Google's ID token does not belong to this sign-in (nonce mismatch).");
        }
        if (identity.email() == null || identity.email().isBlank() || !identity.emailVerified()) {
            throw LyceumException.forbidden(
                    "auth.google_email_not_verified",
                    "Google has not verified this account's email address, so it cannot be used to sign in.");
        }
        if (identity.email().length() > 254 || identity.subject().length() > 255) {
            throw new LyceumException(
                    ErrorKind.UNAUTHORIZED, "auth.google_token_invalid", "Google's ID token has oversized claims.");
        }
        return identity;
    }

    private SignedIn signIn(GoogleOidcClient.Identity google, String ip, String userAgent) {
        return transactions.execute(status -> {
            boolean created = false;
            User user;
            var linked = identities.findBySubject(GOOGLE, google.subject());
            if (linked.isPresent()) {
                user = users.findById(linked.get().userId()).orElseThrow();
                refuseClosed(user);
                identities.updateEmail(user.id(), GOOGLE, google.verifiedEmail());
            } else {
                user = users.findByEmail(google.verifiedEmail()).orElse(null);
                if (user == null) {
                    user = newStudent(google);
                    created = users.insert(user);
                    if (created) {
                        events.publishEvent(
                                new UserRegistered(UserId.of(user.id()), user.tenantId(), user.role(), user.email()));
                    } else {
                        // the email was registered a moment ago (a parallel callback): use that account
                        user = users.findByEmail(google.verifiedEmail()).orElseThrow();
                    }
                }
                refuseClosed(user);
                attach(user, google);
                if (!user.emailVerified() && user.passwordHash() != null) {
                    // Whoever chose this password never proved they own the email; Google just did. Drop the
                    // password and its sessions, so an account registered in advance by someone else cannot be
                    // used to watch the real owner's account (pre-hijacking).
                    users.updatePassword(user.id(), null);
                    sessions.revokeAll(user.id(), null, "email proven by Google; unverified password removed");
                }
            }
            if (sameEmail(user.email(), google.verifiedEmail())) {
                users.markEmailVerified(user.id()); // Google vouches for it
            }
            User current = users.findById(user.id()).orElseThrow();
            auth.checkMaySignIn(current);
            return new SignedIn(auth.startSession(current, ip, userAgent), created);
        });
    }

    /** Links a Google identity to a user; already linked to this user is fine, to anyone else a conflict. */
    private ExternalIdentity link(UUID userId, GoogleOidcClient.Identity google) {
        return transactions.execute(status -> {
            User user = users.findById(userId)
                    .orElseThrow(() -> LyceumException.notFound("user.not_found", "No such user."));
            refuseClosed(user);
            attach(user, google);
            if (sameEmail(user.email(), google.verifiedEmail())) {
                users.markEmailVerified(user.id());
            }
            return identities.findByUser(userId, GOOGLE).orElseThrow();
        });
    }

    private void attach(User user, GoogleOidcClient.Identity google) {
        var bySubject = identities.findBySubject(GOOGLE, google.subject());
        if (bySubject.isPresent()) {
            if (!bySubject.get().userId().equals(user.id())) {
                throw alreadyLinked();
            }
            return;
        }
        if (identities.findByUser(user.id(), GOOGLE).isPresent()) {
            throw LyceumException.conflict(
                    "auth.google_link_exists",
                    "This account is already linked to a different Google account. Unlink it first.");
        }
        if (!identities.insert(user.id(), GOOGLE, google.subject(), google.verifiedEmail())) {
            // a parallel request linked first: fine if it linked the same pair
            var now = identities.findBySubject(GOOGLE, google.subject());
            if (now.isEmpty() || !now.get().userId().equals(user.id())) {
                throw alreadyLinked();
            }
        }
    }

    private static LyceumException alreadyLinked() {
        return LyceumException.conflict(
                "auth.google_already_linked", "This Google account is already linked to another account.");
    }

    /** Deleted accounts never sign in; suspended and banned ones are refused by the usual sign-in check. */
    private void refuseClosed(User user) {
        if (user.status() == UserStatus.DELETED) {
            throw LyceumException.forbidden("auth.account_deleted", "This account has been deleted.");
        }
        if (user.status() == UserStatus.SUSPENDED || user.status() == UserStatus.BANNED) {
            auth.checkMaySignIn(user);
        }
    }

    private User newStudent(GoogleOidcClient.Identity google) {
        Tenant tenant = tenancy.current();
        int at = google.verifiedEmail().indexOf('@');
        String name = google.name() != null
                ? google.name()
                : at > 0 ? google.verifiedEmail().substring(0, at) : "Student";
        String locale = google.locale() != null
                        && google.locale().length() <= 35
                        && LOCALE.matcher(google.locale()).matches()
                ? google.locale()
                : "en";
        return new User(
                Ids.newId(),
                tenant.id(),
                google.verifiedEmail(),
                null, // no password: Google is the way in until the user sets one
                name.length() > 200 ? name.substring(0, 200) : name,
                Role.STUDENT,
                UserStatus.ACTIVE,
                clock.instant(),
                null,
                null,
                tenant.timeZone(),
                locale,
                null,
                null,
                clock.instant(),
                0);
    }

    private static boolean sameEmail(String a, String b) {
        return a != null && b != null && UserStore.normalize(a).equals(UserStore.normalize(b));
    }

    static LyceumException invalidState() {
        return new LyceumException(
                ErrorKind.UNPROCESSABLE,
                "auth.google_state_invalid",
                "This Google sign-in is unknown, already used or was started elsewhere. Start again.");
    }

    /** PKCE S256: base64url(SHA-256(verifier)). */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
