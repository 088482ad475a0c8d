package io.lyceum.billing.ledger;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Wallet settings ({@code lyceum.payments.wallet.*}).
 *
 * @param minimumWithdrawal the smallest withdrawal, in major units of the withdrawal's currency (20.00 is 2000 pence
 *     in GBP, 20 yen in JPY)
 * @param releaseInterval how often the release job moves earnings whose dispute window has closed to available
 * @param releaseMargin how long after the dispute window closes an earning is released (so that a dispute opened at
 *     the window's last moment is always seen)
 * @param releaseBatch how many earnings one release run claims per tenant
 */
@Validated
@ConfigurationProperties("lyceum.payments.wallet")
public record WalletProperties(
        @NotNull @DecimalMin(value = "0.01") @DefaultValue("20.00")
        BigDecimal minimumWithdrawal,

        @NotNull @DurationMin(millis = 1) @DefaultValue("PT1M")
        Duration releaseInterval,

        @NotNull @DurationMin(millis = 0) @DefaultValue("PT1M")
        Duration releaseMargin,

        @Positive @DefaultValue("200") int releaseBatch) {

    /** The minimum in minor units of {@code currency}. */
    long minimumIn(java.util.Currency currency) {
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        return minimumWithdrawal
                .movePointRight(digits)
                .setScale(0, java.math.RoundingMode.UP)
                .longValueExact();
    }
}
