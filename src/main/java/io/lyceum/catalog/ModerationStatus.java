package io.lyceum.catalog;

/** A course pack's moderation state: REMOVED packs are hidden from the public and cannot be published. */
enum ModerationStatus {
    ACTIVE,
    REMOVED
}
