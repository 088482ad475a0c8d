package io.lyceum.accounts;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A signed-in device. */
record Session(
        UUID id,
        UUID userId,
        Instant createdAt,
        Instant lastUsedAt,
        @Nullable String ipAddress,
        @Nullable String userAgent,
        @Nullable Instant revokedAt,
        @Nullable String revokedReason) {

    boolean active() {
        return revokedAt == null;
    }
}
