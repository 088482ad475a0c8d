package io.lyceum.telephony;

import io.lyceum.platform.PublicRoutes;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TelephonyPublicRoutes {

    /** Twilio and Vapi are authenticated by their signatures, not a session. */
    @Bean
    PublicRoutes telephonyWebhookRoutes() {
        return PublicRoutes.of(
                "POST /api/v1/telephony/twilio/*/status/*",
                "POST /api/v1/telephony/twilio/*/inbound",
                "POST /api/v1/telephony/vapi/*/events");
    }

    /** Like the email outbox: open so a newcomer can read what the sandboxes sent; off in production. */
    @Bean
    @ConditionalOnBooleanProperty("lyceum.dev.outbox-enabled")
    PublicRoutes devSmsRoutes() {
        return PublicRoutes.of("GET /api/v1/dev/sms");
    }
}
