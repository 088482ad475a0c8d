package io.lyceum.billing.payments;

import io.lyceum.scheduling.BookingCompleted;
import io.lyceum.scheduling.BookingDisputeResolved;
import io.lyceum.scheduling.BookingDisputed;
import io.lyceum.scheduling.BookingNoShowReported;
import io.lyceum.scheduling.BookingState;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scheduling's lesson outcomes, handled after scheduling's transaction commits from the event publication registry
 * (redelivered until handled): each in its own transaction with the event's tenant bound, idempotent (see
 * {@link Earnings}).
 *
 * <p>The listeners' ids are the ones they had before billing was split into parts (in package
 * {@code io.lyceum.billing}): the event publication registry finds a listener by its id, so publications still
 * pending from an older version reach these listeners after an upgrade.
 */
@Component
class EarningsListener {

    private final Earnings earnings;
    private final TransactionTemplate transaction;

    EarningsListener(Earnings earnings, PlatformTransactionManager transactions) {
        this.earnings = earnings;
        this.transaction = new TransactionTemplate(transactions);
    }

    @ApplicationModuleListener(
            id = "io.lyceum.billing.EarningsListener.on(io.lyceum.scheduling.BookingCompleted)",
            propagation = Propagation.NOT_SUPPORTED)
    void on(BookingCompleted event) {
        transaction.executeWithoutResult(
                s -> earnings.earn(event.bookingId().value(), event.tutorId().value(), event.disputableUntil()));
    }

    /** The student did not show: the tutor is paid as if the lesson was taught. The tutor did not: a full refund. */
    @ApplicationModuleListener(
            id = "io.lyceum.billing.EarningsListener.on(io.lyceum.scheduling.BookingNoShowReported)",
            propagation = Propagation.NOT_SUPPORTED)
    void on(BookingNoShowReported event) {
        transaction.executeWithoutResult(s -> {
            if (event.state() == BookingState.NO_SHOW_STUDENT) {
                earnings.earn(event.bookingId().value(), event.tutorId().value(), event.disputableUntil());
            } else if (event.state() == BookingState.NO_SHOW_TUTOR) {
                earnings.tutorNoShow(
                        event.bookingId().value(),
                        event.price().currency(),
                        new Orders.Actor(event.actorId(), event.actorRole()),
                        event.reason());
            }
        });
    }

    @ApplicationModuleListener(
            id = "io.lyceum.billing.EarningsListener.on(io.lyceum.scheduling.BookingDisputed)",
            propagation = Propagation.NOT_SUPPORTED)
    void on(BookingDisputed event) {
        transaction.executeWithoutResult(
                s -> earnings.disputed(event.bookingId().value()));
    }

    @ApplicationModuleListener(
            id = "io.lyceum.billing.EarningsListener.on(io.lyceum.scheduling.BookingDisputeResolved)",
            propagation = Propagation.NOT_SUPPORTED)
    void on(BookingDisputeResolved event) {
        transaction.executeWithoutResult(s -> earnings.settleDispute(
                event.bookingId().value(),
                event.tutorId().value(),
                event.outcome(),
                event.studentRefund(),
                event.tutorAmount(),
                event.adminId(),
                event.note()));
    }
}
