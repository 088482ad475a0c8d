package io.lyceum.notifications;

import io.lyceum.telephony.CallCompleted;
import io.lyceum.telephony.DeliveryStatus;
import io.lyceum.telephony.SmsStatusChanged;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The provider's later word on an SMS or call we sent (its reference is our delivery id): delivered, or failed after
 * all (undelivered, not answered). Reports about messages that are not ours are ignored.
 */
@Component
class TelephonyReports {

    private final DeliveryStore deliveries;
    private final Clock clock;

    TelephonyReports(DeliveryStore deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(SmsStatusChanged event) {
        UUID delivery = ours(event.reference()).orElse(null);
        if (delivery == null || event.status() == null) {
            return;
        }
        switch (event.status()) {
            case delivered, read ->
                deliveries.providerReport(
                        delivery,
                        io.lyceum.notifications.DeliveryStatus.DELIVERED,
                        event.providerId(),
                        null,
                        clock.instant());
            case failed, undelivered, canceled ->
                deliveries.providerReport(
                        delivery,
                        io.lyceum.notifications.DeliveryStatus.FAILED,
                        event.providerId(),
                        "sms." + event.status() + (event.errorCode() == null ? "" : ": " + event.errorCode()),
                        clock.instant());
            default -> {
                // still on its way: nothing to record
            }
        }
    }

    @ApplicationModuleListener
    void on(CallCompleted event) {
        UUID delivery = ours(event.reference()).orElse(null);
        if (delivery == null) {
            return;
        }
        DeliveryStatus outcome;
        try {
            outcome = DeliveryStatus.valueOf(String.valueOf(event.outcome()));
        } catch (IllegalArgumentException e) {
            outcome = DeliveryStatus.failed;
        }
        boolean reached = outcome == DeliveryStatus.completed || outcome == DeliveryStatus.voicemail;
        deliveries.providerReport(
                delivery,
                reached
                        ? io.lyceum.notifications.DeliveryStatus.DELIVERED
                        : io.lyceum.notifications.DeliveryStatus.FAILED,
                event.callId(),
                reached ? null : "voice." + outcome,
                clock.instant());
    }

    private static Optional<UUID> ours(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(reference));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
