package io.lyceum.billing.offers;

import io.lyceum.catalog.CoursePackRemoved;
import io.lyceum.scheduling.BookingCancelled;
import io.lyceum.scheduling.BookingCompleted;
import io.lyceum.scheduling.BookingExpired;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scheduling's and the catalog's events as packages and enrollments see them, each handled after the publisher
 * commits and redelivered until handled; every handler is idempotent (state checks under row locks, ledger entries
 * once per reference).
 *
 * <p>The listeners' ids are the ones they had before billing was split into parts (in package
 * {@code io.lyceum.billing}): the event publication registry finds a listener by its id, so publications still
 * pending from an older version reach these listeners after an upgrade.
 */
@Component
class PackageAndEnrollmentListeners {

    private final Packages packages;
    private final Enrollments enrollments;
    private final TransactionTemplate transactions;

    PackageAndEnrollmentListeners(Packages packages, Enrollments enrollments, TransactionTemplate transactions) {
        this.packages = packages;
        this.enrollments = enrollments;
        this.transactions = transactions;
    }

    /** A booking paid with a package credit was cancelled: the credit comes back (or is split per the fee). */
    @ApplicationModuleListener(
            id = "io.lyceum.billing.PackageAndEnrollmentListeners.on(io.lyceum.scheduling.BookingCancelled)",
            propagation = Propagation.NOT_SUPPORTED)
    void on(BookingCancelled event) {
        transactions.executeWithoutResult(s -> packages.bookingCancelled(
                event.bookingId().value(), event.tutorId().value(), event.decision(), event.occurredAt()));
    }

    /** A course pack lesson was completed: its enrollment may be complete. */
    @ApplicationModuleListener(
            id = "io.lyceum.billing.PackageAndEnrollmentListeners.on(io.lyceum.scheduling.BookingCompleted)",
            propagation = Propagation.NOT_SUPPORTED)
    void on(BookingCompleted event) {
        enrollments.lessonCompleted(event.bookingId().value());
    }

    /** A course pack lesson's hold expired: its unpaid enrollment is cancelled and frees every slot. */
    @ApplicationModuleListener(
            id = "io.lyceum.billing.PackageAndEnrollmentListeners.on(io.lyceum.scheduling.BookingExpired)",
            propagation = Propagation.NOT_SUPPORTED)
    void on(BookingExpired event) {
        enrollments.lessonExpired(event.bookingId().value());
    }

    /** A user was banned: their enrollments (as student or tutor) are cancelled and refunded pro rata. */
    @ApplicationModuleListener(
            id = "io.lyceum.billing.PackageAndEnrollmentListeners.on(io.lyceum.accounts.AccountAdministered)",
            propagation = Propagation.NOT_SUPPORTED)
    void on(io.lyceum.accounts.AccountAdministered event) {
        if (io.lyceum.accounts.AccountAdministered.BANNED.equals(event.action())) {
            enrollments.userBanned(event.subjectUserId().value(), event.reason());
        }
    }

    /** A course pack was removed by moderation: its enrollments are cancelled and refunded pro rata. */
    @ApplicationModuleListener(
            id = "io.lyceum.billing.PackageAndEnrollmentListeners.on(io.lyceum.catalog.CoursePackRemoved)",
            propagation = Propagation.NOT_SUPPORTED)
    void on(CoursePackRemoved event) {
        enrollments.packRemoved(event.packId().value(), event.reason());
    }
}
