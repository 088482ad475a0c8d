package io.lyceum.telephony;

import java.util.UUID;

/**
 * What other modules may ask of telephony. Both send methods call the provider over the network: call them with no
 * transaction open (they open none either), and expect their answer to say what the provider said, never to throw
 * for a number the provider refuses.
 */
public interface TelephonyApi {

    /**
     * Sends a text message. A number that opted out (replied STOP) is refused without calling the provider
     * ({@link DeliveryStatus#refused_opted_out}); a number the provider refuses comes back {@link DeliveryStatus#failed}
     * with the provider's error code. Later status changes arrive as {@link SmsStatusChanged} with the same
     * {@code reference}.
     */
    SmsResult sendSms(OutgoingSms sms);

    /**
     * Places a voice call that speaks {@code script}. The call's outcome arrives as {@link CallCompleted} with the same
     * {@code reference}.
     */
    CallResult placeCall(OutgoingCall call);

    /** Whether the number replied STOP (or a carrier synonym) in this tenant and has not replied START since. */
    boolean optedOut(UUID tenantId, String e164);
}
