package io.lyceum.webhooks;

import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A webhook endpoint kept failing and was disabled: no new messages are queued for it and its pending ones are given
 * up until an owner or admin enables it again. The subscription's creator has been emailed; the notifications module
 * may tell them in the app too.
 *
 * @param ownerId the user who created the subscription
 * @param failingSince when the run of failed attempts began
 */
public record WebhookEndpointDisabled(
        TenantId tenantId,
        UUID subscriptionId,
        @Nullable String url,
        UUID ownerId,
        String reason,
        Instant failingSince,
        Instant occurredAt)
        implements TenantEvent {}
