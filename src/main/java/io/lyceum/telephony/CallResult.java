package io.lyceum.telephony;

import org.jspecify.annotations.Nullable;

/**
 * The provider's answer to a call request.
 *
 * @param callId the provider's call id; null when no call was placed
 * @param errorCode why no call was placed; null on success
 */
public record CallResult(
        @Nullable String callId,
        DeliveryStatus status,
        @Nullable String errorCode) {}
