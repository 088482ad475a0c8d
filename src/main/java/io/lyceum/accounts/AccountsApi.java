package io.lyceum.accounts;

import io.lyceum.shared.UserId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What other modules may ask of the accounts module. Queries run in the current tenant. */
public interface AccountsApi {

    /** The cookie that carries the access token in cookie mode (browser apps). */
    String ACCESS_COOKIE = AuthCookies.ACCESS;

    /**
     * Verifies an access token exactly as the API's filter chain does (signature, issuer, expiry, a live session, an
     * active user), for channels outside it such as the WebSocket. Empty when the token is not good. Needs no tenant
     * bound: the token names its tenant.
     */
    Optional<VerifiedAccess> verifyAccessToken(@Nullable String accessToken);

    Optional<UserSummary> findUser(UserId userId);

    /** The user of the current tenant with this email address (any letter case); empty when there is none. */
    Optional<UserSummary> findUserByEmail(String email);

    /** How to reach a user of the current tenant (language, time zone, verified mobile); empty when there is none. */
    Optional<Contact> contact(UserId userId);

    /** The active admins and owners of the current tenant, for messages addressed to the tenant's staff. */
    List<UserId> staff();

    /**
     * The active user of the current tenant who verified this mobile number (E.164). Empty when nobody did, or when
     * more than one user did (an inbound SMS or call from it then acts for no one).
     */
    Optional<UserSummary> findByVerifiedMobile(String e164);

    /**
     * Whether a user may act for a student (book, pay, see progress): true when the two have an ACTIVE
     * guardian–student link in the current tenant, and for a user acting for themselves.
     */
    boolean mayActFor(UserId guardianId, UserId studentId);

    /** The students a guardian has ACTIVE links with in the current tenant, oldest link first. */
    List<UserId> studentsOf(UserId guardianId);

    /** The display currency the user chose in their preferences; empty when they kept the tenant's default. */
    Optional<String> chosenDisplayCurrency(UserId userId);

    /**
     * Suspends a user exactly as {@code POST /api/v1/admin/users/{id}/suspend} does (same rules and errors, sessions
     * revoked, {@link AccountAdministered} published), joining the caller's transaction. A user already suspended is
     * left as is.
     */
    UserSummary suspendUser(CurrentUser admin, UserId userId, String reason);

    /**
     * Bans a user exactly as {@code POST /api/v1/admin/users/{id}/ban} does, joining the caller's transaction. The
     * {@link AccountAdministered} it publishes ({@code USER_BANNED}) is what scheduling, billing and the catalog react
     * to (future bookings cancelled, enrollments refunded, profile hidden). A user already banned is left as is.
     */
    UserSummary banUser(CurrentUser admin, UserId userId, String reason);
}
