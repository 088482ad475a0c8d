/**
 * Telephony: SMS through Twilio and voice calls through Vapi.ai, each behind a port whose development default is a
 * sandbox with the provider's shapes (Twilio's magic test numbers, Vapi's call lifecycle) that delivers signed
 * webhooks to this server's own endpoints. Inbound SMS replies ({@code YES}, {@code STOP}/{@code START}) and inbound
 * calls answered by an assistant act through {@link io.lyceum.scheduling.SchedulingApi} as the user who owns the
 * verified mobile number. Other modules send through {@link io.lyceum.telephony.TelephonyApi} and hear back through
 * {@link io.lyceum.telephony.SmsStatusChanged} and {@link io.lyceum.telephony.CallCompleted}.
 */
@NullMarked
@ApplicationModule(
        displayName = "Telephony",
        allowedDependencies = {"shared", "platform", "tenancy", "accounts", "scheduling"})
package io.lyceum.telephony;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
