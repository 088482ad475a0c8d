package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lyceum.scheduling.CancellationPolicy.Canceller;
import io.lyceum.shared.Money;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The cancellation policy's decisions: examples of each rule and the invariants over any price, time and policy. */
class CancellationPolicyProperties {

    private static final Instant START = Instant.parse("2026-06-01T10:00:00Z");
    private static final CancellationPolicy DEFAULT = new CancellationPolicy(24, 50, 12, 2);

    private static Money gbp(long amount) {
        return Money.of(amount, "GBP");
    }

    @Example
    void aStudentCancellingEarlyGetsEverythingBack() {
        CancellationDecision d = DEFAULT.decide(
                gbp(3000), BookingState.CONFIRMED, START, START.minus(Duration.ofHours(30)), Canceller.STUDENT_SIDE);
        assertThat(d.rule()).isEqualTo("FREE_CANCELLATION");
        assertThat(d.refund()).isEqualTo(gbp(3000));
        assertThat(d.fee()).isEqualTo(gbp(0));
        assertThat(d.tutorCompensation()).isEqualTo(gbp(0));
    }

    @Example
    void exactlyAtTheDeadlineIsStillFree() {
        CancellationDecision d = DEFAULT.decide(
                gbp(3000), BookingState.CONFIRMED, START, START.minus(Duration.ofHours(24)), Canceller.STUDENT_SIDE);
        assertThat(d.rule()).isEqualTo("FREE_CANCELLATION");
    }

    @Example
    void aStudentCancellingLatePaysTheFeeWhichCompensatesTheTutor() {
        CancellationDecision d = DEFAULT.decide(
                gbp(3000),
                BookingState.CONFIRMED,
                START,
                START.minus(Duration.ofHours(24)).plusSeconds(1),
                Canceller.STUDENT_SIDE);
        assertThat(d.rule()).isEqualTo("LATE_CANCELLATION");
        assertThat(d.refund()).isEqualTo(gbp(1500));
        assertThat(d.fee()).isEqualTo(gbp(1500));
        assertThat(d.tutorCompensation()).isEqualTo(gbp(1500));
    }

    @Example
    void theFeeIsRoundedHalfEvenToTheMinorUnit() {
        CancellationPolicy third = new CancellationPolicy(24, 33, 12, 2);
        CancellationDecision d =
                third.decide(gbp(1001), BookingState.CONFIRMED, START, START.minusSeconds(60), Canceller.STUDENT_SIDE);
        assertThat(d.fee()).isEqualTo(gbp(330)); // 330.33
        assertThat(d.refund()).isEqualTo(gbp(671));
    }

    @Example
    void tutorsAdminsUnconfirmedRequestsUnpaidHoldsAndFreeLessonsAreFullyRefunded() {
        Instant late = START.minusSeconds(60);
        assertThat(DEFAULT.decide(gbp(3000), BookingState.CONFIRMED, START, late, Canceller.TUTOR)
                        .rule())
                .isEqualTo("TUTOR_CANCELLED");
        assertThat(DEFAULT.decide(gbp(3000), BookingState.CONFIRMED, START, late, Canceller.ADMIN)
                        .rule())
                .isEqualTo("ADMIN_CANCELLED");
        assertThat(DEFAULT.decide(gbp(3000), BookingState.REQUESTED, START, late, Canceller.STUDENT_SIDE)
                        .rule())
                .isEqualTo("NOT_CONFIRMED");
        assertThat(DEFAULT.decide(gbp(3000), BookingState.PENDING_PAYMENT, START, late, Canceller.STUDENT_SIDE)
                        .rule())
                .isEqualTo("UNPAID");
        CancellationDecision free = DEFAULT.decide(gbp(0), BookingState.CONFIRMED, START, late, Canceller.STUDENT_SIDE);
        assertThat(free.rule()).isEqualTo("FREE_LESSON");
        assertThat(free.refund()).isEqualTo(gbp(0));
    }

