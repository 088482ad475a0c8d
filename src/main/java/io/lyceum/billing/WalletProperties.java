package io.lyceum.billing;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
@ConfigurationProperties("lyceum.payments.wallet")
record WalletProperties(
        @DefaultValue("20.00") BigDecimal minimumWithdrawal,
        @DefaultValue("PT1M") Duration releaseInterval,
        @DefaultValue("PT1M") Duration releaseMargin,
        @DefaultValue("200") int releaseBatch) {

    /** The minimum in minor units of {@code currency}. */
    long minimumIn(java.util.Currency currency) {
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        return minimumWithdrawal
                .movePointRight(digits)
                .setScale(0, java.math.RoundingMode.UP)
                .longValueExact();
    }
}
