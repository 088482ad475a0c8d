package io.lyceum.reviews;

import io.lyceum.platform.SqlValues;
import io.lyceum.shared.PageQuery;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reviews and the tutors' private ratings of students; every query in the current tenant. */
@Repository
class ReviewStore {

    record Review(
            UUID id,
            UUID bookingId,
            UUID tutorId,
            UUID studentId,
            UUID authorId,
            String authorName,
            int rating,
            String body,
            Instant createdAt,
            @Nullable Instant editedAt,
            Instant windowClosesAt,
            Instant visibleFrom,
            @Nullable String replyBody,
            @Nullable Instant repliedAt,
            @Nullable Instant hiddenAt,
            @Nullable String hiddenReason) {

        boolean visibleAt(Instant now) {
            return hiddenAt == null && !visibleFrom.isAfter(now);
        }
    }

    record StudentRating(
            UUID id,
            UUID bookingId,
            UUID tutorId,
            UUID studentId,
            int rating,
            @Nullable String note,
            Instant at) {}

    /** Count and sum of a set of ratings, with the count of each star. */
    record Tally(int count, long sum, Map<Integer, Integer> distribution) {}

    private static final String COLUMNS = "id, booking_id, tutor_id, student_id, author_id, author_name, rating, body,"
            + " created_at, edited_at, window_closes_at, visible_from, reply_body, replied_at, hidden_at, hidden_reason";

    private final JdbcClient jdbc;

    ReviewStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    /** Inserts a review; the unique constraint on the booking refuses a second one (DuplicateKeyException). */
    void insert(Review r) {
        jdbc.sql("""
                        INSERT INTO reviews (id, tenant_id, booking_id, tutor_id, student_id, author_id, author_name,
                                             rating, body, created_at, window_closes_at, visible_from)
                        VALUES (:id, :t, :booking, :tutor, :student, :author, :name, :rating, :body, :at, :closes,
                                :visible)
                        """)
                .param("id", r.id())
                .param("t", tenant())
                .param("booking", r.bookingId())
                .param("tutor", r.tutorId())
                .param("student", r.studentId())
                .param("author", r.authorId())
                .param("name", r.authorName())
                .param("rating", r.rating())
                .param("body", r.body())
                .param("at", Timestamp.from(r.createdAt()))
                .param("closes", Timestamp.from(r.windowClosesAt()))
                .param("visible", Timestamp.from(r.visibleFrom()))
                .update();
    }