    @Example
    void reschedulingIsAllowedUntilTheDeadlineAndUpToTheLimit() {
        assertThat(DEFAULT.allowsRescheduleAt(START, START.minus(Duration.ofHours(12))))
                .isTrue();
        assertThat(DEFAULT.allowsRescheduleAt(
                        START, START.minus(Duration.ofHours(12)).plusSeconds(1)))
                .isFalse();
        assertThat(DEFAULT.reschedulesLeft(0)).isEqualTo(2);
        assertThat(DEFAULT.reschedulesLeft(2)).isZero();
        assertThat(DEFAULT.reschedulesLeft(5)).isZero();
    }

    @Example
    void overridesReplaceOnlyTheirNonNullFields() {
        CancellationPolicy tutor = DEFAULT.with(48, null, null, 0);
        assertThat(tutor).isEqualTo(new CancellationPolicy(48, 50, 12, 0));
        assertThat(DEFAULT.with(null, null, null, null)).isEqualTo(DEFAULT);
    }

    @Example
    void outOfRangePoliciesAreRejected() {
        assertThatThrownBy(() -> new CancellationPolicy(24, 101, 12, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CancellationPolicy(-1, 50, 12, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CancellationPolicy(24, 50, 721, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CancellationPolicy(24, 50, 12, 21)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 2000)
    void refundAndFeeAlwaysAddUpToThePriceAndNothingIsNegative(
            @ForAll @LongRange(min = 0, max = 10_000_000_000L) long price,
            @ForAll("policies") CancellationPolicy policy,
            @ForAll("states") BookingState state,
            @ForAll Canceller by,
            @ForAll @IntRange(min = -2000, max = 2000) int hoursBeforeStart) {
        Instant now = START.minus(Duration.ofHours(hoursBeforeStart));
        CancellationDecision d = policy.decide(gbp(price), state, START, now, by);

        assertThat(d.refund().plus(d.fee())).isEqualTo(gbp(price));
        assertThat(d.refund().isNegative()).isFalse();
        assertThat(d.fee().isNegative()).isFalse();
        assertThat(d.tutorCompensation().isNegative()).isFalse();
        assertThat(d.tutorCompensation().compareTo(d.fee())).isLessThanOrEqualTo(0);
        assertThat(d.fee().amount()).isLessThanOrEqualTo(price * policy.lateFeePercent() / 100 + 1);
        if (by != Canceller.STUDENT_SIDE || state != BookingState.CONFIRMED) {
            assertThat(d.refund())
                    .as("only a student's cancellation of a confirmed lesson costs a fee")
                    .isEqualTo(gbp(price));
        }
        if (!now.isAfter(policy.freeCancellationUntil(START))) {
            assertThat(d.refund())
                    .as("before the free-cancellation deadline everything is refunded")
                    .isEqualTo(gbp(price));
        }
    }

    @Property(tries = 500)
    void aLaterCancellationNeverRefundsMore(
            @ForAll @LongRange(min = 0, max = 1_000_000) long price,
            @ForAll("policies") CancellationPolicy policy,
            @ForAll @IntRange(min = 0, max = 1000) int earlierHours,
            @ForAll @IntRange(min = 0, max = 1000) int laterHours) {
        Instant earlier = START.minus(Duration.ofHours(Math.max(earlierHours, laterHours)));
        Instant later = START.minus(Duration.ofHours(Math.min(earlierHours, laterHours)));
        long early = policy.decide(gbp(price), BookingState.CONFIRMED, START, earlier, Canceller.STUDENT_SIDE)
                .refund()
                .amount();
        long late = policy.decide(gbp(price), BookingState.CONFIRMED, START, later, Canceller.STUDENT_SIDE)
                .refund()
                .amount();
        assertThat(late).isLessThanOrEqualTo(early);
    }

    @Provide
    Arbitrary<CancellationPolicy> policies() {
        return net.jqwik.api.Combinators.combine(
                        Arbitraries.integers().between(0, CancellationPolicy.MAX_HOURS),
                        Arbitraries.integers().between(0, 100),
                        Arbitraries.integers().between(0, CancellationPolicy.MAX_HOURS),
                        Arbitraries.integers().between(0, CancellationPolicy.MAX_RESCHEDULES))
                .as(CancellationPolicy::new);
    }

    @Provide
    Arbitrary<BookingState> states() {
        return Arbitraries.of(BookingState.PENDING_PAYMENT, BookingState.REQUESTED, BookingState.CONFIRMED);
    }
}
