package io.lyceum.billing.payments;

import io.lyceum.billing.ledger.CommissionSchedule;
import io.lyceum.billing.ledger.Ledger;
import io.lyceum.billing.ledger.Ledger.AppliedCommission;
import io.lyceum.billing.ledger.Ledger.Line;
import io.lyceum.billing.ledger.Ledger.Posting;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.ledger.WalletProperties;
import io.lyceum.scheduling.BookingState;
import io.lyceum.scheduling.BookingSummary;
import io.lyceum.scheduling.DisputeOutcome;
import io.lyceum.scheduling.SchedulingApi;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happens to a lesson's money once it is paid (see docs/ledger-and-wallets.md). The money held for a booking is
 * read from the ledger itself (the {@code CUSTOMER_PREPAYMENTS} lines of the booking's entries), so a lesson paid by
 * card (order) and one paid with a package credit are handled alike, and earlier partial refunds are accounted for.
 *
 * <ul>
 *   <li>Earned (completed, or the student did not show): the held amount leaves prepayments, the commission of the
 *       tutor's tier goes to platform revenue and the rest to the tutor's pending earnings ({@code booking:<id>:earned}).
 *   <li>Released after the dispute window (unless disputed): pending to available ({@code booking:<id>:released}).
 *   <li>The tutor did not show: the held amount is refunded ({@code booking:<id>:tutor-no-show}).
 *   <li>A dispute resolved: the student's refund is taken back from the tutor's pending share and the platform's
 *       commission in proportion to their shares; the tutor's remaining share becomes available.
 * </ul>
 *
 * Every operation on one booking takes a transaction-scoped advisory lock on the booking, so events handled in
 * parallel (completion and dispute, redeliveries) are serialised; each posting has its own reference, so a redelivered
 * event posts nothing twice.
 */
@Service
public class Earnings {

    private static final Logger log = LoggerFactory.getLogger(Earnings.class);

    /** A row of {@code tutor_earnings}. */
    record Earning(
            UUID bookingId,
            UUID tutorId,
            Money gross,
            Money commission,
            Money amount,
            String tier,
            int rateBps,
            Instant releaseAt,
            @Nullable Instant releasedAt,
            String state) {}

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Orders orders;
    private final Refunds refunds;
    private final CommissionSchedule commission;
    private final SchedulingApi scheduling;
    private final WalletProperties properties;
    private final Clock clock;

    Earnings(
            JdbcClient jdbc,
            Ledger ledger,
            Orders orders,
            Refunds refunds,
            CommissionSchedule commission,
            SchedulingApi scheduling,
            WalletProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.orders = orders;
        this.refunds = refunds;
        this.commission = commission;
        this.scheduling = scheduling;
        this.properties = properties;
        this.clock = clock;
    }

    static String earnedReference(UUID bookingId) {
        return "booking:" + bookingId + ":earned";
    }

    // ---- earning

    /**
     * The lesson was delivered (completed, or the student did not show): the money held for it is earned, with the
     * commission of the tutor's tier. Released after {@code disputableUntil}. Nothing happens when nothing is held (a
     * free lesson, or a booking whose money was already refunded or settled) or when it was earned already.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Earning> earn(UUID bookingId, UUID tutorId, @Nullable Instant disputableUntil) {
        lockBooking(bookingId);
        Optional<Earning> existing = find(bookingId);
        if (existing.isPresent()) {
            return existing;
        }
        BookingSummary booking = scheduling.findBooking(BookingId.of(bookingId)).orElse(null);
        if (booking == null) {
            log.warn("Booking {} to earn from is unknown", bookingId);
            return Optional.empty();
        }
        Currency currency = booking.price().currency();
        Money held = prepaid(bookingId, currency);
        if (!held.isPositive()) {
            return Optional.empty();
        }
        AppliedCommission applied = commission.rateFor(tutorId, booking.trial(), booking.startsAt());
        Money fee = held.basisPoints(applied.rateBps());
        Money share = held.minus(fee);
        Instant now = clock.instant();
        ledger.post(new Posting(
                "EARNING",
                earnedReference(bookingId),
                "Lesson earned (" + applied.tier() + ", " + percent(applied.rateBps()) + " commission)",
                orderIdOf(bookingId),
                bookingId,
                applied,
                now,
                List.of(
                        Line.debit(LedgerAccountType.CUSTOMER_PREPAYMENTS, null, held),
                        Line.credit(LedgerAccountType.TUTOR_PENDING, tutorId, share),
                        Line.credit(LedgerAccountType.PLATFORM_REVENUE, null, fee))));
        Instant releaseAt = (disputableUntil == null ? now : disputableUntil).plus(properties.releaseMargin());
        jdbc.sql("""
                        INSERT INTO tutor_earnings (tenant_id, booking_id, tutor_id, gross, commission, amount,
                                                    currency, commission_tier, commission_rate_bps, release_at,
                                                    state, created_at, updated_at)
                        VALUES (:t, :b, :tutor, :gross, :fee, :amount, :c, :tier, :rate, :release, :state, :now, :now)
                        ON CONFLICT (tenant_id, booking_id) DO NOTHING
                        """)
                .param("t", tenant())
                .param("b", bookingId)
                .param("tutor", tutorId)
                .param("gross", held.amount())
                .param("fee", fee.amount())
                .param("amount", share.amount())
                .param("c", currency.getCurrencyCode())
                .param("tier", applied.tier())
                .param("rate", applied.rateBps())
                .param("release", releaseAt.atOffset(ZoneOffset.UTC))
                .param("state", booking.state() == BookingState.DISPUTED ? "DISPUTED" : "PENDING")
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        return find(bookingId);
    }

    // ---- release

    /**
     * The tenants with an earning due for release at {@code now} (what {@link #releaseDue()} claims there), across
     * tenants through a SECURITY DEFINER lookup that returns only tenant ids.
     */
    List<TenantId> tenantsWithDueReleases(Instant now) {
        return jdbc.sql("SELECT billing_tenants_with_due_releases(:now)")
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query((rs, row) -> new TenantId(rs.getObject(1, UUID.class)))
                .list();
    }

    /**
     * Releases due earnings of the current tenant: claims PENDING rows past their release time ({@code FOR UPDATE
     * SKIP LOCKED}, so parallel runs share the work) and moves each from pending to available, unless its booking is
     * disputed (then it waits for the admin's decision). Returns how many were released.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    int releaseDue() {
        List<Earning> due = jdbc.sql("""
                        SELECT * FROM tutor_earnings
                        WHERE tenant_id = :t AND state = 'PENDING' AND release_at <= :now
                        ORDER BY release_at LIMIT :batch
                        FOR UPDATE SKIP LOCKED
                        """)
                .param("t", tenant())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("batch", properties.releaseBatch())
                .query(Earnings::map)
                .list();
        int released = 0;
        for (Earning earning : due) {
            // never wait on a booking another transaction is settling (it takes the booking lock first)
            if (!tryLockBooking(earning.bookingId())) {
                continue;
            }
            BookingState state = scheduling
                    .findBooking(BookingId.of(earning.bookingId()))
                    .map(BookingSummary::state)
                    .orElse(null);
            if (state == BookingState.DISPUTED || state == BookingState.RESOLVED) {
                setState(earning.bookingId(), "DISPUTED", null);
                continue;
            }
            release(
                    earning,
                    "RELEASE",
                    "booking:" + earning.bookingId() + ":released",
                    "Released after the dispute window");
            setState(earning.bookingId(), "RELEASED", clock.instant());
            released++;
        }
        return released;
    }

    private void release(Earning earning, String kind, String reference, String description) {
        Money pending = heldBy(
                earning.bookingId(),
                LedgerAccountType.TUTOR_PENDING,
                earning.amount().currency());
        if (!pending.isPositive()) {
            return;
        }
        ledger.post(new Posting(
                kind,
                reference,
                description,
                orderIdOf(earning.bookingId()),
                earning.bookingId(),
                new AppliedCommission(earning.tier(), earning.rateBps()),
                clock.instant(),
                List.of(
                        Line.debit(LedgerAccountType.TUTOR_PENDING, earning.tutorId(), pending),
                        Line.credit(LedgerAccountType.TUTOR_AVAILABLE, earning.tutorId(), pending))));
    }

    /** A participant disputed the booking: its earning (if any) waits for the admin's decision. */
    @Transactional(propagation = Propagation.MANDATORY)
    void disputed(UUID bookingId) {
        lockBooking(bookingId);
        jdbc.sql("""
                        UPDATE tutor_earnings SET state = 'DISPUTED', updated_at = :now
                        WHERE tenant_id = :t AND booking_id = :b AND state = 'PENDING'
                        """)
                .param("t", tenant())
                .param("b", bookingId)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    // ---- tutor no-show

    /** The tutor did not show: whatever is held for the booking goes back to whoever paid it. */
    @Transactional(propagation = Propagation.MANDATORY)
    void tutorNoShow(UUID bookingId, Currency currency, Orders.Actor actor, @Nullable String reason) {
        lockBooking(bookingId);
        Money held = prepaid(bookingId, currency);
        if (!held.isPositive()) {
            return;
        }
        refundToPayer(
                bookingId,
                List.of(Line.debit(LedgerAccountType.CUSTOMER_PREPAYMENTS, null, held)),
                "booking:" + bookingId + ":tutor-no-show",
                reason == null || reason.isBlank() ? "The tutor did not show" : "The tutor did not show: " + reason,
                actor);
    }

    // ---- disputes

    /**
     * Settles a resolved dispute from wherever the booking's money is. Money still in prepayments is earned first (with
     * commission), so every outcome is settled from the same place: the student's refund is taken from the tutor's
     * pending share and the platform's commission in proportion to the two (rounded half-even, the platform's part is
     * the remainder), and what is left of the tutor's share becomes available at once. The refund is capped at what
     * is held. When nothing is held because the booking was refunded after a tutor no-show report that the admin now
     * finds wrong, the platform pays the tutor's share (minus commission) out of its revenue: the student keeps the
     * refund.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void settleDispute(
            UUID bookingId,
            UUID tutorId,
            DisputeOutcome outcome,
            Money studentRefund,
            Money tutorAmount,
            UUID adminId,
            String note) {
        lockBooking(bookingId);
        Currency currency = studentRefund.currency();
        Orders.Actor actor = new Orders.Actor(adminId, "ADMIN");
        String reason = "Dispute resolved (" + outcome + ")" + (note == null || note.isBlank() ? "" : ": " + note);
        earn(bookingId, tutorId, clock.instant());
        Optional<Earning> found = lockEarning(bookingId);
        if (found.isEmpty()) {
            platformFundedShare(bookingId, tutorId, tutorAmount, reason);
            return;
        }
        Earning earning = found.get();
        if ("SETTLED".equals(earning.state())) {
            return;
        }
        if ("RELEASED".equals(earning.state())) {
            log.warn("Dispute of booking {} resolved after its earning was released; the tutor keeps it", bookingId);
        }
        Money pending = heldBy(bookingId, LedgerAccountType.TUTOR_PENDING, currency);
        Money fee = "RELEASED".equals(earning.state()) ? Money.zero(currency) : earning.commission();
        Money held = pending.plus(fee);
        Money refund = studentRefund.compareTo(held) > 0 ? held : studentRefund;
        if (refund.isPositive()) {
            Money fromTutor = proportion(refund, pending, held);
            Money fromPlatform = refund.minus(fromTutor);
            List<Line> debits = new ArrayList<>();
            debits.add(Line.debit(LedgerAccountType.TUTOR_PENDING, tutorId, fromTutor));
            debits.add(Line.debit(LedgerAccountType.PLATFORM_REVENUE, null, fromPlatform));
            refundToPayer(
                    bookingId,
                    debits.stream().filter(l -> !l.amount().isZero()).toList(),
                    "booking:" + bookingId + ":dispute-refund",
                    reason,
                    actor);
        }
        release(earning, "DISPUTE_RELEASE", "booking:" + bookingId + ":dispute-released", reason);
        setState(bookingId, "SETTLED", clock.instant());
    }

    private void platformFundedShare(UUID bookingId, UUID tutorId, Money tutorAmount, String reason) {
        if (!tutorAmount.isPositive() || !refundedForTutorNoShow(bookingId)) {
            return;
        }
        BookingSummary booking = scheduling.findBooking(BookingId.of(bookingId)).orElse(null);
        AppliedCommission applied = commission.rateFor(
                tutorId, booking != null && booking.trial(), booking == null ? clock.instant() : booking.startsAt());
        Money share = tutorAmount.minus(tutorAmount.basisPoints(applied.rateBps()));
        if (!share.isPositive()) {
            return;
        }
        ledger.post(new Posting(
                "DISPUTE_PLATFORM_FUNDED",
                "booking:" + bookingId + ":dispute-tutor-share",
                reason + " (the student was refunded on the tutor no-show report; the platform pays the tutor)",
                orderIdOf(bookingId),
                bookingId,
                applied,
                clock.instant(),
                List.of(
                        Line.debit(LedgerAccountType.PLATFORM_REVENUE, null, share),
                        Line.credit(LedgerAccountType.TUTOR_AVAILABLE, tutorId, share))));
    }

    private boolean refundedForTutorNoShow(UUID bookingId) {
        String reference = "booking:" + bookingId + ":tutor-no-show";
        return refunds.findByReference(reference).isPresent() || ledger.posted(reference);
    }

    // ---- refunds to whoever paid

    /**
     * Gives money held for a booking back to whoever paid: through the provider ({@link Refunds#refund}) when the
     * booking was paid by an order, or back to the student's credit when it was paid with a package credit
     * ({@code booking:<id>:credit-used}).
     */
    private void refundToPayer(UUID bookingId, List<Line> debits, String reference, String reason, Orders.Actor actor) {
        Optional<Order> order = orders.findByReference(OrderKind.BOOKING, bookingId)
                .filter(o -> o.status().paid());
        if (order.isPresent()) {
            refunds.refund(order.get().id(), debits, reference, reason, actor);
            return;
        }
        // a refund moves some money: its callers pass only the lines of a positive amount
        Money amount = debits.stream().map(Line::amount).reduce(Money::plus).orElseThrow();
        UUID creditOwner = creditOwner(bookingId).orElseGet(() -> scheduling
                .findBooking(BookingId.of(bookingId))
                .map(booking -> booking.studentId().value())
                .orElseThrow());
        List<Line> lines = new ArrayList<>(debits);
        lines.add(Line.credit(LedgerAccountType.STUDENT_CREDIT, creditOwner, amount));
        ledger.post(new Posting("REFUND_TO_CREDIT", reference, reason, null, bookingId, null, clock.instant(), lines));
    }

    private Optional<UUID> creditOwner(UUID bookingId) {
        return jdbc.sql("""
                        SELECT a.owner_id
                        FROM journal_entries e
                        JOIN journal_lines l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id
                        JOIN ledger_accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
                        WHERE e.tenant_id = :t AND e.reference = :ref AND a.type = 'STUDENT_CREDIT'
                        LIMIT 1
                        """)
                .param("t", tenant())
                .param("ref", "booking:" + bookingId + ":credit-used")
                .query(UUID.class)
                .optional();
    }

    // ---- reading

    Optional<Earning> find(UUID bookingId) {
        return jdbc.sql("SELECT * FROM tutor_earnings WHERE tenant_id = :t AND booking_id = :b")
                .param("t", tenant())
                .param("b", bookingId)
                .query(Earnings::map)
                .optional();
    }

    private Optional<Earning> lockEarning(UUID bookingId) {
        return jdbc.sql("SELECT * FROM tutor_earnings WHERE tenant_id = :t AND booking_id = :b FOR UPDATE")
                .param("t", tenant())
                .param("b", bookingId)
                .query(Earnings::map)
                .optional();
    }

    /** What customer prepayments hold for the booking: paid (by card or credit) minus refunded, fees and earnings. */
    Money prepaid(UUID bookingId, Currency currency) {
        return heldBy(bookingId, LedgerAccountType.CUSTOMER_PREPAYMENTS, currency);
    }

    /** The balance of one account type over the booking's entries, as the holder reads it. */
    Money heldBy(UUID bookingId, LedgerAccountType type, Currency currency) {
        long sum = jdbc.sql("""
                        SELECT coalesce(sum(l.amount), 0)
                        FROM journal_entries e
                        JOIN journal_lines l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id
                        JOIN ledger_accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
                        WHERE e.tenant_id = :t AND e.booking_id = :b AND a.type = :type AND a.currency = :c
                        """)
                .param("t", tenant())
                .param("b", bookingId)
                .param("type", type.name())
                .param("c", currency.getCurrencyCode())
                .query(Long.class)
                .single();
        return new Money(type.displayBalance(sum), currency);
    }

    private @Nullable UUID orderIdOf(UUID bookingId) {
        return orders.findByReference(OrderKind.BOOKING, bookingId)
                .map(Order::id)
                .orElse(null);
    }

    private void setState(UUID bookingId, String state, @Nullable Instant releasedAt) {
        jdbc.sql("""
                        UPDATE tutor_earnings SET state = :s, released_at = coalesce(:released, released_at),
                                                  updated_at = :now
                        WHERE tenant_id = :t AND booking_id = :b
                        """)
                .param("t", tenant())
                .param("b", bookingId)
                .param("s", state)
                .param("released", releasedAt == null ? null : releasedAt.atOffset(ZoneOffset.UTC))
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    private void lockBooking(UUID bookingId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))")
                .param("k", "booking-money:" + bookingId)
                .query(Object.class)
                .list();
    }

    private boolean tryLockBooking(UUID bookingId) {
        return jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtextextended(:k, 0))")
                .param("k", "booking-money:" + bookingId)
                .query(Boolean.class)
                .single();
    }

    /** {@code part} of {@code amount} in proportion {@code numerator / denominator}, rounded half-even. */
    static Money proportion(Money amount, Money numerator, Money denominator) {
        if (denominator.isZero()) {
            return Money.zero(amount.currency());
        }
        BigInteger[] qr = BigInteger.valueOf(amount.amount())
                .multiply(BigInteger.valueOf(numerator.amount()))
                .divideAndRemainder(BigInteger.valueOf(denominator.amount()));
        long q = qr[0].longValueExact();
        int twice = qr[1].shiftLeft(1).compareTo(BigInteger.valueOf(denominator.amount()));
        if (twice > 0 || (twice == 0 && (q & 1) == 1)) {
            q++;
        }
        return new Money(q, amount.currency());
    }

    private static String percent(int bps) {
        return java.math.BigDecimal.valueOf(bps, 2).stripTrailingZeros().toPlainString() + "%";
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    private static Earning map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String currency = rs.getString("currency");
        return new Earning(
                rs.getObject("booking_id", UUID.class),
                rs.getObject("tutor_id", UUID.class),
                Money.of(rs.getLong("gross"), currency),
                Money.of(rs.getLong("commission"), currency),
                Money.of(rs.getLong("amount"), currency),
                rs.getString("commission_tier"),
                rs.getInt("commission_rate_bps"),
                io.lyceum.platform.SqlValues.requiredInstant(rs, "release_at"),
                io.lyceum.platform.SqlValues.instant(rs, "released_at"),
                rs.getString("state"));
    }
}
