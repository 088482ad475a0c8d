package io.lyceum.accounts;

/** State of a guardian–student link: invited, in force, or ended. */
enum LinkStatus {
    PENDING,
    ACTIVE,
    REVOKED
}
