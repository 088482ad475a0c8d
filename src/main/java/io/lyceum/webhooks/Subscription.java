package io.lyceum.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook endpoint of the tenant: where to send which event types. Its secrets are read separately
 * ({@link WebhookSubscriptionStore#secrets}), never with it.
 *
 * @param previousSecretExpiresAt until when the secret before the last rotation still signs (null: none)
 */
record Subscription(
        UUID id,
        String url,
        String description,
        List<String> eventTypes,
        boolean enabled,
        UUID createdBy,
        Instant failingSince,
        int consecutiveFailedMessages,
        Instant disabledAt,
        String disabledReason,
        Instant previousSecretExpiresAt,
        Instant createdAt,
        Instant updatedAt) {}
