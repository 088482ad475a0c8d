package io.lyceum.scheduling;

import io.lyceum.catalog.TeachingHistory;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The scheduling module's answers to other modules. */
@Service
@Transactional(readOnly = true)
class SchedulingFacade implements SchedulingApi, TeachingHistory {

    private final JdbcClient jdbc;
    private final PreliminaryMeetingStore preliminaryMeetings;
    private final Bookings bookings;
    private final CalendarInvites invites;
    private final java.time.Clock clock;
    private final ParticipantRecords records;
    private final tools.jackson.databind.json.JsonMapper json;

    SchedulingFacade(
            JdbcClient jdbc,
            PreliminaryMeetingStore preliminaryMeetings,
            Bookings bookings,
            CalendarInvites invites,
            java.time.Clock clock,
            ParticipantRecords records,
            tools.jackson.databind.json.JsonMapper json) {
        this.records = records;
        this.json = json;
        this.jdbc = jdbc;
        this.preliminaryMeetings = preliminaryMeetings;
        this.bookings = bookings;
        this.invites = invites;
        this.clock = clock;
    }

    @Override
    public Optional<io.lyceum.mail.Attachment> calendarInvite(BookingId bookingId, UserId participantId) {
        return invites.inviteFor(bookingId.value(), participantId.value());
    }

    @Override
    public Optional<BookingSummary> findBooking(BookingId bookingId) {
        return jdbc.sql("""
                        SELECT id, tutor_id, student_id, booked_by, subject_id, course_pack_id, trial, starts_at,
                               ends_at, state, price_amount, price_currency
                        FROM bookings WHERE tenant_id = :t AND id = :id
                        """)
                .param("t", TenantContext.require().value())
                .param("id", bookingId.value())
                .query((rs, n) -> new BookingSummary(
                        BookingId.of(rs.getObject("id", UUID.class)),
                        TutorId.of(rs.getObject("tutor_id", UUID.class)),
                        UserId.of(rs.getObject("student_id", UUID.class)),
                        rs.getObject("booked_by", UUID.class),
                        rs.getObject("subject_id", UUID.class),
                        coursePackId(rs.getObject("course_pack_id", UUID.class)),
                        rs.getBoolean("trial"),
                        rs.getObject("starts_at", Timestamp.class).toInstant(),
                        rs.getObject("ends_at", Timestamp.class).toInstant(),
                        BookingState.valueOf(rs.getString("state")),
                        Money.of(rs.getLong("price_amount"), rs.getString("price_currency"))))
                .optional();
    }

    @Override
    public TutorRecord tutorRecord(TutorId tutorId) {
        return records.tutor(tutorId.value());
    }

    @Override
    public ClientRecord clientRecord(UserId studentId) {
        return records.client(studentId.value());
    }

