package io.lyceum.scheduling;

import io.lyceum.shared.Money;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A cancellation and reschedule policy and the decisions it makes; pure, with the time passed in. A student (or their
 * guardian) cancels for free until {@code freeCancellationHours} before the start and pays {@code lateFeePercent} of
 * the price after that, which compensates the tutor; a booking the tutor has not confirmed yet, a tutor's and an
 * admin's cancellation are always refunded in full. Rescheduling is allowed until {@code rescheduleUntilHours} before
 * the start, at most {@code maxReschedules} times per booking.
 */
record CancellationPolicy(int freeCancellationHours, int lateFeePercent, int rescheduleUntilHours, int maxReschedules) {

    static final String FREE_LESSON = "FREE_LESSON";
    static final String UNPAID = "UNPAID";
    static final String TUTOR_CANCELLED = "TUTOR_CANCELLED";
    static final String ADMIN_CANCELLED = "ADMIN_CANCELLED";
    static final String NOT_CONFIRMED = "NOT_CONFIRMED";
    static final String FREE_CANCELLATION = "FREE_CANCELLATION";
    static final String LATE_CANCELLATION = "LATE_CANCELLATION";

    static final int MAX_HOURS = 720;
    static final int MAX_RESCHEDULES = 20;

    CancellationPolicy {
        requireBetween("freeCancellationHours", freeCancellationHours, MAX_HOURS);
        requireBetween("lateFeePercent", lateFeePercent, 100);
        requireBetween("rescheduleUntilHours", rescheduleUntilHours, MAX_HOURS);
        requireBetween("maxReschedules", maxReschedules, MAX_RESCHEDULES);
    }

    /** Who cancels, as far as money is concerned: a guardian is on the student's side. */
    enum Canceller {
        STUDENT_SIDE,
        TUTOR,
        ADMIN
    }

    /**
     * The money consequences of cancelling a booking of {@code price} in {@code state} starting at {@code startsAt}.
     * Always {@code refund + fee = price}, nothing negative, and the tutor's compensation is the fee.
     */
    CancellationDecision decide(Money price, BookingState state, Instant startsAt, Instant now, Canceller by) {
        if (price.isZero()) {
            return full(price, FREE_LESSON);
        }
        if (state == BookingState.PENDING_PAYMENT) {
            // nothing was captured yet: billing voids the payment (or refunds it if it arrives after all)
            return full(price, UNPAID);
        }
        if (by == Canceller.TUTOR) {
            return full(price, TUTOR_CANCELLED);
        }
        if (by == Canceller.ADMIN) {
            return full(price, ADMIN_CANCELLED);
        }
        if (state == BookingState.REQUESTED) {
            return full(price, NOT_CONFIRMED);
        }
        if (!now.isAfter(freeCancellationUntil(startsAt))) {
            return full(price, FREE_CANCELLATION);
        }
        Money fee = price.basisPoints(lateFeePercent * 100);
        return new CancellationDecision(price.minus(fee), fee, fee, LATE_CANCELLATION);
    }

    /** The last instant a student may cancel for free. */
    Instant freeCancellationUntil(Instant startsAt) {
        return startsAt.minus(Duration.ofHours(freeCancellationHours));
    }

    /** The last instant a booking may be moved. */
    Instant rescheduleUntil(Instant startsAt) {
        return startsAt.minus(Duration.ofHours(rescheduleUntilHours));
    }

    boolean allowsRescheduleAt(Instant startsAt, Instant now) {
        return !now.isAfter(rescheduleUntil(startsAt));
    }

    int reschedulesLeft(int done) {
        return Math.max(0, maxReschedules - done);
    }

    /** This policy with the non-null fields of an override. */
    CancellationPolicy with(
            @Nullable Integer free,
            @Nullable Integer feePercent,
            @Nullable Integer rescheduleUntil,
            @Nullable Integer maxMoves) {
        return new CancellationPolicy(
                free != null ? free : freeCancellationHours,
                feePercent != null ? feePercent : lateFeePercent,
                rescheduleUntil != null ? rescheduleUntil : rescheduleUntilHours,
                maxMoves != null ? maxMoves : maxReschedules);
    }

    private static CancellationDecision full(Money price, String rule) {
        Money zero = Money.zero(price.currency());
        return new CancellationDecision(price, zero, zero, rule);
    }

    private static void requireBetween(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " must be between 0 and " + max + ": " + value);
        }
    }
}
