package io.lyceum.billing.offers;

import static io.lyceum.billing.offers.PurchaseRows.tenant;
import static io.lyceum.billing.offers.PurchaseRows.utc;
import static io.lyceum.platform.SqlValues.instant;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.billing.TenantRows;
import io.lyceum.billing.payments.Orders;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Enrollments, their lessons and history, and refund requests, in the bound tenant. */
@Repository
class EnrollmentStore {

    enum Status {
        PENDING,
        ACTIVE,
        COMPLETED,
        CANCELLED
    }

    record Enrollment(
            UUID id,
            UUID coursePackId,
            UUID tutorId,
            UUID studentId,
            UUID enrolledBy,
            Status status,
            String paymentStatus,
            String refundStatus,
            Money price,
            Money refunded,
            int lessons,
            @Nullable UUID orderId,
            Instant paymentDeadline,
            @Nullable Instant enrolledAt,
            @Nullable Instant completedAt,
            @Nullable Instant cancelledAt,
            @Nullable String cancelReason,
            Instant createdAt) {}

    record Lesson(UUID enrollmentId, UUID bookingId, int position, Instant startsAt, Money share) {}

    record RefundRequest(
            UUID id,
            UUID enrollmentId,
            UUID requestedBy,
            String status,
            String reason,
            boolean firstLessonCompleted,
            @Nullable Money amount,
            @Nullable UUID refundId,
            @Nullable String adminNote,
            @Nullable UUID processedBy,
            Instant requestedAt,
            @Nullable Instant processedAt) {}

    private final JdbcClient jdbc;
    private final PurchaseRows rows;

