package io.lyceum.admin;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.messaging.MessageFacts;
import io.lyceum.messaging.MessagingApi;
import io.lyceum.scheduling.BookingState;
import io.lyceum.scheduling.BookingSummary;
import io.lyceum.scheduling.DisputeFacts;
import io.lyceum.scheduling.SchedulingApi;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The disputes desk: composes what other modules know about a disputed booking (scheduling's booking, opening
 * statement, settlement and lesson record; messaging's conversation around the lesson) with the parties' further
 * statements, which this module keeps. Settling stays scheduling's route ({@code POST
 * /api/v1/admin/bookings/{id}/resolve}), whose outcome billing turns into money: the desk adds no rule of its own.
 */
@Service
class DisputeDesk {

    /** How far before the lesson the conversation shown with a dispute starts. */
    static final Duration MESSAGES_BEFORE = Duration.ofDays(7);

    static final int MESSAGES_LIMIT = 100;

    record Statement(UUID authorId, String authorRole, String statement, Instant at, boolean opening) {}

    record Detail(DisputeFacts facts, List<Statement> statements, List<MessageFacts> messages) {}

    private final SchedulingApi scheduling;
    private final MessagingApi messaging;
    private final AccountsApi accounts;
    private final JdbcClient jdbc;
    private final Clock clock;

    DisputeDesk(SchedulingApi scheduling, MessagingApi messaging, AccountsApi accounts, JdbcClient jdbc, Clock clock) {
        this.scheduling = scheduling;
        this.messaging = messaging;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    PageResponse<DisputeFacts> list(boolean open, PageQuery page) {
        return scheduling.disputes(open, page);
    }

    Detail detail(CurrentUser admin, UUID bookingId) {
        DisputeFacts facts = scheduling.dispute(BookingId.of(bookingId)).orElseThrow(DisputeDesk::notFound);
        BookingSummary b = facts.booking();
        List<Statement> statements = new java.util.ArrayList<>();
        statements.add(
                new Statement(facts.openedBy(), facts.openedByRole(), facts.statement(), facts.openedAt(), true));
        statements.addAll(statements(bookingId));
        Set<UUID> counterparts = new LinkedHashSet<>(List.of(b.studentId().value(), b.bookedBy()));
        Instant to = facts.resolvedAt() != null ? facts.resolvedAt() : clock.instant();
        List<MessageFacts> messages = messaging.messagesAround(
                admin,
                b.tutorId(),
                counterparts,
                b.startsAt().minus(MESSAGES_BEFORE),
                to.plusSeconds(1),
                MESSAGES_LIMIT,
                "disputes desk: booking " + bookingId);
        return new Detail(facts, statements, messages);
    }

    /**
     * The statements of a dispute as its parties see them (the opening one first, then each party's), while it is open
     * and after the decision: both sides read what the other said. Only the parties (as for {@link #addStatement});
     * 404 {@code dispute.not_found} for anyone else or a booking that was never disputed.
     */
    List<Statement> partyStatements(CurrentUser user, UUID bookingId) {
        DisputeFacts facts = scheduling
                .dispute(BookingId.of(bookingId))
                .filter(f -> isParty(user, f.booking()))
                .orElseThrow(DisputeDesk::notFound);
        List<Statement> statements = new java.util.ArrayList<>();
        statements.add(
                new Statement(facts.openedBy(), facts.openedByRole(), facts.statement(), facts.openedAt(), true));
        statements.addAll(statements(bookingId));
        return statements;
    }

    /**
     * A party of a disputed booking (its tutor, its student, or the guardian who booked or acts for the student) adds
     * their statement, once. 404 {@code dispute.not_found} for anyone else or a booking that is not disputed yet; 409
     * {@code dispute.closed} once resolved, {@code dispute.statement_exists} for a second statement.
     */
    Statement addStatement(CurrentUser author, UUID bookingId, String text) {
        BookingSummary b = scheduling
                .findBooking(BookingId.of(bookingId))
                .filter(x -> isParty(author, x))
                .orElseThrow(DisputeDesk::notFound);
        if (b.state() == BookingState.RESOLVED) {
            throw LyceumException.conflict("dispute.closed", "The dispute is resolved; statements are closed.");
        }
        if (b.state() != BookingState.DISPUTED) {
            throw notFound();
        }
        Instant now = clock.instant();
        try {
            jdbc.sql("""
                    INSERT INTO dispute_statements (tenant_id, id, booking_id, author_id, author_role, statement,
                                                    created_at)
                    VALUES (:t, :id, :booking, :author, :role, :statement, :at)
                    """)
                    .param("t", TenantContext.require().value())
                    .param("id", Ids.newId())
                    .param("booking", bookingId)
                    .param("author", author.userId().value())
                    .param("role", author.role().name())
                    .param("statement", text.strip())
                    .param("at", now.atOffset(java.time.ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException e) {
            throw LyceumException.conflict(
                    "dispute.statement_exists", "You already gave your statement on this dispute.");
        }
        return new Statement(author.userId().value(), author.role().name(), text.strip(), now, false);
    }

    private List<Statement> statements(UUID bookingId) {
        return jdbc.sql("""
                        SELECT author_id, author_role, statement, created_at FROM dispute_statements
                        WHERE tenant_id = :t AND booking_id = :b ORDER BY created_at, id
                        """)
                .param("t", TenantContext.require().value())
                .param("b", bookingId)
                .query((rs, n) -> new Statement(
                        rs.getObject("author_id", UUID.class),
                        rs.getString("author_role"),
                        rs.getString("statement"),
                        rs.getObject("created_at", Timestamp.class).toInstant(),
                        false))
                .list();
    }

    private boolean isParty(CurrentUser user, BookingSummary b) {
        UUID me = user.userId().value();
        return switch (user.role()) {
            case TUTOR -> me.equals(b.tutorId().value());
            case STUDENT -> me.equals(b.studentId().value());
            case GUARDIAN -> me.equals(b.bookedBy()) || accounts.mayActFor(UserId.of(me), b.studentId());
            case ADMIN, OWNER -> false;
        };
    }

    static LyceumException notFound() {
        return LyceumException.notFound("dispute.not_found", "No such disputed booking.");
    }
}
