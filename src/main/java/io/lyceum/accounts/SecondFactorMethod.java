package io.lyceum.accounts;

/** Ways to complete a sign-in after the password. */
enum SecondFactorMethod {
    /** A 6-digit code from an authenticator app (RFC 6238). */
    TOTP,
    /** A 6-digit code sent by email for the challenge. */
    EMAIL,
    /** One of the ten single-use recovery codes. */
    RECOVERY_CODE
}
