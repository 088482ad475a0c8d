package io.lyceum.accounts;

/** Lifecycle of an account. Only ACTIVE accounts sign in; ARCHIVED ones are restored by signing in within 30 days. */
enum UserStatus {
    ACTIVE,
    SUSPENDED,
    BANNED,
    ARCHIVED,
    DELETED
}
