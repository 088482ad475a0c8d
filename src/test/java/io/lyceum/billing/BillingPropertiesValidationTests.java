package io.lyceum.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.billing.ledger.WalletProperties;
import io.lyceum.billing.offers.EnrollmentProperties;
import io.lyceum.billing.offers.PackageProperties;
import io.lyceum.billing.payments.PaymentRecoveryProperties;
import io.lyceum.billing.payments.ReconciliationProperties;
import io.lyceum.testsupport.SettingsValidation;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * Billing's settings are validated when they are bound: a bad value stops start-up with a message naming the property,
 * instead of being replaced silently. No application context beyond the properties.
 */
class BillingPropertiesValidationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({
        BillingProperties.class,
        WalletProperties.class,
        PackageProperties.class,
        EnrollmentProperties.class,
        ReconciliationProperties.class,
        PaymentRecoveryProperties.class
    })
    static class Settings {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void theDefaultsAreValid() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PaymentRecoveryProperties.class).startedAfter())
                    .hasMinutes(5);
        });
    }

    @Test
    void aBadValueStopsStartUpNamingTheProperty() {
        failsNaming("lyceum.payments.provider=paypal", "lyceum.payments", "provider", "must be sandbox or stripe");
        failsNaming("lyceum.payments.recovery.started-after=0s", "lyceum.payments.recovery", "startedAfter", "");
        failsNaming("lyceum.payments.recovery.batch=0", "lyceum.payments.recovery", "batch", "");
        failsNaming("lyceum.payments.wallet.minimum-withdrawal=-1", "lyceum.payments.wallet", "minimumWithdrawal", "");
        failsNaming("lyceum.payments.packages.expiry-time=25:00", "lyceum.payments.packages", "expiryTime", "HH:mm");
        failsNaming("lyceum.payments.sandbox.delivery-interval=0s", "lyceum.payments", "sandbox.deliveryInterval", "");
    }

    private void failsNaming(String setting, String prefix, String field, String message) {
        SettingsValidation.refuses(runner, setting, prefix, field, message);
    }
}
