package io.lyceum.telephony;

import io.lyceum.shared.TenantScopedEvent;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The provider reported a new status for a text message sent through {@link TelephonyApi#sendSms}. */
public record SmsStatusChanged(
        UUID tenantId,
        String reference,
        String providerId,
        DeliveryStatus status,
        @Nullable String errorCode) implements TenantScopedEvent {}
