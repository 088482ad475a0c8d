package io.lyceum.telephony;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Telephony's settings ({@code lyceum.telephony.*}).
 *
 * @param enabled whether SMS and calls are sent at all; off: every send answers {@code failed} with
 *     {@code telephony_disabled} and production needs no credentials
 * @param publicBaseUrl where Twilio and Vapi reach this server (their webhooks); empty means this server's own
 *     loopback address, which only the sandboxes can reach
 * @param webhookTolerance how old a timestamped webhook signature may be
 */
@Validated
@ConfigurationProperties("lyceum.telephony")
record TelephonyProperties(
        @DefaultValue("true") boolean enabled,
        String publicBaseUrl,

        @NotNull @DurationMin(seconds = 1) @DefaultValue("PT5M")
        Duration webhookTolerance,

        @Valid @DefaultValue Sms sms,
        @Valid @DefaultValue Voice voice,
        @Valid @DefaultValue Twilio twilio,
        @Valid @DefaultValue Vapi vapi,
        @Valid @DefaultValue Sandbox sandbox) {

    static final String SANDBOX = "sandbox";
    static final String TWILIO = "twilio";
    static final String VAPI = "vapi";

    /** @param provider {@code sandbox} (default; blank counts as not set) or {@code twilio} */
    record Sms(
            @NotNull
            @Pattern(regexp = "sandbox|twilio|", message = "must be sandbox or twilio")
            @DefaultValue("sandbox")
            String provider) {}

    /** @param provider {@code sandbox} (default; blank counts as not set) or {@code vapi} */
    record Voice(
            @NotNull @Pattern(regexp = "sandbox|vapi|", message = "must be sandbox or vapi") @DefaultValue("sandbox")
            String provider) {}

    /**
     * The Twilio adapter.
     *
     * @param accountSid {@code AC...}
     * @param authToken signs Twilio's webhooks and authenticates our API calls (with the account SID)
     * @param fromNumber the sending number in E.164 format, or empty with a messaging service
     * @param messagingServiceSid {@code MG...}; used instead of {@code fromNumber} when set
     * @param apiBase Twilio's REST API (WireMock in tests)
     */
    record Twilio(
            String accountSid,
            String authToken,
            String fromNumber,
            String messagingServiceSid,
            @NotNull @DefaultValue("https://api.twilio.com") String apiBase) {}

    /**
     * The Vapi adapter.
     *
     * @param apiKey the private API key (sent as a bearer token)
     * @param phoneNumberId the Vapi phone number calls are placed from
     * @param webhookSecret verifies Vapi's server messages: with {@code webhookAuth=hmac} the HMAC key of the custom
     *     credential, with {@code secret} the value of the {@code x-vapi-secret} header
     * @param webhookAuth {@code hmac} (HMAC-SHA256 of {@code timestamp.body} in {@code x-vapi-signature}, timestamp
     *     in {@code x-vapi-timestamp}; replays refused by the timestamp and a receipt) or {@code secret}
     * @param apiBase Vapi's API (WireMock in tests)
     * @param model the language model the assistant runs on (Vapi's {@code model.provider} and {@code model.model})
     */
    record Vapi(
            String apiKey,
            String phoneNumberId,
            String webhookSecret,

            @NotNull @Pattern(regexp = "hmac|secret", message = "must be hmac or secret") @DefaultValue("hmac")
            String webhookAuth,

            @NotNull @DefaultValue("https://api.vapi.ai") String apiBase,
            @NotNull @DefaultValue("openai") String modelProvider,
            @NotNull @DefaultValue("gpt-4o-mini") String model) {}

    /**
     * The sandboxes.
     *
     * @param webhookBaseUrl where they deliver webhooks; empty means this server's own loopback address
     * @param deliveryInterval how often undelivered webhooks are sent
     * @param fromNumber the sandbox SMS sender (Twilio's magic valid "From" number)
     */
    record Sandbox(
            String webhookBaseUrl,

            @NotNull @DurationMin(millis = 1) @DefaultValue("PT0.2S")
            Duration deliveryInterval,

            @NotNull @DefaultValue("+15005550006") String fromNumber) {}

    boolean usesTwilio() {
        return TWILIO.equals(sms.provider());
    }

    boolean usesVapi() {
        return VAPI.equals(voice.provider());
    }
}
