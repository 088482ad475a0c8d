package io.lyceum.billing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Billing's settings ({@code lyceum.payments.*}).
 *
 * @param provider {@code sandbox} (default, local) or {@code stripe}
 * @param webhookSecret the signing secret of incoming webhooks ({@code whsec_...}); required with Stripe. Empty with the
 *     sandbox: it generates one per installation (see the sandbox's {@code SandboxPaymentProvider.webhookSecret()})
 * @param webhookTolerance how old a webhook's signed timestamp may be
 * @param publicBaseUrl where browsers reach this server (3-D Secure return and challenge pages, pay links); empty
 *     means the address of the request
 */
@Validated
@ConfigurationProperties("lyceum.payments")
public record BillingProperties(
        @NotNull @Pattern(regexp = "sandbox|stripe", message = "must be sandbox or stripe") @DefaultValue("sandbox")
        String provider,

        String webhookSecret,

        @NotNull @DurationMin(seconds = 1) @DefaultValue("PT5M")
        Duration webhookTolerance,

        String publicBaseUrl,
        @Valid @DefaultValue Sandbox sandbox,
        @Valid @DefaultValue Stripe stripe) {

    /**
     * The local sandbox provider.
     *
     * @param webhookUrl where it delivers webhooks; empty means this server's own {@code /api/v1/payments/webhook}
     * @param deliveryInterval how often undelivered events are sent
     * @param processingDelay how long a {@code processing} payment (sandbox bank debit) and a payout take to settle
     * @param duplicateWebhooks deliver every event twice (testing at-least-once handling)
     * @param shuffleWebhooks deliver events of a batch in random order (testing out-of-order handling)
     */
    public record Sandbox(
            String webhookUrl,

            @NotNull @DurationMin(millis = 1) @DefaultValue("PT0.2S")
            Duration deliveryInterval,

            @NotNull @DurationMin(millis = 0) @DefaultValue("PT2S")
            Duration processingDelay,

            @DefaultValue("false") boolean duplicateWebhooks,
            @DefaultValue("false") boolean shuffleWebhooks) {}

    /**
     * The Stripe adapter.
     *
     * @param apiKey secret key ({@code sk_live_...} / {@code sk_test_...})
     * @param apiBase the API address, overridable for tests
     * @param connectCountry the country of tutors' connected (Express) accounts
     * @param publishableKey the publishable key ({@code pk_live_...} / {@code pk_test_...}) the checkout page gives
     *     Stripe.js so the card number goes from the browser to Stripe, never through Lyceum
     */
    public record Stripe(
            String apiKey,

            @NotNull
            @Pattern(regexp = "https?://.+", message = "must be an http(s) URL")
            @DefaultValue("https://api.stripe.com")
            String apiBase,

            @DefaultValue("GB") String connectCountry,

            @Pattern(regexp = "(pk_(test|live)_[A-Za-z0-9]+)?", message = "must be a Stripe publishable key (pk_...)")
            String publishableKey) {}
}
