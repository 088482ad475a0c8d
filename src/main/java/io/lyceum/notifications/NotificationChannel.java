package io.lyceum.notifications;

/** Where a notification reaches its recipient. */
public enum NotificationChannel {
    IN_APP,
    EMAIL,
    SMS,
    VOICE;

    /** Channels that disturb: they wait for the end of the recipient's quiet hours. */
    boolean respectsQuietHours() {
        return this == SMS || this == VOICE;
    }
}
