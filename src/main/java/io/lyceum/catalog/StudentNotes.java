package io.lyceum.catalog;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.UserErased;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tutors' private notes on their students. A note can be written only about a student the tutor has taught (asked
 * through {@link TeachingHistory}); reading and deleting one's own notes stays possible afterwards. Notes are erased
 * with either account.
 */
@Service
class StudentNotes {

    record Note(UUID studentId, String body, long version, Instant createdAt, Instant updatedAt) {}

    record Saved(Note note, boolean created) {}

    private final JdbcClient jdbc;
    private final ObjectProvider<TeachingHistory> history;
    private final TransactionTemplate transactions;
    private final Clock clock;

    StudentNotes(
            JdbcClient jdbc, ObjectProvider<TeachingHistory> history, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.history = history;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    PageResponse<Note> list(CurrentUser tutor, PageQuery page) {
        long total = jdbc.sql("SELECT count(*) FROM tutor_student_notes WHERE tenant_id = :t AND tutor_id = :tutor")
                .param("t", tenant())
                .param("tutor", tutor.userId().value())
                .query(Long.class)
                .single();
        List<Note> rows = jdbc.sql("SELECT " + COLUMNS + """
                         FROM tutor_student_notes WHERE tenant_id = :t AND tutor_id = :tutor
                        ORDER BY updated_at DESC, student_id LIMIT :limit OFFSET :offset
                        """)
                .param("t", tenant())
                .param("tutor", tutor.userId().value())
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(StudentNotes::row)
                .list();
        return PageResponse.of(rows, page, total);
    }

    @Transactional(readOnly = true)
    Note get(CurrentUser tutor, UUID studentId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM tutor_student_notes WHERE tenant_id = :t AND tutor_id = :tutor AND student_id = :s")
                .param("t", tenant())
                .param("tutor", tutor.userId().value())
                .param("s", studentId)
                .query(StudentNotes::row)
                .optional()
                .orElseThrow(StudentNotes::noteNotFound);
    }

    @Transactional
    Saved put(CurrentUser tutor, UUID studentId, String body) {
        TeachingHistory taught = history.getIfAvailable();
        if (taught == null || !taught.hasTaught(tutor.userId().asTutor(), UserId.of(studentId))) {
            throw LyceumException.notFound(
                    "student.not_found", "No student you have taught has this id; notes are for your own students.");
        }
        Instant now = clock.instant();
        // xmax = 0 only on a freshly inserted row: tells a create from an update in one statement
        return jdbc.sql("""
                        INSERT INTO tutor_student_notes (tenant_id, tutor_id, student_id, body, created_at, updated_at)
                        VALUES (:t, :tutor, :s, :body, :now, :now)
                        ON CONFLICT (tutor_id, student_id) DO UPDATE
                            SET body = excluded.body, updated_at = excluded.updated_at,
                                version = tutor_student_notes.version + 1
                        RETURNING \s""" + COLUMNS + ", (xmax = 0) AS created")
                .param("t", tenant())
                .param("tutor", tutor.userId().value())
                .param("s", studentId)
                .param("body", body)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Saved(row(rs, n), rs.getBoolean("created")))
                .single();
    }

    @Transactional
    void delete(CurrentUser tutor, UUID studentId) {
        int deleted = jdbc.sql(
                        "DELETE FROM tutor_student_notes WHERE tenant_id = :t AND tutor_id = :tutor AND student_id = :s")
                .param("t", tenant())
                .param("tutor", tutor.userId().value())
                .param("s", studentId)
                .update();
        if (deleted == 0) {
            throw noteNotFound();
        }
    }

    @ApplicationModuleListener
    void on(UserErased event) {
        jdbc.sql("DELETE FROM tutor_student_notes WHERE tenant_id = :t AND (tutor_id = :u OR student_id = :u)")
                .param("t", event.tenantId().value())
                .param("u", event.userId().value())
                .update();
    }

    private static final String COLUMNS = "student_id, body, version, created_at, updated_at";

    private static Note row(ResultSet rs, int n) throws SQLException {
        return new Note(
                rs.getObject("student_id", UUID.class),
                rs.getString("body"),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static LyceumException noteNotFound() {
        return LyceumException.notFound("note.not_found", "You have no note on this student.");
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
