package io.lyceum.accounts;

import java.time.Instant;

/** An access token that passed every check the API makes: its caller and when the token expires. */
public record VerifiedAccess(CurrentUser user, Instant expiresAt) {}