    Optional<Review> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reviews WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .query(ReviewStore::review)
                .optional();
    }

    /** The review with its row locked for an update. */
    Optional<Review> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reviews WHERE tenant_id = :t AND id = :id FOR UPDATE")
                .param("t", tenant())
                .param("id", id)
                .query(ReviewStore::review)
                .optional();
    }

    Optional<Review> findByBooking(UUID bookingId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reviews WHERE tenant_id = :t AND booking_id = :b")
                .param("t", tenant())
                .param("b", bookingId)
                .query(ReviewStore::review)
                .optional();
    }

    void edit(UUID id, int rating, String body, Instant at) {
        jdbc.sql("UPDATE reviews SET rating = :rating, body = :body, edited_at = :at WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .param("rating", rating)
                .param("body", body)
                .param("at", Timestamp.from(at))
                .update();
    }

    /** Sets the reply unless there is one; false when the review already had a reply. */
    boolean reply(UUID id, String body, Instant at) {
        return jdbc.sql("""
                        UPDATE reviews SET reply_body = :body, replied_at = :at
                        WHERE tenant_id = :t AND id = :id AND reply_body IS NULL
                        """)
                        .param("t", tenant())
                        .param("id", id)
                        .param("body", body)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    /** Hides the review unless hidden already; false when it was. */
    boolean hide(UUID id, UUID admin, String reason, Instant at) {
        return jdbc.sql("""
                        UPDATE reviews SET hidden_at = :at, hidden_by = :admin, hidden_reason = :reason
                        WHERE tenant_id = :t AND id = :id AND hidden_at IS NULL
                        """)
                        .param("t", tenant())
                        .param("id", id)
                        .param("admin", admin)
                        .param("reason", reason)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    /** Both sides have reviewed: the booking's review (if any) becomes visible now and counted. */
    Optional<UUID> revealForBooking(UUID bookingId, Instant now) {
        return jdbc.sql("""
                        UPDATE reviews SET visible_from = least(visible_from, :now), counted = TRUE
                        WHERE tenant_id = :t AND booking_id = :b
                        RETURNING tutor_id
                        """)
                .param("t", tenant())
                .param("b", bookingId)
                .param("now", Timestamp.from(now))
                .query(UUID.class)
                .optional();
    }

    /** The tenants with a review due to be revealed (a lookup across tenants that returns only their ids). */
    List<TenantId> tenantsWithDueReveals(Instant now) {
        return jdbc.sql("SELECT reviews_tenants_with_due_reveals(:now)")
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new TenantId(rs.getObject(1, UUID.class)))
                .list();
    }

    /**
     * Claims the reviews of one tutor whose window has ended and that no aggregate counts yet (up to {@code limit});
     * returns that tutor, if any. One tutor per transaction: the catalog's copy of a tutor's rating is written with
     * the tenant's search version, and a transaction holding several tutors' rows could deadlock with another
     * writer (a rating, the trust scores) taking them in another order.
     */
    java.util.Optional<UUID> claimRevealed(Instant now, int limit) {
        java.util.Optional<UUID> tutor = jdbc.sql("""
                        SELECT tutor_id FROM reviews
                        WHERE tenant_id = :t AND NOT counted AND visible_from <= :now
                        ORDER BY visible_from LIMIT 1 FOR UPDATE SKIP LOCKED
                        """)
                .param("t", tenant())
                .param("now", Timestamp.from(now))
                .query(UUID.class)
                .optional();
        tutor.ifPresent(id -> jdbc.sql("""
                        UPDATE reviews SET counted = TRUE
                        WHERE id IN (SELECT id FROM reviews
                                     WHERE tenant_id = :t AND tutor_id = :tutor AND NOT counted
                                       AND visible_from <= :now
                                     ORDER BY visible_from LIMIT :limit FOR UPDATE SKIP LOCKED)
                        """)
                .param("t", tenant())
                .param("tutor", id)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .update());
        return tutor;
    }

    /** A tutor's visible, not hidden reviews at {@code now}: count, sum and distribution. */
    Tally tally(UUID tutorId, Instant now) {
        Map<Integer, Integer> distribution = new LinkedHashMap<>();
        for (int star = 1; star <= 5; star++) distribution.put(star, 0);
        jdbc.sql("""
                        SELECT rating, count(*) AS n FROM reviews
                        WHERE tenant_id = :t AND tutor_id = :tutor AND hidden_at IS NULL AND visible_from <= :now
                        GROUP BY rating
                        """)
                .param("t", tenant())
                .param("tutor", tutorId)
                .param("now", Timestamp.from(now))
                .query(rs -> {
                    distribution.put(rs.getInt("rating"), rs.getInt("n"));
                });
        int count = 0;
        long sum = 0;
        for (var e : distribution.entrySet()) {
            count += e.getValue();
            sum += (long) e.getKey() * e.getValue();
        }
        return new Tally(count, sum, distribution);
    }

    /** A page of a tutor's visible, not hidden reviews. */
    List<Review> visiblePage(UUID tutorId, Instant now, PageQuery page) {
        String order = "created_at DESC, id DESC";
        if (!page.sort().isEmpty()) {
            var sort = page.sort().getFirst();
            String direction = sort.ascending() ? "ASC" : "DESC";
            order = switch (sort.field()) {
                case "rating" -> "rating " + direction + ", created_at DESC, id DESC";
                default -> "created_at " + direction + ", id " + direction;
            };
        }
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM reviews
                        WHERE tenant_id = :t AND tutor_id = :tutor AND hidden_at IS NULL AND visible_from <= :now
                        ORDER BY %s LIMIT :limit OFFSET :offset
                        """.formatted(order))
                .param("t", tenant())
                .param("tutor", tutorId)
                .param("now", Timestamp.from(now))
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(ReviewStore::review)
                .list();
    }

    /** Serialises the recomputation of one tutor's aggregates until the transaction ends. */
    void lockTutor(UUID tutorId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "reviews:" + tutorId)
                .query(rs -> {});
    }

    /** Serialises the two sides' reviews of one booking until the transaction ends. */
    void lockBooking(UUID bookingId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "reviews:booking:" + bookingId)
                .query(rs -> {});
    }

    // ---- the tutors' private ratings of students

    void insertStudentRating(StudentRating r) {
        jdbc.sql("""
                        INSERT INTO student_ratings (id, tenant_id, booking_id, tutor_id, student_id, rating, note,
                                                     created_at)
                        VALUES (:id, :t, :booking, :tutor, :student, :rating, :note, :at)
                        """)
                .param("id", r.id())
                .param("t", tenant())
                .param("booking", r.bookingId())
                .param("tutor", r.tutorId())
                .param("student", r.studentId())
                .param("rating", r.rating())
                .param("note", r.note())
                .param("at", Timestamp.from(r.at()))
                .update();
    }

    Optional<StudentRating> studentRatingOf(UUID bookingId) {
        return jdbc.sql("""
                        SELECT id, booking_id, tutor_id, student_id, rating, note, created_at FROM student_ratings
                        WHERE tenant_id = :t AND booking_id = :b
                        """)
                .param("t", tenant())
                .param("b", bookingId)
                .query((rs, n) -> new StudentRating(
                        rs.getObject("id", UUID.class),
                        rs.getObject("booking_id", UUID.class),
                        rs.getObject("tutor_id", UUID.class),
                        rs.getObject("student_id", UUID.class),
                        rs.getInt("rating"),
                        rs.getString("note"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    StudentRatings studentRatings(UUID studentId) {
        return jdbc.sql("""
                        SELECT count(*) AS n, round(avg(rating), 2) AS average FROM student_ratings
                        WHERE tenant_id = :t AND student_id = :s
                        """)
                .param("t", tenant())
                .param("s", studentId)
                .query((rs, n) -> new StudentRatings(rs.getInt("n"), rs.getBigDecimal("average")))
                .single();
    }

    private static Review review(ResultSet rs, int n) throws SQLException {
        return new Review(
                rs.getObject("id", UUID.class),
                rs.getObject("booking_id", UUID.class),
                rs.getObject("tutor_id", UUID.class),
                rs.getObject("student_id", UUID.class),
                rs.getObject("author_id", UUID.class),
                rs.getString("author_name"),
                rs.getInt("rating"),
                rs.getString("body"),
                SqlValues.requiredInstant(rs, "created_at"),
                instant(rs, "edited_at"),
                SqlValues.requiredInstant(rs, "window_closes_at"),
                SqlValues.requiredInstant(rs, "visible_from"),
                rs.getString("reply_body"),
                instant(rs, "replied_at"),
                instant(rs, "hidden_at"),
                rs.getString("hidden_reason"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
