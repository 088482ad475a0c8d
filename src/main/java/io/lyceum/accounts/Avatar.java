package io.lyceum.accounts;

import java.time.Instant;
import java.util.UUID;

/** A user's current avatar: where the image is stored and what serving it needs. */
record Avatar(
        UUID id, UUID userId, String storageKey, String contentType, long sizeBytes, String sha256, Instant createdAt) {

    /** A strong entity tag derived from the content. */
    String etag() {
        return "\"" + sha256 + "\"";
    }
}
