package io.lyceum.shared;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in minor units (pence, cents) of an ISO 4217 currency. Never floating point; operations
 * that would silently mix currencies throw {@link CurrencyMismatchException}; overflow throws rather than wraps.
 */
@Schema(
        name = "Money",
        description = "An amount in minor units (pence, cents) of an ISO 4217 currency, never floating point.",
        example = "{\"amount\": 2500, \"currency\": \"GBP\"}")
public record Money(
        @Schema(description = "minor units of the currency (2500 GBP is 25.00 pounds)", example = "2500")
        long amount,

        @Schema(
                type = "string",
                implementation = String.class,
                pattern = "^[A-Z]{3}$",
                description = "ISO 4217 code",
                example = "GBP")
        Currency currency)
        implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(long minorUnits, String currencyCode) {
        return new Money(minorUnits, currency(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /** Parses an ISO 4217 code, refusing unknown codes with a clear error instead of an exception trace. */
    public static Currency currency(String currencyCode) {
        if (currencyCode == null || !currencyCode.matches("[A-Z]{3}")) {
            throw new LyceumException(
                    ErrorKind.UNPROCESSABLE,
                    "money.invalid_currency",
                    "Currency must be a three-letter ISO 4217 code such as GBP.");
        }
        try {
            return Currency.getInstance(currencyCode);
        } catch (IllegalArgumentException e) {
            throw new LyceumException(
                    ErrorKind.UNPROCESSABLE, "money.invalid_currency", "Unknown currency " + currencyCode + ".");
        }
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amount, other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(amount, other.amount), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(amount), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(amount, factor), currency);
    }

    /**
     * A share of this amount in basis points (1/100 of a percent), rounded half-even so that repeated commission
     * calculations do not drift in one direction.
     */
    public Money basisPoints(int basisPoints) {
        BigDecimal share = BigDecimal.valueOf(amount)
                .multiply(BigDecimal.valueOf(basisPoints))
                .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_EVEN);
        return new Money(share.longValueExact(), currency);
    }

    @JsonIgnore
    public boolean isZero() {
        return amount == 0;
    }

    @JsonIgnore
    public boolean isNegative() {
        return amount < 0;
    }

    @JsonIgnore
    public boolean isPositive() {
        return amount > 0;
    }

    @JsonIgnore
    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(amount, other.amount);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
    }

    /** Human-readable form such as {@code 25.00 GBP}, for logs and documents, never for parsing. */
    @Override
    public String toString() {
        return BigDecimal.valueOf(amount, Math.max(0, currency.getDefaultFractionDigits()))
                        .toPlainString()
                + " " + currency.getCurrencyCode();
    }
}
