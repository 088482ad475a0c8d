package io.lyceum.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A webhook endpoint of the tenant: where to send which event types. Its secrets are read separately
 * ({@link WebhookSubscriptionStore#secrets}), never with it.
 *
 * @param previousSecretExpiresAt until when the secret before the last rotation still signs (null: none)
 */
record Subscription(
        UUID id,
        @Nullable String url,
        @Nullable String description,
        List<String> eventTypes,
        boolean enabled,
        UUID createdBy,
        @Nullable Instant failingSince,
        int consecutiveFailedMessages,
        @Nullable Instant disabledAt,
        @Nullable String disabledReason,
        @Nullable Instant previousSecretExpiresAt,
        Instant createdAt,
        Instant updatedAt) {}
