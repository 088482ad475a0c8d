package io.lyceum.scheduling;

import io.lyceum.accounts.AccountAdministered;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * A banned user's future lessons are cancelled as an admin cancels them (the banning admin is the actor, so the
 * policy's admin rule refunds the price in full and billing refunds it on {@link BookingCancelled}), one booking per
 * transaction. Course pack lessons are left to billing, which cancels the enrollment and refunds it pro rata. Runs
 * after the ban commits, on the event publication registry: a failure is retried, and a retry skips the bookings
 * already cancelled.
 */
@Component
class BannedUserBookings {

    private static final Logger log = LoggerFactory.getLogger(BannedUserBookings.class);

    private final Bookings bookings;
    private final JdbcClient jdbc;
    private final Clock clock;

    BannedUserBookings(Bookings bookings, JdbcClient jdbc, Clock clock) {
        this.bookings = bookings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(AccountAdministered event) {
        if (!AccountAdministered.BANNED.equals(event.action()) || event.actorId() == null) {
            return;
        }
        CurrentUser admin = new CurrentUser(UserId.of(event.actorId()), event.tenantId(), Role.ADMIN, null);
        String reason = event.reason() == null ? "account banned" : "account banned: " + event.reason();
        for (UUID booking : futureLessonsOf(event.subjectUserId().value())) {
            try {
                bookings.cancel(admin, booking, reason);
            } catch (LyceumException e) {
                // started or changed meanwhile: nothing left to cancel
                log.info("Booking {} of banned user not cancelled: {}", booking, e.code());
            }
        }
    }

    private List<UUID> futureLessonsOf(UUID userId) {
        return jdbc.sql("""
                        SELECT id FROM bookings
                        WHERE tenant_id = :t AND (tutor_id = :u OR student_id = :u) AND course_pack_id IS NULL
                          AND state IN (:upcoming) AND starts_at > :now
                        ORDER BY starts_at
                        """)
                .param("t", TenantContext.require().value())
                .param("u", userId)
                .param(
                        "upcoming",
                        java.util.Arrays.stream(BookingState.values())
                                .filter(BookingState::upcoming)
                                .map(Enum::name)
                                .toList())
                .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .query(UUID.class)
                .list();
    }
}
