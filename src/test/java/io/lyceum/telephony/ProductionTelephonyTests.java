package io.lyceum.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.ProductionInstance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Production mode (an external database, no test profile) never texts or calls through a sandbox by accident: with
 * telephony enabled the providers must be chosen explicitly, and a real provider needs its credentials, the public
 * base URL its webhooks reach and a strong Vapi webhook secret.
 */
class ProductionTelephonyTests extends ApiTestBase {

    @Autowired
    EmbeddedPostgres postgres;

    @Test
    void productionRefusesImplicitSandboxesAndRealProvidersWithoutCredentials() {
        Map<String, String> implicit = ProductionInstance.startable(postgres);
        implicit.remove("lyceum.telephony.sms.provider");
        implicit.remove("lyceum.telephony.voice.provider");
        assertThat(ProductionInstance.startFails(implicit))
                .contains("LYCEUM_TELEPHONY_SMS_PROVIDER")
                .contains("LYCEUM_TELEPHONY_VOICE_PROVIDER");

        Map<String, String> twilio = ProductionInstance.startable(postgres);
        twilio.put("lyceum.telephony.sms.provider", "twilio");
        assertThat(ProductionInstance.startFails(twilio))
                .contains("LYCEUM_TWILIO_ACCOUNT_SID")
                .contains("LYCEUM_TWILIO_AUTH_TOKEN")
                .contains("LYCEUM_TWILIO_FROM_NUMBER")
                .contains("LYCEUM_TELEPHONY_PUBLIC_BASE_URL");

        Map<String, String> vapi = ProductionInstance.startable(postgres);
        vapi.put("lyceum.telephony.voice.provider", "vapi");
        vapi.put("lyceum.telephony.vapi.api-key", "vapi-private-key");
        vapi.put("lyceum.telephony.vapi.phone-number-id", "5b6c7d8e-9f00-4a1b-8c2d-3e4f5a6b7c8d");
        vapi.put("lyceum.telephony.vapi.webhook-secret", "short");
        vapi.put("lyceum.telephony.public-base-url", "https://lyceum.example");
        assertThat(ProductionInstance.startFails(vapi)).contains("shorter than");
    }
}
