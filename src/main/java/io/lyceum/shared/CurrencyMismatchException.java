package io.lyceum.shared;

import java.util.Currency;

/** Raised when arithmetic or comparison mixes two currencies; conversion is always explicit. */
public final class CurrencyMismatchException extends LyceumException {

    public CurrencyMismatchException(Currency left, Currency right) {
        super(
                ErrorKind.UNPROCESSABLE,
                "money.currency_mismatch",
                "Amounts in " + left.getCurrencyCode() + " and " + right.getCurrencyCode() + " cannot be combined.");
    }
}
