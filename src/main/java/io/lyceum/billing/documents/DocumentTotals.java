package io.lyceum.billing.documents;

import java.util.List;

/**
 * A document's amounts in exact integer arithmetic: each line is quantity (in hundredths) times the unit price,
 * rounded half-even to the minor unit; the subtotal is the sum of the lines; tax is the subtotal times the rate in
 * basis points, rounded half-even; the total is subtotal plus tax.
 */
record DocumentTotals(long subtotal, long tax, long total) {

    /** A line's amount in minor units: {@code quantityHundredths * unitPrice / 100}, rounded half-even. */
    static long lineAmount(long quantityHundredths, long unitPrice) {
        return divideHalfEven(Math.multiplyExact(quantityHundredths, unitPrice), 100);
    }

    static DocumentTotals of(List<Long> lineAmounts, int taxRateBps) {
        long subtotal = 0;
        for (long amount : lineAmounts) {
            subtotal = Math.addExact(subtotal, amount);
        }
        long tax = divideHalfEven(Math.multiplyExact(subtotal, (long) taxRateBps), 10_000);
        return new DocumentTotals(subtotal, tax, Math.addExact(subtotal, tax));
    }

    /** {@code dividend / divisor} for a non-negative dividend, rounded to the nearest, ties to even. */
    static long divideHalfEven(long dividend, long divisor) {
        if (dividend < 0 || divisor <= 0) {
            throw new IllegalArgumentException("Only non-negative amounts: " + dividend + " / " + divisor);
        }
        long quotient = dividend / divisor;
        long twiceRemainder = (dividend % divisor) * 2;
        if (twiceRemainder > divisor || (twiceRemainder == divisor && (quotient & 1) == 1)) {
            quotient++;
        }
        return quotient;
    }
}
