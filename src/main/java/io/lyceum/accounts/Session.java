package io.lyceum.accounts;

import java.time.Instant;
import java.util.UUID;

/** A signed-in device. */
record Session(
        UUID id,
        UUID userId,
        Instant createdAt,
        Instant lastUsedAt,
        String ipAddress,
        String userAgent,
        Instant revokedAt,
        String revokedReason) {

    boolean active() {
        return revokedAt == null;
    }
}
