package io.lyceum.billing.sandbox;

import io.lyceum.billing.BillingProperties;
import io.lyceum.platform.ProductionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What billing refuses to start with. In production mode (an external database) the provider must be chosen
 * explicitly ({@code LYCEUM_PAYMENTS_PROVIDER}): the sandbox is only the development default, so a production install
 * never simulates payments by accident. In production no webhook secret may be a published default or too short.
 * Whenever the sandbox runs, the log says so loudly.
 */
@Component
class PaymentsStartupCheck {

    static final String PROVIDER = "lyceum.payments.provider";
    private static final Logger log = LoggerFactory.getLogger(PaymentsStartupCheck.class);

    PaymentsStartupCheck(Environment environment, BillingProperties properties) {
        boolean production = ProductionMode.isProduction(environment);
        if (production && !ProductionMode.isSet(environment, PROVIDER)) {
            throw new IllegalStateException("Production mode (an external database) needs the payment provider chosen"
                    + " explicitly: set LYCEUM_PAYMENTS_PROVIDER=stripe (with LYCEUM_STRIPE_API_KEY and"
                    + " LYCEUM_STRIPE_WEBHOOK_SECRET), or LYCEUM_PAYMENTS_PROVIDER=sandbox to simulate payments on"
                    + " purpose. See docs/security.md.");
        }
        if (production) {
            ProductionMode.refuseWeakSecret(
                    "lyceum.payments.webhook-secret", "LYCEUM_STRIPE_WEBHOOK_SECRET", properties.webhookSecret());
        }
        if (SandboxPaymentProvider.NAME.equals(properties.provider())) {
            log.warn("""

                    ****************************************************************************************
                    * PAYMENTS ARE SIMULATED: the sandbox provider is active (lyceum.payments.provider=sandbox).
                    * No card is charged and no money moves; its test cards and 3-D Secure pages are public.
                    * Set LYCEUM_PAYMENTS_PROVIDER=stripe to take real payments.
                    ****************************************************************************************""");
        }
    }
}
