package io.lyceum.accounts;

import java.util.UUID;

/** What other modules may know about a user. */
public record UserSummary(UUID id, String fullName, String email, Role role, String timeZone, boolean active) {}
