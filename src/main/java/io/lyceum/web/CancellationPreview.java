package io.lyceum.web;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What cancelling a lesson now would refund, shown before the viewer confirms: the whole price until the booking's
 * {@code freeCancellationUntil}, after that the price less the policy's late fee. The API decides the real refund when
 * the cancellation is made; this reads the same published terms.
 */
public record CancellationPreview(
        boolean cancellable, boolean free, Map<String, Object> refund, Map<String, Object> fee) {

    private static final Set<String> CANCELLABLE = Set.of("PENDING_PAYMENT", "REQUESTED", "CONFIRMED");

    @SuppressWarnings("unchecked")
    static CancellationPreview of(Map<String, Object> booking, Instant now) {
        Instant start = Instant.parse(ApiFields.required(booking, "startsAt").toString());
        boolean cancellable = CANCELLABLE.contains(String.valueOf(booking.get("state"))) && now.isBefore(start);
        var price = ApiFields.object(booking, "price");
        String currency = String.valueOf(price.get("currency"));
        long amount = ApiFields.number(price, "amount").longValue();
        if ("PENDING_PAYMENT".equals(booking.get("state"))) {
            // nothing was paid yet: nothing to refund and no fee
            return new CancellationPreview(cancellable, true, money(0, currency), money(0, currency));
        }
        Object until = booking.get("freeCancellationUntil");
        boolean free = until == null || now.isBefore(Instant.parse(until.toString()));
        long feePercent = 0;
        if (!free
                && booking.get("cancellationPolicy") instanceof Map<?, ?> policy
                && policy.get("lateFeePercent") instanceof Number percent) {
            feePercent = percent.longValue();
        }
        long fee = Math.round(amount * feePercent / 100.0);
        return new CancellationPreview(cancellable, free, money(amount - fee, currency), money(fee, currency));
    }

    private static Map<String, Object> money(long amount, String currency) {
        return Map.of("amount", amount, "currency", currency);
    }
}
