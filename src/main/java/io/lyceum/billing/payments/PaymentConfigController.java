package io.lyceum.billing.payments;

import io.lyceum.billing.BillingProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a front end needs to take a card: which provider is active and, for Stripe, the publishable key for Stripe.js
 * (the card number then goes from the browser to Stripe and only a {@code pm_...} id reaches Lyceum); for the sandbox,
 * the test payment methods it accepts. Public, like the key itself.
 */
@RestController
@Tag(name = "Payments")
class PaymentConfigController {

    /** The sandbox's test payment methods offered to payers, in the order a checkout page lists them. */
    static final List<String> SANDBOX_PAYMENT_METHODS =
            List.of("pm_card_visa", "pm_card_authenticationRequired", "pm_card_chargeDeclined");

    private final BillingProperties properties;

    PaymentConfigController(BillingProperties properties) {
        this.properties = properties;
    }

    record PaymentConfig(
            @Schema(
                    description = "sandbox or stripe",
                    allowableValues = {"sandbox", "stripe"})
            String provider,

            @Schema(
                    description = "stripe only: the publishable key for Stripe.js; absent when the operator"
                            + " has not set LYCEUM_STRIPE_PUBLISHABLE_KEY (then no page can take a card)")
            @Nullable
            String publishableKey,

            @Schema(description = "sandbox only: the test payment methods (`paymentMethodId` of a checkout)") @Nullable
            List<String> testPaymentMethods) {}

    @GetMapping("/api/v1/payments/config")
    @Operation(
            summary = "The payment provider a front end takes cards with (public)",
            description = "`provider` `stripe`: mount Stripe Elements with `publishableKey`, create a PaymentMethod"
                    + " in the browser and send its id as `paymentMethodId` to POST /payments/checkout. `sandbox`:"
                    + " send one of `testPaymentMethods`. Cacheable for five minutes.")
    ResponseEntity<PaymentConfig> config() {
        boolean stripe = "stripe".equals(properties.provider());
        PaymentConfig body = stripe
                ? new PaymentConfig("stripe", blankToNull(properties.stripe().publishableKey()), null)
                : new PaymentConfig("sandbox", null, SANDBOX_PAYMENT_METHODS);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(body);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
