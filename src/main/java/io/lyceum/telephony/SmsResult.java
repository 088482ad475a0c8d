package io.lyceum.telephony;

import org.jspecify.annotations.Nullable;

/**
 * The provider's answer to a text message.
 *
 * @param providerId the provider's message id (Twilio's {@code SM...}); null when it was never sent
 * @param errorCode the provider's error code (Twilio's, such as {@code 21211}) or ours ({@code opted_out},
 *     {@code provider_unavailable}); null on success
 */
public record SmsResult(
        @Nullable String providerId,
        DeliveryStatus status,
        @Nullable String errorCode) {}
