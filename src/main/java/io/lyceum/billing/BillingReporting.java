package io.lyceum.billing;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Billing's read-only figures for dashboards and reports, computed in SQL from the ledger and the withdrawals of the
 * current tenant. Periods are half-open {@code [from, to)}; months are calendar months in the zone passed (the
 * tenant's). Amounts are never added across currencies: every figure is per currency.
 */
public interface BillingReporting {

    /**
     * The money of each month and currency with any movement, oldest first.
     *
     * <ul>
     *   <li>{@code gross}: payments received (the provider-clearing debits of PAYMENT entries)
     *   <li>{@code commission}: the platform's net revenue (credits minus debits of the platform-revenue account:
     *       commission, fees, expired credit, less platform-funded dispute settlements)
     *   <li>{@code refunds}: money sent back to payers (credits to refunds-in-transit)
     *   <li>{@code payouts}: money paid out to tutors (the provider-clearing credits of PAYOUT entries)
     * </ul>
     */
    List<MonthlyMoney> moneyByMonth(Instant from, Instant to, ZoneId zone);

    /** The latest payments, refunds and payouts of the ledger, newest first (at most {@code limit}). */
    List<MoneyMovement> recentMovements(int limit);

    /** The tutors' withdrawals requested in the period, oldest first, handed to {@code sink} one by one. */
    void forEachPayout(Instant from, Instant to, Consumer<Payout> sink);

    record MonthlyMoney(YearMonth month, Money gross, Money commission, Money refunds, Money payouts) {}

    /** @param kind PAYMENT, REFUND or PAYOUT */
    record MoneyMovement(
            UUID entryId,
            String kind,
            Money amount,
            @Nullable BookingId bookingId,
            Instant occurredAt) {}

    /** @param status PENDING, PAID or FAILED */
    record Payout(
            UUID withdrawalId,
            TutorId tutorId,
            Money amount,
            String status,
            Instant requestedAt,
            @Nullable Instant completedAt) {}
}
