package io.lyceum.accounts;

import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Something the owner of an account must hear about its security, and that carries no secret: the notifications
 * module tells them (in the app and by email, in their language; the security category cannot be switched off).
 * Messages that carry a code or a link token (verification, password reset, sign-in codes, guardian invitations) are
 * not events: accounts writes them to the mail outbox itself, so that no secret is stored in the event log or in the
 * in-app list, and the code is on its way the moment it is valid.
 *
 * @param noticeId unique per notice (a redelivered event notifies once)
 * @param kind one of the constants
 * @param count for {@link #WRONG_CODES}: how many wrong codes were entered; else 0
 * @param device for {@link #NEW_DEVICE_SIGN_IN}: the browser, system and address that signed in; else null
 */
public record SecurityNotice(
        TenantId tenantId,
        UUID noticeId,
        UserId userId,
        String kind,
        int count,
        @Nullable String device,
        Instant occurredAt)
        implements TenantEvent {

    /** A notice with no count and no device. */
    public SecurityNotice(TenantId tenantId, UUID noticeId, UserId userId, String kind, Instant occurredAt) {
        this(tenantId, noticeId, userId, kind, 0, null, occurredAt);
    }

    /** The password was reset and every session closed. */
    public static final String PASSWORD_CHANGED = "PASSWORD_CHANGED";
    /** Someone tried to register a new account with this account's email. */
    public static final String REGISTRATION_ATTEMPT = "REGISTRATION_ATTEMPT";
    /** Wrong one-time codes were entered for the account; further tries now wait (the lockout starts). */
    public static final String WRONG_CODES = "WRONG_CODES";
    /** An authenticator app is now required to sign in. */
    public static final String AUTHENTICATOR_REQUIRED = "AUTHENTICATOR_REQUIRED";
    /** A code sent by email is now required to sign in. */
    public static final String EMAIL_CODES_REQUIRED = "EMAIL_CODES_REQUIRED";
    /** Two-factor sign-in was turned off. */
    public static final String TWO_FACTOR_OFF = "TWO_FACTOR_OFF";
    /**
     * The account signed in from a browser and an address neither of which it used in the last 90 days (its first
     * sign-in ever is not one).
     */
    public static final String NEW_DEVICE_SIGN_IN = "NEW_DEVICE_SIGN_IN";
}
