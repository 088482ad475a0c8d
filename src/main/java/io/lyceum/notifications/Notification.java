package io.lyceum.notifications;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One thing a user was told, as the in-app feed shows it. */
record Notification(
        UUID id,
        UUID recipientId,
        String kind,
        NotificationCategory category,
        String title,
        String body,
        String link,
        Map<String, Object> data,
        boolean inApp,
        Instant createdAt,
        @Nullable Instant readAt,
        @Nullable Instant dismissedAt) {}
