package io.lyceum.telephony;

/**
 * The provider's answer to a call request.
 *
 * @param callId the provider's call id; null when no call was placed
 * @param errorCode why no call was placed; null on success
 */
public record CallResult(String callId, DeliveryStatus status, String errorCode) {}
