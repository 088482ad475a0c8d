package io.lyceum.billing.provider;

import io.lyceum.shared.Money;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * What a card payment can be, as Stripe defines it: at most 99,999,999 minor units (eight digits) and at least the
 * currency's minimum charge (Stripe's table of minimum charge amounts, which it applies in the settlement currency;
 * here in the charge's own currency). The sandbox refuses the same amounts Stripe does, with the same codes
 * {@code amount_too_large} and {@code amount_too_small}; documents are capped so that what they bill can be paid.
 */
public final class ChargeLimits {

    /** Stripe's largest amount of one charge, in minor units. */
    public static final long MAX_AMOUNT = 99_999_999L;

    /** Stripe's minimum charge per currency, in minor units; currencies not listed: 50 minor units. */
    private static final Map<String, Long> MINIMUM = Map.ofEntries(
            Map.entry("USD", 50L),
            Map.entry("AED", 200L),
            Map.entry("AUD", 50L),
            Map.entry("BGN", 100L),
            Map.entry("BRL", 50L),
            Map.entry("CAD", 50L),
            Map.entry("CHF", 50L),
            Map.entry("CZK", 1500L),
            Map.entry("DKK", 250L),
            Map.entry("EUR", 50L),
            Map.entry("GBP", 30L),
            Map.entry("HKD", 400L),
            Map.entry("HUF", 17500L),
            Map.entry("INR", 50L),
            Map.entry("JPY", 50L),
            Map.entry("MXN", 1000L),
            Map.entry("MYR", 200L),
            Map.entry("NOK", 300L),
            Map.entry("NZD", 50L),
            Map.entry("PLN", 200L),
            Map.entry("RON", 200L),
            Map.entry("SEK", 300L),
            Map.entry("SGD", 50L),
            Map.entry("THB", 1000L));

    private ChargeLimits() {}

    static long minimum(String currency) {
        return MINIMUM.getOrDefault(currency, 50L);
    }

    /** Stripe's error code and message when the amount cannot be charged; empty when it can. */
    public static Optional<ProviderException> refusal(Money amount) {
        if (amount.amount() > MAX_AMOUNT) {
            return Optional.of(new ProviderException(
                    "amount_too_large",
                    "Amount must be no more than " + Money.of(MAX_AMOUNT, amount.currencyCode()) + ".",
                    false));
        }
        long minimum = minimum(amount.currencyCode());
        if (amount.amount() < minimum) {
            return Optional.of(new ProviderException(
                    "amount_too_small",
                    "Amount must be at least " + Money.of(minimum, amount.currencyCode()) + ".",
                    false));
        }
        return Optional.empty();
    }

    /** The largest amount in major units, for messages ({@code 999999.99}). */
    public static BigDecimal maxMajor(String currency) {
        Money max = Money.of(MAX_AMOUNT, currency);
        return BigDecimal.valueOf(max.amount(), Math.max(0, max.currency().getDefaultFractionDigits()));
    }
}
