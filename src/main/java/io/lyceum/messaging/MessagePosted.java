package io.lyceum.messaging;

import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A person (not the system) posted a message in a conversation; {@code recipientId} is the other participant. The
 * notifications module tells the recipient when they are not connected to the hub.
 *
 * @param preview the start of the text, at most 120 characters (masked contact details stay masked)
 */
public record MessagePosted(
        TenantId tenantId,
        UUID conversationId,
        UUID messageId,
        UUID senderId,
        @Nullable String senderName,

        UUID recipientId,
        String preview,
        Instant occurredAt)
        implements TenantEvent {}
