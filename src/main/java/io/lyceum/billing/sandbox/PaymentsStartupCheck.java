package io.lyceum.billing.sandbox;

import io.lyceum.billing.BillingProperties;
import io.lyceum.platform.ProductionMode;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * What billing refuses to start with. In production mode (an external database) the provider must be chosen
 * explicitly ({@code LYCEUM_PAYMENTS_PROVIDER}): the sandbox is only the development default, so a production install
 * never simulates payments by accident. In production no webhook secret may be a published default or too short.
 * Whenever the sandbox runs, the log says so loudly.
 *
 * <p>Checked on the environment before the application context starts (an environment post-processor, registered in
 * {@code META-INF/spring.factories}), with the settings bound as {@link BillingProperties} binds them: a refused start
 * fails at once, before the database is migrated or the web server made.
 */
class PaymentsStartupCheck implements EnvironmentPostProcessor {

    static final String PROVIDER = "lyceum.payments.provider";
    private final Log log;

    PaymentsStartupCheck(DeferredLogFactory logs) {
        this.log = logs.getLog(PaymentsStartupCheck.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        BillingProperties properties = Binder.get(environment).bindOrCreate("lyceum.payments", BillingProperties.class);
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
