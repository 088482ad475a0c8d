package io.lyceum.scheduling;

import static io.lyceum.platform.SqlValues.instant;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.shared.Ids;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Bookings and their history. Everything runs in the bound tenant (row-level security). */
@Repository
class BookingStore {

    private static final String COLUMNS = """
            id, tutor_id, student_id, booked_by, subject_id, level, course_pack_id, trial, starts_at, ends_at,
            occupied_until, state, price_amount, price_currency, student_note, hold_expires_at, reschedule_count,
            confirmation_required, cancellation_policy::text AS cancellation_policy, reminded_24h_at, reminded_1h_at,
            version, created_at, updated_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    BookingStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One entry of a booking's history. */
    record HistoryEntry(
            UUID id,
            @Nullable BookingState fromState,
            BookingState toState,
            @Nullable UUID actorId,
            String actorRole,
            @Nullable String reason,
            Map<String, Object> details,
            Instant occurredAt) {}

    /** What a list request may see and filter on; {@code scopeSql} is fixed by the caller's role, never user input. */
    record ListFilter(
            String scopeSql,
            Map<String, Object> scopeParams,
            @Nullable Collection<BookingState> states,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable UUID tutorId,
            @Nullable UUID studentId) {}

    // ---- reads

    Optional<Booking> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bookings WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** The booking, locked for this transaction (SELECT ... FOR UPDATE). */
    Optional<Booking> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bookings WHERE tenant_id = :t AND id = :id FOR UPDATE")
                .param("t", tenant())
                .param("id", id)
                .query(this::map)
                .optional();
    }

    boolean activeTrialExists(UUID tutorId, UUID studentId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM bookings WHERE tenant_id = :t AND tutor_id = :tutor
                                       AND student_id = :student AND trial
                                       AND booking_occupies_slot(state))
                        """)
                .param("t", tenant())
                .param("tutor", tutorId)
                .param("student", studentId)
                .query(Boolean.class)
                .single();
    }

    PageResponse<Booking> page(ListFilter filter, PageQuery page, boolean ascending) {
        var where = new StringBuilder("tenant_id = :t AND (")
                .append(filter.scopeSql())
                .append(')');
        Map<String, Object> params = new LinkedHashMap<>(filter.scopeParams());
        params.put("t", tenant());
        if (filter.states() != null && !filter.states().isEmpty()) {
            where.append(" AND state IN (:states)");
            params.put("states", filter.states().stream().map(Enum::name).toList());
        }
        if (filter.from() != null) {
            where.append(" AND starts_at >= :from");
            params.put("from", utc(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND starts_at < :to");
            params.put("to", utc(filter.to()));
        }
        if (filter.tutorId() != null) {
            where.append(" AND tutor_id = :tutorId");
            params.put("tutorId", filter.tutorId());
        }
        if (filter.studentId() != null) {
            where.append(" AND student_id = :studentId");
            params.put("studentId", filter.studentId());
        }
        long total = jdbc.sql("SELECT count(*) FROM bookings WHERE " + where)
                .params(params)
                .query(Long.class)
                .single();
        String direction = ascending ? "ASC" : "DESC";
        List<Booking> content = jdbc.sql("SELECT " + COLUMNS + " FROM bookings WHERE " + where + " ORDER BY starts_at "
                        + direction + ", id " + direction + " LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(this::map)
                .list();
        return PageResponse.of(content, page, total);
    }

    List<HistoryEntry> history(UUID bookingId) {
        return historyRows(bookingId, Integer.MAX_VALUE, 0);
    }

    /** One page of a booking's history, oldest first. */
    PageResponse<HistoryEntry> history(UUID bookingId, PageQuery page) {
        long total = jdbc.sql("SELECT count(*) FROM booking_history WHERE tenant_id = :t AND booking_id = :b")
                .param("t", tenant())
                .param("b", bookingId)
                .query(Long.class)
                .single();
        return PageResponse.of(historyRows(bookingId, page.size(), page.offset()), page, total);
    }

    private List<HistoryEntry> historyRows(UUID bookingId, int limit, long offset) {
        return jdbc.sql("""
                        SELECT id, from_state, to_state, actor_id, actor_role, reason, details::text AS details,
                               occurred_at
                        FROM booking_history WHERE tenant_id = :t AND booking_id = :b ORDER BY occurred_at, id
                        LIMIT :limit OFFSET :offset
                        """)
                .param("t", tenant())
                .param("b", bookingId)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> new HistoryEntry(
                        rs.getObject("id", UUID.class),
                        state(rs.getString("from_state")),
                        BookingState.valueOf(rs.getString("to_state")),
                        rs.getObject("actor_id", UUID.class),
                        rs.getString("actor_role"),
                        rs.getString("reason"),
                        details(rs.getString("details")),
                        requiredInstant(rs, "occurred_at")))
                .list();
    }

    /** Whether the history already holds an entry with this detail (redelivered events are recorded once). */
    boolean historyHas(UUID bookingId, String detailKey, String detailValue) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM booking_history WHERE tenant_id = :t AND booking_id = :b
                                       AND details ->> :key = :value)
                        """)
                .param("t", tenant())
                .param("b", bookingId)
                .param("key", detailKey)
                .param("value", detailValue)
                .query(Boolean.class)
                .single();
    }

    // ---- writes

    void insert(Booking b) {
        jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, level,
                                              course_pack_id, trial, starts_at, ends_at, occupied_until, state,
                                              price_amount, price_currency, student_note, hold_expires_at,
                                              reschedule_count, confirmation_required, cancellation_policy,
                                              version, created_at, updated_at)
                        VALUES (:id, :t, :tutor, :student, :bookedBy, :subject, :level, :pack, :trial, :starts,
                                :ends, :occupied, :state, :amount, :currency, :note, :hold, 0, :confirm,
                                CAST(:policy AS jsonb), 1, :created, :created)
                        """)
                .param("id", b.id())
                .param("t", tenant())
                .param("tutor", b.tutorId())
                .param("student", b.studentId())
                .param("bookedBy", b.bookedBy())
                .param("subject", b.subjectId())
                .param("level", b.level())
                .param("pack", b.coursePackId())
                .param("trial", b.trial())
                .param("starts", utc(b.startsAt()))
                .param("ends", utc(b.endsAt()))
                .param("occupied", utc(b.occupiedUntil()))
                .param("state", b.state().name())
                .param("amount", b.price().amount())
                .param("currency", b.price().currencyCode())
                .param("note", b.note())
                .param("hold", utc(b.holdExpiresAt()))
                .param("confirm", b.confirmationRequired())
                .param("policy", b.policy() == null ? null : json.writeValueAsString(b.policy()))
                .param("created", utc(b.createdAt()))
                .update();
    }

    /**
     * Moves a locked booking to another state by an action the state machine allows there ({@link BookingLifecycle});
     * the hold ends unless it stays PENDING_PAYMENT.
     */
    void updateState(Booking b, BookingAction action, BookingState next, Instant now) {
        BookingLifecycle.check(b.state(), action, next);
        check(jdbc.sql("""
                        UPDATE bookings SET state = :state,
                               hold_expires_at = CASE WHEN :state = :pending THEN hold_expires_at END,
                               version = version + 1, updated_at = :now
                        WHERE tenant_id = :t AND id = :id AND version = :version
                        """)
                .param("state", next.name())
                .param("pending", BookingState.PENDING_PAYMENT.name())
                .param("now", utc(now))
                .param("t", tenant())
                .param("id", b.id())
                .param("version", b.version())
                .update());
    }

    /** Moves a locked booking to a new time (the exclusion constraints check it) and counts the reschedule. */
    void updateTime(Booking b, Instant start, Instant end, Duration buffer, BookingState next, Instant now) {
        BookingLifecycle.check(b.state(), BookingAction.RESCHEDULE, next);
        check(jdbc.sql("""
                        UPDATE bookings SET starts_at = :starts, ends_at = :ends, occupied_until = :occupied,
                               state = :state, reschedule_count = reschedule_count + 1, reminded_24h_at = NULL,
                               reminded_1h_at = NULL, version = version + 1, updated_at = :now
                        WHERE tenant_id = :t AND id = :id AND version = :version
                        """)
                .param("starts", utc(start))
                .param("ends", utc(end))
                .param("occupied", utc(end.plus(buffer)))
                .param("state", next.name())
                .param("now", utc(now))
                .param("t", tenant())
                .param("id", b.id())
                .param("version", b.version())
                .update());
    }

    /** Gives a locked booking another student (the student exclusion constraint checks it). */
    void updateStudent(Booking b, UUID studentId, Instant now) {
        BookingLifecycle.check(b.state(), BookingAction.ASSIGN_STUDENT, b.state());
        check(jdbc.sql("""
                        UPDATE bookings SET student_id = :student, version = version + 1, updated_at = :now
                        WHERE tenant_id = :t AND id = :id AND version = :version
                        """)
                .param("student", studentId)
                .param("now", utc(now))
                .param("t", tenant())
                .param("id", b.id())
                .param("version", b.version())
                .update());
    }

    void markReminded(UUID id, boolean dayBefore, Instant now) {
        jdbc.sql("UPDATE bookings SET " + (dayBefore ? "reminded_24h_at" : "reminded_1h_at")
                        + " = :now WHERE tenant_id = :t AND id = :id")
                .param("now", utc(now))
                .param("t", tenant())
                .param("id", id)
                .update();
    }

    void appendHistory(
            UUID bookingId,
            @Nullable BookingState from,
            BookingState to,
            @Nullable UUID actorId,
            String actorRole,
            @Nullable String reason,
            @Nullable Map<String, Object> details,
            Instant at) {
        jdbc.sql("""
                        INSERT INTO booking_history (id, tenant_id, booking_id, from_state, to_state, actor_id,
                                                     actor_role, reason, details, occurred_at)
                        VALUES (:id, :t, :b, :from, :to, :actor, :role, :reason, CAST(:details AS jsonb), :at)
                        """)
                .param("id", Ids.newId())
                .param("t", tenant())
                .param("b", bookingId)
                .param("from", from == null ? null : from.name())
                .param("to", to.name())
                .param("actor", actorId)
                .param("role", actorRole)
                .param("reason", reason)
                .param("details", details == null || details.isEmpty() ? null : json.writeValueAsString(details))
                .param("at", utc(at))
                .update();
    }

    // ---- the timers' claims: due rows, locked, skipping rows another transaction holds

    /**
     * The tenants with a booking timer due at {@code now} (a superset: each sweep's claim decides), across tenants
     * through a SECURITY DEFINER lookup that returns only tenant ids.
     */
    List<TenantId> tenantsWithDueTimers(Instant now, BookingProperties properties) {
        return jdbc.sql("SELECT scheduling_tenants_with_due_timers(:now, CAST(:warning AS interval),"
                        + " CAST(:confirmation AS interval), CAST(:grace AS interval))")
                .param("now", utc(now))
                .param("warning", properties.holdWarningLead().toSeconds() + " seconds")
                .param("confirmation", properties.confirmationLead().toSeconds() + " seconds")
                .param("grace", properties.completionGrace().toSeconds() + " seconds")
                .query((rs, row) -> new TenantId(rs.getObject(1, UUID.class)))
                .list();
    }

    List<Booking> claimExpiredHolds(Instant now, int limit) {
        return claim(
                "state = '" + BookingLifecycle.onlySource(BookingAction.HOLD_EXPIRY) + "' AND hold_expires_at <= :now",
                "hold_expires_at",
                now,
                limit);
    }

    /**
     * PENDING_PAYMENT bookings whose hold ends within {@code lead} and that were not warned yet; a booking whose whole
     * hold is shorter than the lead is left alone (it would be warned as it is made).
     */
    List<Booking> claimHoldWarnings(Instant now, Duration lead, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bookings WHERE tenant_id = :t AND state = '"
                        + BookingState.PENDING_PAYMENT
                        + "' AND hold_warned_at IS NULL AND hold_expires_at > :now AND hold_expires_at <= :latest"
                        + " AND created_at <= hold_expires_at - CAST(:lead AS interval)"
                        + " ORDER BY hold_expires_at LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("t", tenant())
                .param("now", utc(now))
                .param("latest", utc(now.plus(lead)))
                .param("lead", lead.toSeconds() + " seconds")
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    void markHoldWarned(UUID id, Instant now) {
        jdbc.sql("UPDATE bookings SET hold_warned_at = :now WHERE tenant_id = :t AND id = :id")
                .param("now", utc(now))
                .param("t", tenant())
                .param("id", id)
                .update();
    }

    /** REQUESTED bookings whose confirmation deadline ({@code start - lead}) has passed. */
    List<Booking> claimUnansweredRequests(Instant now, Duration lead, int limit) {
        return claim(
                "state = '" + BookingLifecycle.onlySource(BookingAction.AUTO_DECLINE) + "' AND starts_at <= :now",
                "starts_at",
                now.plus(lead),
                limit);
    }

    List<Booking> claimFinished(Instant now, Duration grace, int limit) {
        return claim(
                "state = '" + BookingLifecycle.onlySource(BookingAction.AUTO_COMPLETE) + "' AND ends_at <= :now",
                "ends_at",
                now.minus(grace),
                limit);
    }

    /**
     * CONFIRMED bookings due a reminder {@code lead} before the start that have not had it: the start is within the
     * lead (and, for the day-before reminder, more than {@code until} away), and the booking was made before the
     * reminder time; a booking made later has just been confirmed to its parties.
     */
    List<Booking> claimReminders(Instant now, Duration lead, Duration until, boolean dayBefore, int limit) {
        String sent = dayBefore ? "reminded_24h_at" : "reminded_1h_at";
        return jdbc.sql("SELECT " + COLUMNS + " FROM bookings WHERE tenant_id = :t AND state = '"
                        + BookingState.CONFIRMED + "' AND "
                        + sent + " IS NULL AND starts_at > :after AND starts_at <= :latest"
                        + " AND created_at <= starts_at - CAST(:lead AS interval)"
                        + " ORDER BY starts_at LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("t", tenant())
                .param("after", utc(now.plus(until)))
                .param("latest", utc(now.plus(lead)))
                .param("lead", lead.toSeconds() + " seconds")
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    private List<Booking> claim(String condition, String order, Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bookings WHERE tenant_id = :t AND " + condition + " ORDER BY "
                        + order + " LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("t", tenant())
                .param("now", utc(now))
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    // ---- mapping

    private Booking map(ResultSet rs, int row) throws SQLException {
        String policy = rs.getString("cancellation_policy");
        return new Booking(
                rs.getObject("id", UUID.class),
                rs.getObject("tutor_id", UUID.class),
                rs.getObject("student_id", UUID.class),
                rs.getObject("booked_by", UUID.class),
                rs.getObject("subject_id", UUID.class),
                rs.getString("level"),
                rs.getObject("course_pack_id", UUID.class),
                rs.getBoolean("trial"),
                requiredInstant(rs, "starts_at"),
                requiredInstant(rs, "ends_at"),
                requiredInstant(rs, "occupied_until"),
                BookingState.valueOf(rs.getString("state")),
                Money.of(rs.getLong("price_amount"), rs.getString("price_currency")),
                rs.getString("student_note"),
                instant(rs, "hold_expires_at"),
                rs.getInt("reschedule_count"),
                rs.getBoolean("confirmation_required"),
                policy == null ? null : json.readValue(policy, CancellationPolicy.class),
                instant(rs, "reminded_24h_at"),
                instant(rs, "reminded_1h_at"),
                rs.getLong("version"),
                requiredInstant(rs, "created_at"),
                requiredInstant(rs, "updated_at"));
    }

    private Map<String, Object> details(@Nullable String text) {
        return text == null ? Map.of() : json.readValue(text, new TypeReference<Map<String, Object>>() {});
    }

    private static @Nullable BookingState state(@Nullable String name) {
        return name == null ? null : BookingState.valueOf(name);
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    private static void check(int updated) {
        if (updated != 1) {
            throw new OptimisticLockingFailureException("The booking changed meanwhile");
        }
    }
}
