package io.lyceum.telephony;

/**
 * The provider's answer to a text message.
 *
 * @param providerId the provider's message id (Twilio's {@code SM...}); null when it was never sent
 * @param errorCode the provider's error code (Twilio's, such as {@code 21211}) or ours ({@code opted_out},
 *     {@code provider_unavailable}); null on success
 */
public record SmsResult(String providerId, DeliveryStatus status, String errorCode) {}
