package io.lyceum.telephony;

import io.lyceum.platform.ProductionMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * What telephony refuses to start with. In production mode (an external database) with telephony enabled, the SMS
 * and voice providers must be chosen explicitly (the sandboxes are only the development default, so a production
 * install never pretends to text people), and a real provider needs its credentials, the public base URL its
 * webhooks reach and, for Vapi, a webhook secret that is not weak. Whenever a sandbox runs, the log says so.
 *
 * <p>Checked on the environment before the application context starts (an environment post-processor, registered in
 * {@code META-INF/spring.factories}), with the settings bound as {@link TelephonyProperties} binds them: a refused
 * start fails at once, before the database is migrated or the web server made.
 */
class TelephonyStartupCheck implements EnvironmentPostProcessor {

    static final String SMS_PROVIDER = "lyceum.telephony.sms.provider";
    static final String VOICE_PROVIDER = "lyceum.telephony.voice.provider";
    private final Log log;

    TelephonyStartupCheck(DeferredLogFactory logs) {
        this.log = logs.getLog(TelephonyStartupCheck.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        TelephonyProperties properties =
                Binder.get(environment).bindOrCreate("lyceum.telephony", TelephonyProperties.class);
        if (!properties.enabled()) {
            return;
        }
        boolean production = ProductionMode.isProduction(environment);
        List<String> missing = new ArrayList<>();
        if (production) {
            if (!ProductionMode.isSet(environment, SMS_PROVIDER)) {
                missing.add("LYCEUM_TELEPHONY_SMS_PROVIDER (twilio, or sandbox to simulate on purpose)");
            }
            if (!ProductionMode.isSet(environment, VOICE_PROVIDER)) {
                missing.add("LYCEUM_TELEPHONY_VOICE_PROVIDER (vapi, or sandbox to simulate on purpose)");
            }
        }
        if (properties.usesTwilio()) {
            var twilio = properties.twilio();
            requireSet(missing, twilio.accountSid(), "LYCEUM_TWILIO_ACCOUNT_SID");
            requireSet(missing, twilio.authToken(), "LYCEUM_TWILIO_AUTH_TOKEN");
            if (blank(twilio.fromNumber()) && blank(twilio.messagingServiceSid())) {
                missing.add("LYCEUM_TWILIO_FROM_NUMBER or LYCEUM_TWILIO_MESSAGING_SERVICE_SID");
            }
        }
        if (properties.usesVapi()) {
            var vapi = properties.vapi();
            requireSet(missing, vapi.apiKey(), "LYCEUM_VAPI_API_KEY");
            requireSet(missing, vapi.phoneNumberId(), "LYCEUM_VAPI_PHONE_NUMBER_ID");
            requireSet(missing, vapi.webhookSecret(), "LYCEUM_VAPI_WEBHOOK_SECRET");
        }
        if ((properties.usesTwilio() || properties.usesVapi()) && blank(properties.publicBaseUrl())) {
            missing.add("LYCEUM_TELEPHONY_PUBLIC_BASE_URL (or LYCEUM_PUBLIC_BASE_URL: where Twilio and Vapi reach this"
                    + " server's webhooks)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Telephony is enabled (lyceum.telephony.enabled) but not configured: set "
                    + String.join(", ", missing) + ", or LYCEUM_TELEPHONY_ENABLED=false. See docs/telephony.md.");
        }
        if (production && properties.usesVapi()) {
            ProductionMode.refuseWeakSecret(
                    "lyceum.telephony.vapi.webhook-secret",
                    "LYCEUM_VAPI_WEBHOOK_SECRET",
                    properties.vapi().webhookSecret());
        }
        List<String> simulated = new ArrayList<>();
        if (!properties.usesTwilio()) {
            simulated.add("SMS");
        }
        if (!properties.usesVapi()) {
            simulated.add("voice calls");
        }
        if (!simulated.isEmpty()) {
            log.warn("TELEPHONY IS SIMULATED (" + String.join(" and ", simulated) + "): the sandbox provider is"
                    + " active and nobody is texted or called. Set LYCEUM_TELEPHONY_SMS_PROVIDER=twilio and"
                    + " LYCEUM_TELEPHONY_VOICE_PROVIDER=vapi for real ones.");
        }
    }

    private static void requireSet(List<String> missing, String value, String variable) {
        if (blank(value)) {
            missing.add(variable);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
