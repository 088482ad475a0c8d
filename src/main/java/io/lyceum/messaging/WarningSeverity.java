package io.lyceum.messaging;

/** How serious an admin warning is. */
public enum WarningSeverity {
    INFO,
    WARNING,
    CRITICAL
}