    EnrollmentStore(JdbcClient jdbc, PurchaseRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    void insert(Enrollment e) {
        jdbc.sql("""
                        INSERT INTO enrollments (id, tenant_id, course_pack_id, tutor_id, student_id, enrolled_by,
                                                 status, payment_status, refund_status, price_amount, currency,
                                                 lessons, payment_deadline, enrolled_at, created_at, updated_at)
                        VALUES (:id, :t, :pack, :tutor, :student, :by, :status, :payment, 'NOT_REQUESTED', :price,
                                :currency, :lessons, :deadline, :enrolled, :at, :at)
                        """)
                .param("id", e.id())
                .param("t", tenant())
                .param("pack", e.coursePackId())
                .param("tutor", e.tutorId())
                .param("student", e.studentId())
                .param("by", e.enrolledBy())
                .param("status", e.status().name())
                .param("payment", e.paymentStatus())
                .param("price", e.price().amount())
                .param("currency", e.price().currencyCode())
                .param("lessons", e.lessons())
                .param("deadline", utc(e.paymentDeadline()))
                .param("enrolled", utc(e.enrolledAt()))
                .param("at", utc(e.createdAt()))
                .update();
    }

    boolean liveExists(UUID studentId, UUID packId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM enrollments WHERE tenant_id = :t AND student_id = :s
                                       AND course_pack_id = :p AND status IN ('PENDING', 'ACTIVE'))
                        """)
                .param("t", tenant())
                .param("s", studentId)
                .param("p", packId)
                .query(Boolean.class)
                .single();
    }

    void setOrder(UUID id, UUID orderId) {
        rows.setOrder("enrollments", id, orderId);
    }

    Optional<Enrollment> find(UUID id) {
        return TenantRows.byId(jdbc, "*", "enrollments", id, TenantRows.Mode.READ, EnrollmentStore::enrollment);
    }

    Optional<Enrollment> lock(UUID id) {
        return TenantRows.byId(jdbc, "*", "enrollments", id, TenantRows.Mode.LOCK, EnrollmentStore::enrollment);
    }

    Optional<UUID> enrollmentOfBooking(UUID bookingId) {
        return jdbc.sql("SELECT enrollment_id FROM enrollment_lessons WHERE tenant_id = :t AND booking_id = :b")
                .param("t", tenant())
                .param("b", bookingId)
                .query(UUID.class)
                .optional();
    }

    /** Changes a locked enrollment's status (and the fields that go with it). */
    void update(
            UUID id,
            Status status,
            String paymentStatus,
            String refundStatus,
            Money refunded,
            @Nullable Instant enrolledAt,
            @Nullable Instant completedAt,
            @Nullable Instant cancelledAt,
            @Nullable String cancelReason,
            Instant now) {
        jdbc.sql("""
                        UPDATE enrollments SET status = :status, payment_status = :payment, refund_status = :refund,
                               refunded_amount = :refunded, enrolled_at = :enrolled, completed_at = :completed,
                               cancelled_at = :cancelled, cancel_reason = :reason, version = version + 1,
                               updated_at = :now
                        WHERE tenant_id = :t AND id = :id
                        """)
                .param("status", status.name())
                .param("payment", paymentStatus)
                .param("refund", refundStatus)
                .param("refunded", refunded.amount())
                .param("enrolled", utc(enrolledAt))
                .param("completed", utc(completedAt))
                .param("cancelled", utc(cancelledAt))
                .param("reason", cancelReason)
                .param("now", utc(now))
                .param("t", tenant())
                .param("id", id)
                .update();
    }

    void setRefundStatus(UUID id, String refundStatus, Instant now) {
        jdbc.sql("UPDATE enrollments SET refund_status = :r, updated_at = :now WHERE tenant_id = :t AND id = :id")
                .param("r", refundStatus)
                .param("now", utc(now))
                .param("t", tenant())
                .param("id", id)
                .update();
    }

    PageResponse<Enrollment> page(String scopeSql, Map<String, Object> params, Status status, PageQuery page) {
        return TenantRows.page(jdbc, "enrollments", scopeSql, params, status, page, EnrollmentStore::enrollment);
    }

    /** PENDING enrollments past their payment deadline (not locked: the caller cancels each through its order). */
    /**
     * The tenants with a PENDING enrollment past its payment deadline at {@code now} (what {@link #overdue} finds
     * there), across tenants through a SECURITY DEFINER lookup that returns only tenant ids.
     */
    List<TenantId> tenantsWithOverdueEnrollments(Instant now) {
        return jdbc.sql("SELECT billing_tenants_with_overdue_enrollments(:now)")
                .param("now", utc(now))
                .query((rs, row) -> new TenantId(rs.getObject(1, UUID.class)))
                .list();
    }

    List<Enrollment> overdue(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT * FROM enrollments WHERE tenant_id = :t AND status = 'PENDING'
                          AND payment_deadline <= :now ORDER BY payment_deadline LIMIT :limit
                        """)
                .param("t", tenant())
                .param("now", utc(now))
                .param("limit", limit)
                .query(EnrollmentStore::enrollment)
                .list();
    }

    List<Enrollment> liveOfPack(UUID packId) {
        return jdbc.sql("""
                        SELECT * FROM enrollments WHERE tenant_id = :t AND course_pack_id = :p
                          AND status IN ('PENDING', 'ACTIVE') ORDER BY created_at
                        """)
                .param("t", tenant())
                .param("p", packId)
                .query(EnrollmentStore::enrollment)
                .list();
    }

    /** The PENDING and ACTIVE enrollments a user is the student or the tutor of. */
    List<Enrollment> liveOfUser(UUID userId) {
        return jdbc.sql("""
                        SELECT * FROM enrollments WHERE tenant_id = :t AND (student_id = :u OR tutor_id = :u)
                          AND status IN ('PENDING', 'ACTIVE') ORDER BY created_at
                        """)
                .param("t", tenant())
                .param("u", userId)
                .query(EnrollmentStore::enrollment)
                .list();
    }

    boolean anyWithStatus(UUID packId, @Nullable UUID studentId, List<String> statuses) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM enrollments WHERE tenant_id = :t AND course_pack_id = :p
                                       AND (CAST(:s AS uuid) IS NULL OR student_id = :s) AND status IN (:statuses))
                        """)
                .param("t", tenant())
                .param("p", packId)
                .param("s", studentId)
                .param("statuses", statuses)
                .query(Boolean.class)
                .single();
    }

    // ---- lessons

    void insertLesson(Lesson l) {
        jdbc.sql("""
                        INSERT INTO enrollment_lessons (tenant_id, enrollment_id, booking_id, position, starts_at,
                                                        share_amount)
                        VALUES (:t, :e, :b, :p, :at, :share)
                        """)
                .param("t", tenant())
                .param("e", l.enrollmentId())
                .param("b", l.bookingId())
                .param("p", l.position())
                .param("at", utc(l.startsAt()))
                .param("share", l.share().amount())
                .update();
    }

    List<Lesson> lessons(UUID enrollmentId, String currency) {
        return jdbc.sql("""
                        SELECT * FROM enrollment_lessons WHERE tenant_id = :t AND enrollment_id = :e ORDER BY position
                        """)
                .param("t", tenant())
                .param("e", enrollmentId)
                .query((rs, n) -> new Lesson(
                        rs.getObject("enrollment_id", UUID.class),
                        rs.getObject("booking_id", UUID.class),
                        rs.getInt("position"),
                        requiredInstant(rs, "starts_at"),
                        Money.of(rs.getLong("share_amount"), currency)))
                .list();
    }

    // ---- history

    void appendHistory(
            UUID enrollmentId,
            @Nullable Status from,
            Status to,
            Orders.Actor actor,
            @Nullable String reason,
            @Nullable Map<String, Object> details,
            Instant at) {
        rows.appendHistory(
                "enrollment_history", "enrollment_id", enrollmentId, Map.of(), from, to, actor, reason, details, at);
    }

    List<PurchaseRows.Change> history(UUID enrollmentId) {
        return rows.history("enrollment_history", "enrollment_id", enrollmentId, "", (rs, change) -> change);
    }

    // ---- refund requests

    void insertRequest(RefundRequest r) {
        jdbc.sql("""
                        INSERT INTO refund_requests (id, tenant_id, enrollment_id, requested_by, status, reason,
                                                     first_lesson_completed, currency, requested_at)
                        VALUES (:id, :t, :e, :by, :status, :reason, :first, :currency, :at)
                        """)
                .param("id", r.id())
                .param("t", tenant())
                .param("e", r.enrollmentId())
                .param("by", r.requestedBy())
                .param("status", r.status())
                .param("reason", r.reason())
                .param("first", r.firstLessonCompleted())
                // a new request is for its amount's currency: zero until decided (RefundRequests)
                .param("currency", Objects.requireNonNull(r.amount()).currencyCode())
                .param("at", utc(r.requestedAt()))
                .update();
    }

    void processRequest(
            UUID id,
            String status,
            @Nullable Money amount,
            @Nullable UUID refundId,
            @Nullable String note,
            @Nullable UUID by,
            Instant at) {
        jdbc.sql("""
                        UPDATE refund_requests SET status = :status, amount = :amount, refund_id = :refund,
                               admin_note = coalesce(:note, admin_note), processed_by = :by, processed_at = :at
                        WHERE tenant_id = :t AND id = :id
                        """)
                .param("status", status)
                .param("amount", amount == null ? null : amount.amount())
                .param("refund", refundId)
                .param("note", note)
                .param("by", by)
                .param("at", utc(at))
                .param("t", tenant())
                .param("id", id)
                .update();
    }

    Optional<RefundRequest> request(UUID id, boolean lock) {
        return jdbc.sql("SELECT * FROM refund_requests WHERE tenant_id = :t AND id = :id" + (lock ? " FOR UPDATE" : ""))
                .param("t", tenant())
                .param("id", id)
                .query(EnrollmentStore::request)
                .optional();
    }

    Optional<RefundRequest> requestOf(UUID enrollmentId) {
        return jdbc.sql("SELECT * FROM refund_requests WHERE tenant_id = :t AND enrollment_id = :e")
                .param("t", tenant())
                .param("e", enrollmentId)
                .query(EnrollmentStore::request)
                .optional();
    }

    PageResponse<RefundRequest> requests(
            String scopeSql, Map<String, Object> params, @Nullable String status, PageQuery page) {
        String where = "r.tenant_id = :t AND (" + scopeSql + ")" + (status == null ? "" : " AND r.status = :status");
        String from =
                " FROM refund_requests r JOIN enrollments e ON e.tenant_id = r.tenant_id AND e.id = r.enrollment_id"
                        + " WHERE ";
        var count = jdbc.sql("SELECT count(*)" + from + where).params(params).param("t", tenant());
        var select = jdbc.sql(
                        "SELECT r.*" + from + where + " ORDER BY r.requested_at DESC, r.id LIMIT :limit OFFSET :offset")
                .params(params)
                .param("t", tenant())
                .param("limit", page.size())
                .param("offset", page.offset());
        if (status != null) {
            count = count.param("status", status);
            select = select.param("status", status);
        }
        return PageResponse.of(
                select.query(EnrollmentStore::request).list(),
                page,
                count.query(Long.class).single());
    }

    // ---- mapping

    private static Enrollment enrollment(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        return new Enrollment(
                rs.getObject("id", UUID.class),
                rs.getObject("course_pack_id", UUID.class),
                rs.getObject("tutor_id", UUID.class),
                rs.getObject("student_id", UUID.class),
                rs.getObject("enrolled_by", UUID.class),
                Status.valueOf(rs.getString("status")),
                rs.getString("payment_status"),
                rs.getString("refund_status"),
                Money.of(rs.getLong("price_amount"), currency),
                Money.of(rs.getLong("refunded_amount"), currency),
                rs.getInt("lessons"),
                rs.getObject("order_id", UUID.class),
                requiredInstant(rs, "payment_deadline"),
                instant(rs, "enrolled_at"),
                instant(rs, "completed_at"),
                instant(rs, "cancelled_at"),
                rs.getString("cancel_reason"),
                requiredInstant(rs, "created_at"));
    }

    private static RefundRequest request(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        Long amount = rs.getObject("amount", Long.class);
        return new RefundRequest(
                rs.getObject("id", UUID.class),
                rs.getObject("enrollment_id", UUID.class),
                rs.getObject("requested_by", UUID.class),
                rs.getString("status"),
                rs.getString("reason"),
                rs.getBoolean("first_lesson_completed"),
                amount == null ? null : Money.of(amount, currency),
                rs.getObject("refund_id", UUID.class),
                rs.getString("admin_note"),
                rs.getObject("processed_by", UUID.class),
                requiredInstant(rs, "requested_at"),
                instant(rs, "processed_at"));
    }
}