    @Override
    public boolean hasTaught(TutorId tutorId, UserId studentId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM bookings WHERE tenant_id = :t AND tutor_id = :tutor
                                       AND student_id = :student AND booking_done(state))
                        """)
                .param("t", TenantContext.require().value())
                .param("tutor", tutorId.value())
                .param("student", studentId.value())
                .query(Boolean.class)
                .single();
    }

    @Override
    public boolean preliminaryMeetingApproved(UserId studentId, CoursePackId coursePackId) {
        return preliminaryMeetings.approved(studentId.value(), coursePackId.value());
    }

    @Override
    public long minutesTaught(TutorId tutorId, java.time.Instant before) {
        return jdbc.sql("""
                        SELECT coalesce(sum(extract(epoch FROM ends_at - starts_at) / 60), 0)::bigint
                        FROM bookings
                        WHERE tenant_id = :t AND tutor_id = :tutor AND ends_at < :before
                          AND booking_counts_as_taught(state)
                        """)
                .param("t", TenantContext.require().value())
                .param("tutor", tutorId.value())
                .param("before", before.atOffset(java.time.ZoneOffset.UTC))
                .query(Long.class)
                .single();
    }

    @Override
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public java.util.List<BookingId> placeCoursePackLessons(CoursePackLessons lessons) {
        return bookings.placeCoursePackLessons(lessons).stream()
                .map(BookingId::of)
                .toList();
    }

    @Override
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public BookingState releaseForBilling(BookingId bookingId, String reason) {
        return bookings.releaseForBilling(bookingId.value(), reason);
    }

    @Override
    public Optional<BookingSummary> oldestRequestedFor(TutorId tutorId) {
        return jdbc.sql("""
                        SELECT id FROM bookings
                         WHERE tenant_id = :t AND tutor_id = :tutor AND state = 'REQUESTED' AND starts_at > :now
                         ORDER BY created_at, id LIMIT 1
                        """)
                .param("t", TenantContext.require().value())
                .param("tutor", tutorId.value())
                .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .query(UUID.class)
                .optional()
                .map(BookingId::of)
                .flatMap(this::findBooking);
    }

    @Override
    public Optional<BookingId> latestDoneLessonBetween(TutorId tutorId, UserId studentId) {
        return jdbc.sql("""
                        SELECT id FROM bookings
                        WHERE tenant_id = :t AND tutor_id = :tutor AND student_id = :student AND booking_done(state)
                        ORDER BY ends_at DESC LIMIT 1
                        """)
                .param("t", TenantContext.require().value())
                .param("tutor", tutorId.value())
                .param("student", studentId.value())
                .query(UUID.class)
                .optional()
                .map(BookingId::of);
    }

    @Override
    public java.util.List<BookingSummary> upcomingLessons(io.lyceum.accounts.CurrentUser user, int limit) {
        return bookings
                .list(
                        user,
                        java.util.List.of(BookingState.PENDING_PAYMENT, BookingState.REQUESTED, BookingState.CONFIRMED),
                        clock.instant(),
                        null,
                        null,
                        null,
                        io.lyceum.shared.PageQuery.first(limit))
                .content()
                .stream()
                .map(SchedulingFacade::summary)
                .toList();
    }

    @Override
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public BookingSummary confirmAs(io.lyceum.accounts.CurrentUser user, BookingId bookingId) {
        return summary(bookings.confirm(user, bookingId.value()));
    }

    @Override
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public CancelledLesson cancelAs(io.lyceum.accounts.CurrentUser user, BookingId bookingId, String reason) {
        Booking cancelled = bookings.cancel(user, bookingId.value(), reason);
        // the policy's decision is recorded with the transition: the last history entry into CANCELLED
        var decision = bookings.history(user, bookingId.value()).stream()
                .filter(entry -> entry.toState() == BookingState.CANCELLED)
                .reduce((first, second) -> second)
                .map(BookingStore.HistoryEntry::details)
                .orElse(java.util.Map.of());
        String currency = cancelled.price().currencyCode();
        Object rule = decision.get("rule");
        return new CancelledLesson(
                summary(cancelled),
                Money.of(amount(decision.get("refundAmount")), currency),
                Money.of(amount(decision.get("feeAmount")), currency),
                rule == null ? null : rule.toString());
    }

    private static @Nullable CoursePackId coursePackId(@Nullable UUID id) {
        return id == null ? null : CoursePackId.of(id);
    }

    private static long amount(@Nullable Object value) {
        return value instanceof Number number ? number.longValue() : 0L;
    }

    private static BookingSummary summary(Booking booking) {
        return new BookingSummary(
                BookingId.of(booking.id()),
                TutorId.of(booking.tutorId()),
                UserId.of(booking.studentId()),
                booking.bookedBy(),
                booking.subjectId(),
                coursePackId(booking.coursePackId()),
                booking.trial(),
                booking.startsAt(),
                booking.endsAt(),
                booking.state(),
                booking.price());
    }

    private static final String DISPUTE_SQL = """
            SELECT b.id, b.tutor_id, b.student_id, b.booked_by, b.subject_id, b.course_pack_id, b.trial, b.starts_at,
                   b.ends_at, b.state, b.price_amount, b.price_currency, b.meeting_provider, b.meeting_url,
                   b.recording_url, (b.attendance -> 'sessions')::text AS sessions,
                   d.actor_id AS opened_by, d.actor_role AS opened_role, d.reason AS statement,
                   d.from_state AS previous_state, d.occurred_at AS opened_at,
                   r.actor_id AS resolved_by, r.reason AS resolution_note, r.occurred_at AS resolved_at,
                   r.details::text AS resolution
            FROM bookings b
            JOIN LATERAL (SELECT * FROM booking_history h WHERE h.booking_id = b.id AND h.to_state = 'DISPUTED'
                          ORDER BY h.occurred_at DESC LIMIT 1) d ON TRUE
            LEFT JOIN LATERAL (SELECT * FROM booking_history h WHERE h.booking_id = b.id AND h.to_state = 'RESOLVED'
                               ORDER BY h.occurred_at DESC LIMIT 1) r ON TRUE
            WHERE b.tenant_id = :t
            """;

    @Override
    public io.lyceum.shared.PageResponse<DisputeFacts> disputes(boolean open, io.lyceum.shared.PageQuery page) {
        String state = open ? BookingState.DISPUTED.name() : BookingState.RESOLVED.name();
        var content = jdbc.sql(DISPUTE_SQL + " AND b.state = :state ORDER BY "
                        + (open ? "d.occurred_at ASC" : "r.occurred_at DESC") + ", b.id LIMIT :limit OFFSET :offset")
                .param("t", TenantContext.require().value())
                .param("state", state)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(this::disputeRow)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM bookings WHERE tenant_id = :t AND state = :state")
                .param("t", TenantContext.require().value())
                .param("state", state)
                .query(Long.class)
                .single();
        return io.lyceum.shared.PageResponse.of(content, page, total);
    }

    @Override
    public Optional<DisputeFacts> dispute(BookingId bookingId) {
        return jdbc.sql(DISPUTE_SQL + " AND b.id = :id")
                .param("t", TenantContext.require().value())
                .param("id", bookingId.value())
                .query(this::disputeRow)
                .optional();
    }

    private DisputeFacts disputeRow(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        var booking = new BookingSummary(
                BookingId.of(rs.getObject("id", UUID.class)),
                TutorId.of(rs.getObject("tutor_id", UUID.class)),
                UserId.of(rs.getObject("student_id", UUID.class)),
                rs.getObject("booked_by", UUID.class),
                rs.getObject("subject_id", UUID.class),
                coursePackId(rs.getObject("course_pack_id", UUID.class)),
                rs.getBoolean("trial"),
                rs.getObject("starts_at", Timestamp.class).toInstant(),
                rs.getObject("ends_at", Timestamp.class).toInstant(),
                BookingState.valueOf(rs.getString("state")),
                Money.of(rs.getLong("price_amount"), rs.getString("price_currency")));
        Timestamp resolvedAt = rs.getObject("resolved_at", Timestamp.class);
        String sessions = rs.getString("sessions");
        String resolution = rs.getString("resolution");
        return new DisputeFacts(
                booking,
                rs.getObject("opened_by", UUID.class),
                rs.getString("opened_role"),
                rs.getString("statement"),
                rs.getString("previous_state"),
                rs.getObject("opened_at", Timestamp.class).toInstant(),
                rs.getObject("resolved_by", UUID.class),
                rs.getString("resolution_note"),
                resolvedAt == null ? null : resolvedAt.toInstant(),
                resolution == null ? java.util.Map.of() : json.readValue(resolution, MAP),
                new DisputeFacts.LessonRecord(
                        rs.getString("meeting_provider"),
                        rs.getString("meeting_url"),
                        rs.getString("recording_url"),
                        sessions == null ? java.util.List.of() : json.readValue(sessions, SESSIONS)));
    }

    private static final tools.jackson.core.type.TypeReference<java.util.Map<String, Object>> MAP =
            new tools.jackson.core.type.TypeReference<>() {};
    private static final tools.jackson.core.type.TypeReference<java.util.List<java.util.Map<String, Object>>> SESSIONS =
            new tools.jackson.core.type.TypeReference<>() {};
}
