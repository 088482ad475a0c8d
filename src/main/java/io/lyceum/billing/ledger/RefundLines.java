package io.lyceum.billing.ledger;

import io.lyceum.billing.ledger.Ledger.Line;
import io.lyceum.billing.ledger.Ledger.Posting;
import io.lyceum.shared.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The debit side of a refund of prepaid value (package credits, an enrollment's unused lessons): the refund comes out
 * of the account holding the value; an admin refund above that value takes the rest from the platform's revenue
 * (goodwill), and value an admin chooses not to refund is retained as platform revenue.
 */
public final class RefundLines {

    private RefundLines() {}

    public static List<Line> debits(LedgerAccountType from, @Nullable UUID owner, Money available, Money refund) {
        List<Line> lines = new ArrayList<>();
        if (refund.compareTo(available) <= 0) {
            lines.add(Line.debit(from, owner, refund));
        } else {
            if (available.isPositive()) {
                lines.add(Line.debit(from, owner, available));
            }
            lines.add(Line.debit(LedgerAccountType.PLATFORM_REVENUE, null, refund.minus(available)));
        }
        return lines;
    }

    public static void retain(
            Ledger ledger,
            String reference,
            @Nullable UUID orderId,
            @Nullable UUID bookingId,
            LedgerAccountType from,
            @Nullable UUID owner,
            Money amount,
            Instant at) {
        if (!amount.isPositive()) {
            return;
        }
        ledger.post(new Posting(
                "REFUND_RETAINED",
                reference,
                "Prepaid value not refunded (admin decision)",
                orderId,
                bookingId,
                null,
                at,
                List.of(
                        Line.debit(from, owner, amount),
                        Line.credit(LedgerAccountType.PLATFORM_REVENUE, null, amount))));
    }
}
