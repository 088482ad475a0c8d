package io.lyceum.notifications;

import io.lyceum.shared.UserId;
import io.lyceum.telephony.CallResult;
import io.lyceum.telephony.DeliveryStatus;
import io.lyceum.telephony.OutgoingCall;
import io.lyceum.telephony.OutgoingSms;
import io.lyceum.telephony.SmsResult;
import io.lyceum.telephony.TelephonyApi;
import io.lyceum.tenancy.TenantContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * SMS and calls through the telephony module (Twilio and Vapi, or their sandboxes by default). The delivery's id is the
 * reference, so the provider's later reports ({@link TelephonyReports}) find the delivery. A provider that cannot be
 * reached is a passing failure (retried); a refusal (invalid number, opted out) is final.
 */
@Component
class TelephonyPhoneGateway implements PhoneGateway {

    static final String UNAVAILABLE = "provider_unavailable";

    private final TelephonyApi telephony;

    TelephonyPhoneGateway(TelephonyApi telephony) {
        this.telephony = telephony;
    }

    @Override
    public Delivery.Outcome sendSms(Delivery delivery) {
        SmsResult result = telephony.sendSms(new OutgoingSms(
                TenantContext.require().value(),
                UserId.of(delivery.recipientId()),
                delivery.address(),
                delivery.textBody(),
                delivery.id().toString()));
        return outcome(result.status(), result.providerId(), result.errorCode(), "sms");
    }

    @Override
    public Delivery.Outcome placeCall(Delivery delivery) {
        CallResult result = telephony.placeCall(new OutgoingCall(
                TenantContext.require().value(),
                UserId.of(delivery.recipientId()),
                delivery.address(),
                delivery.textBody(),
                delivery.id().toString()));
        return outcome(result.status(), result.callId(), result.errorCode(), "voice");
    }

    static Delivery.Outcome outcome(
            DeliveryStatus status, @Nullable String providerId, @Nullable String errorCode, String channel) {
        if (status == null || UNAVAILABLE.equals(errorCode)) {
            return Delivery.Outcome.retry(channel + "." + UNAVAILABLE);
        }
        return switch (status) {
            case refused_opted_out -> Delivery.Outcome.failed(channel + ".opted_out");
            case failed, undelivered, canceled, no_answer, busy ->
                Delivery.Outcome.failed(channel + "." + status + (errorCode == null ? "" : ": " + errorCode));
            case delivered, read, completed, voicemail ->
                new Delivery.Outcome(Delivery.Outcome.Result.DELIVERED, providerId, null);
            default -> Delivery.Outcome.sent(providerId);
        };
    }
}
