package io.lyceum.messaging;

/** Message types of seed 002's chat hub. */
enum MessageType {
    TEXT,
    IMAGE,
    DOCUMENT,
    /** From no one: booking confirmed, rescheduled, cancelled, enrollment started. Only other modules post these. */
    SYSTEM,
    /** An admin's warning (amber), with severity, resolution and complaint. Only staff send these. */
    WARNING
}
