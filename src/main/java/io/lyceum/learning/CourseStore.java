package io.lyceum.learning;

import io.lyceum.platform.SqlValues;
import io.lyceum.tenancy.TenantContext;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for courses, their generation state, contents, the outline cache and progress. Tenant-scoped by RLS. */
@Repository
class CourseStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CourseStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record CourseRow(
            UUID id,
            UUID ownerId,
            String title,
            String summary,
            String status,
            String publication,
            String visibility,
            String sourceKind,
            @Nullable String videoUrl,
            Preferences preferences,
            String generator,
            boolean cached,
            int targetMinutes,
            int estimatedMinutes,
            List<Outline.Term> glossary,
            int version,
            Instant createdAt,
            Instant updatedAt) {}

    record GenerationRow(
            UUID courseId,
            String step,
            int percent,
            @Nullable Transcript transcript,
            @Nullable String transcriptHash,
            @Nullable Integer wordCount,
            @Nullable Outline outline,
            int estimatedSeconds,
            int attempts,
            int generatorRuns,
            @Nullable String failureReason,
            Instant startedAt,
            Instant stepStartedAt,
            @Nullable Instant finishedAt) {}

    /** One row of the outline: a section (no parent), a lesson or a quiz. */
    record ContentRow(
            UUID id,
            @Nullable UUID parentId,
            String kind,
            int sequence,
            String title,
            java.util.Map<String, Object> body,
            int minutes) {}

    record ProgressRow(
            UUID courseId,
            UUID userId,
            List<UUID> completedSections,
            int percent,
            Instant lastAccessedAt,
            @Nullable Instant completedAt) {}

    // ---- courses

    void insertCourse(CourseRow c) {
        jdbc.sql("""
                INSERT INTO courses (id, tenant_id, owner_id, title, summary, status, publication, visibility,
                                     source_kind, video_url, preferences, generator, cached, target_minutes,
                                     estimated_minutes, glossary, version, created_at, updated_at)
                VALUES (:id, :t, :owner, :title, :summary, :status, :publication, :visibility, :source, :video,
                        CAST(:prefs AS jsonb), :generator, :cached, :target, :estimated, CAST(:glossary AS jsonb),
                        :version, :created, :updated)
                """)
                .param("id", c.id())
                .param("t", tenant())
                .param("owner", c.ownerId())
                .param("title", c.title())
                .param("summary", c.summary())
                .param("status", c.status())
                .param("publication", c.publication())
                .param("visibility", c.visibility())
                .param("source", c.sourceKind())
                .param("video", c.videoUrl())
                .param("prefs", json.writeValueAsString(c.preferences()))
                .param("generator", c.generator())
                .param("cached", c.cached())
                .param("target", c.targetMinutes())
                .param("estimated", c.estimatedMinutes())
                .param("glossary", json.writeValueAsString(c.glossary()))
                .param("version", c.version())
                .param("created", utc(c.createdAt()))
                .param("updated", utc(c.updatedAt()))
                .update();
    }

    private static final String COURSE_COLUMNS = "id, owner_id, title, summary, status, publication, visibility,"
            + " source_kind, video_url, preferences::text AS preferences, generator, cached, target_minutes,"
            + " estimated_minutes, glossary::text AS glossary, version, created_at, updated_at";

    Optional<CourseRow> course(UUID id) {
        return jdbc.sql("SELECT " + COURSE_COLUMNS + " FROM courses WHERE id = :id")
                .param("id", id)
                .query(this::courseRow)
                .optional();
    }

    Optional<CourseRow> lockCourse(UUID id) {
        return jdbc.sql("SELECT " + COURSE_COLUMNS + " FROM courses WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(this::courseRow)
                .optional();
    }

    List<CourseRow> coursesOwnedBy(UUID ownerId, int limit, int offset) {
        return jdbc.sql("SELECT " + COURSE_COLUMNS
                        + " FROM courses WHERE owner_id = :owner ORDER BY created_at DESC, id LIMIT :limit OFFSET"
                        + " :offset")
                .param("owner", ownerId)
                .param("limit", limit)
                .param("offset", offset)
                .query(this::courseRow)
                .list();
    }

    long countOwnedBy(UUID ownerId) {
        return jdbc.sql("SELECT count(*) FROM courses WHERE owner_id = :owner")
                .param("owner", ownerId)
                .query(Long.class)
                .single();
    }

    void finishCourse(UUID id, Outline outline, boolean cached, Instant now) {
        jdbc.sql("""
                UPDATE courses SET status = 'READY', title = :title, summary = :summary, cached = :cached,
                       estimated_minutes = :minutes, glossary = CAST(:glossary AS jsonb), updated_at = :now
                WHERE id = :id
                """)
                .param("id", id)
                .param("title", outline.title())
                .param("summary", outline.summary())
                .param("cached", cached)
                .param("minutes", outline.estimatedMinutes())
                .param("glossary", json.writeValueAsString(outline.glossary()))
                .param("now", utc(now))
                .update();
    }

    void failCourse(UUID id, Instant now) {
        jdbc.sql("UPDATE courses SET status = 'FAILED', updated_at = :now WHERE id = :id")
                .param("id", id)
                .param("now", utc(now))
                .update();
    }

    void updateCourseFields(
            UUID id,
            String title,
            String summary,
            String publication,
            String visibility,
            int targetMinutes,
            int estimatedMinutes,
            Instant now) {
        jdbc.sql("""
                UPDATE courses SET title = :title, summary = :summary, publication = :publication,
                       visibility = :visibility, target_minutes = :target, estimated_minutes = :estimated,
                       version = version + 1, updated_at = :now
                WHERE id = :id
                """)
                .param("id", id)
                .param("title", title)
                .param("summary", summary)
                .param("publication", publication)
                .param("visibility", visibility)
                .param("target", targetMinutes)
                .param("estimated", estimatedMinutes)
                .param("now", utc(now))
                .update();
    }

    private CourseRow courseRow(ResultSet rs, int row) throws SQLException {
        return new CourseRow(
                rs.getObject("id", UUID.class),
                rs.getObject("owner_id", UUID.class),
                rs.getString("title"),
                rs.getString("summary"),
                rs.getString("status"),
                rs.getString("publication"),
                rs.getString("visibility"),
                rs.getString("source_kind"),
                rs.getString("video_url"),
                json.readValue(rs.getString("preferences"), Preferences.class),
                rs.getString("generator"),
                rs.getBoolean("cached"),
                rs.getInt("target_minutes"),
                rs.getInt("estimated_minutes"),
                json.readValue(rs.getString("glossary"), new TypeReference<List<Outline.Term>>() {}),
                rs.getInt("version"),
                SqlValues.requiredInstant(rs, "created_at"),
                SqlValues.requiredInstant(rs, "updated_at"));
    }

    // ---- generation state

    void insertGeneration(
            UUID courseId, String step, @Nullable Transcript transcript, int estimatedSeconds, Instant now) {
        jdbc.sql("""
                INSERT INTO course_generations (course_id, tenant_id, step, percent, transcript, transcript_hash,
                                                word_count, estimated_seconds, started_at, step_started_at)
                VALUES (:course, :t, :step, :percent, CAST(:transcript AS jsonb), :hash, :words, :eta, :now, :now)
                """)
                .param("course", courseId)
                .param("t", tenant())
                .param("step", step)
                .param("percent", percentOf(step))
                .param("transcript", transcript == null ? null : json.writeValueAsString(transcript))
                .param("hash", transcript == null ? null : transcript.hash())
                .param("words", transcript == null ? null : transcript.wordCount())
                .param("eta", estimatedSeconds)
                .param("now", utc(now))
                .update();
    }

    static int percentOf(String step) {
        return switch (step) {
            case "QUEUED" -> 0;
            case "TRANSCRIPT" -> 20;
            case "OUTLINE" -> 85;
            case "SAVED" -> 100;
            default -> 0;
        };
    }

    Optional<GenerationRow> generation(UUID courseId) {
        return jdbc.sql("""
                SELECT course_id, step, percent, transcript::text AS transcript, transcript_hash, word_count,
                       outline::text AS outline, estimated_seconds, attempts, generator_runs, failure_reason,
                       started_at, step_started_at, finished_at
                FROM course_generations WHERE course_id = :course
                """)
                .param("course", courseId)
                .query((rs, row) -> new GenerationRow(
                        rs.getObject("course_id", UUID.class),
                        rs.getString("step"),
                        rs.getInt("percent"),
                        rs.getString("transcript") == null
                                ? null
                                : json.readValue(rs.getString("transcript"), Transcript.class),
                        rs.getString("transcript_hash"),
                        (Integer) rs.getObject("word_count"),
                        rs.getString("outline") == null ? null : json.readValue(rs.getString("outline"), Outline.class),
                        rs.getInt("estimated_seconds"),
                        rs.getInt("attempts"),
                        rs.getInt("generator_runs"),
                        rs.getString("failure_reason"),
                        SqlValues.requiredInstant(rs, "started_at"),
                        SqlValues.requiredInstant(rs, "step_started_at"),
                        SqlValues.instant(rs, "finished_at")))
                .optional();
    }

    void transcriptFetched(UUID courseId, Transcript transcript, int estimatedSeconds, Instant now) {
        jdbc.sql("""
                UPDATE course_generations SET step = 'TRANSCRIPT', percent = 20, transcript = CAST(:transcript AS jsonb),
                       transcript_hash = :hash, word_count = :words, estimated_seconds = :eta, step_started_at = :now
                WHERE course_id = :course AND step = 'QUEUED'
                """)
                .param("course", courseId)
                .param("transcript", json.writeValueAsString(transcript))
                .param("hash", transcript.hash())
                .param("words", transcript.wordCount())
                .param("eta", estimatedSeconds)
                .param("now", utc(now))
                .update();
    }

    /** Counts a generator run before it starts, so a run that dies with its instance is still counted. */
    void generatorStarting(UUID courseId, Instant now) {
        jdbc.sql("UPDATE course_generations SET generator_runs = generator_runs + 1, percent = 30,"
                        + " step_started_at = :now WHERE course_id = :course")
                .param("course", courseId)
                .param("now", utc(now))
                .update();
    }

    void outlineGenerated(UUID courseId, Outline outline, Instant now) {
        jdbc.sql("""
                UPDATE course_generations SET step = 'OUTLINE', percent = 85, outline = CAST(:outline AS jsonb),
                       step_started_at = :now
                WHERE course_id = :course AND step = 'TRANSCRIPT'
                """)
                .param("course", courseId)
                .param("outline", json.writeValueAsString(outline))
                .param("now", utc(now))
                .update();
    }

    void generationSaved(UUID courseId, Instant now) {
        jdbc.sql("""
                UPDATE course_generations SET step = 'SAVED', percent = 100, step_started_at = :now, finished_at = :now
                WHERE course_id = :course
                """).param("course", courseId).param("now", utc(now)).update();
    }

    void generationFailed(UUID courseId, String reason, Instant now) {
        jdbc.sql("""
                UPDATE course_generations SET step = 'FAILED', failure_reason = :reason, finished_at = :now
                WHERE course_id = :course
                """)
                .param("course", courseId)
                .param("reason", reason)
                .param("now", utc(now))
                .update();
    }

    int attemptFailed(UUID courseId) {
        return jdbc.sql("UPDATE course_generations SET attempts = attempts + 1 WHERE course_id = :course"
                        + " RETURNING attempts")
                .param("course", courseId)
                .query(Integer.class)
                .single();
    }

    // ---- outline cache

    Optional<Outline> cachedOutline(String key) {
        return jdbc.sql("SELECT outline::text FROM course_outline_cache WHERE cache_key = :key")
                .param("key", key)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, Outline.class));
    }

    void cacheOutline(String key, Outline outline, Instant now) {
        jdbc.sql("""
                INSERT INTO course_outline_cache (tenant_id, cache_key, outline, created_at)
                VALUES (:t, :key, CAST(:outline AS jsonb), :now) ON CONFLICT DO NOTHING
                """)
                .param("t", tenant())
                .param("key", key)
                .param("outline", json.writeValueAsString(outline))
                .param("now", utc(now))
                .update();
    }

    // ---- contents

    List<ContentRow> contents(UUID courseId) {
        return jdbc.sql("""
                SELECT id, parent_id, kind, sequence, title, body::text AS body, minutes
                FROM course_contents WHERE course_id = :course
                ORDER BY parent_id NULLS FIRST, sequence
                """)
                .param("course", courseId)
                .query((rs, row) -> new ContentRow(
                        rs.getObject("id", UUID.class),
                        rs.getObject("parent_id", UUID.class),
                        rs.getString("kind"),
                        rs.getInt("sequence"),
                        rs.getString("title"),
                        json.readValue(rs.getString("body"), new TypeReference<java.util.Map<String, Object>>() {}),
                        rs.getInt("minutes")))
                .list();
    }

    void replaceContents(UUID courseId, List<ContentRow> rows) {
        jdbc.sql("DELETE FROM course_contents WHERE course_id = :course")
                .param("course", courseId)
                .update();
        for (ContentRow row : rows) {
            jdbc.sql("""
                    INSERT INTO course_contents (id, tenant_id, course_id, parent_id, kind, sequence, title, body,
                                                 minutes)
                    VALUES (:id, :t, :course, :parent, :kind, :sequence, :title, CAST(:body AS jsonb), :minutes)
                    """)
                    .param("id", row.id())
                    .param("t", tenant())
                    .param("course", courseId)
                    .param("parent", row.parentId())
                    .param("kind", row.kind())
                    .param("sequence", row.sequence())
                    .param("title", row.title())
                    .param("body", json.writeValueAsString(row.body()))
                    .param("minutes", row.minutes())
                    .update();
        }
    }

    /** Whether another course of the tenant uses a content id (ids are global primary keys). */
    boolean contentIdTakenElsewhere(UUID id, UUID courseId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM course_contents WHERE id = :id AND course_id <> :course)")
                .param("id", id)
                .param("course", courseId)
                .query(Boolean.class)
                .single();
    }

    // ---- progress

    List<ProgressRow> progressOfCourse(UUID courseId) {
        return jdbc.sql("SELECT * FROM course_progress WHERE course_id = :course ORDER BY user_id")
                .param("course", courseId)
                .query(this::progressRow)
                .list();
    }

    List<ProgressRow> progressOfUser(UUID userId, @Nullable UUID onlyOwner, int limit, int offset) {
        return jdbc.sql("""
                SELECT p.* FROM course_progress p JOIN courses c ON c.id = p.course_id
                WHERE p.user_id = :user AND (CAST(:owner AS uuid) IS NULL OR c.owner_id = :owner)
                ORDER BY p.last_accessed_at DESC, p.course_id LIMIT :limit OFFSET :offset
                """)
                .param("user", userId)
                .param("owner", onlyOwner)
                .param("limit", limit)
                .param("offset", offset)
                .query(this::progressRow)
                .list();
    }

    long countProgressOfUser(UUID userId, @Nullable UUID onlyOwner) {
        return jdbc.sql("""
                SELECT count(*) FROM course_progress p JOIN courses c ON c.id = p.course_id
                WHERE p.user_id = :user AND (CAST(:owner AS uuid) IS NULL OR c.owner_id = :owner)
                """)
                .param("user", userId)
                .param("owner", onlyOwner)
                .query(Long.class)
                .single();
    }

    /** The learner's progress row, created if missing, locked for this transaction. */
    ProgressRow lockProgress(UUID courseId, UUID userId, Instant now) {
        jdbc.sql("""
                INSERT INTO course_progress (course_id, user_id, tenant_id, last_accessed_at)
                VALUES (:course, :user, :t, :now) ON CONFLICT DO NOTHING
                """)
                .param("course", courseId)
                .param("user", userId)
                .param("t", tenant())
                .param("now", utc(now))
                .update();
        return jdbc.sql("SELECT * FROM course_progress WHERE course_id = :course AND user_id = :user FOR UPDATE")
                .param("course", courseId)
                .param("user", userId)
                .query(this::progressRow)
                .single();
    }

    void saveProgress(
            UUID courseId, UUID userId, List<UUID> completed, int percent, Instant now, @Nullable Instant completedAt) {
        jdbc.sql("""
                UPDATE course_progress SET completed_sections = :completed, percent = :percent,
                       last_accessed_at = :now, completed_at = :completedAt
                WHERE course_id = :course AND user_id = :user
                """)
                .param("course", courseId)
                .param("user", userId)
                .param("completed", completed.toArray(UUID[]::new))
                .param("percent", percent)
                .param("now", utc(now))
                .param("completedAt", completedAt == null ? null : utc(completedAt))
                .update();
    }

    void insertQuizAnswer(
            UUID id, UUID courseId, UUID quizId, UUID userId, String answer, boolean correct, Instant now) {
        jdbc.sql("""
                INSERT INTO quiz_answers (id, tenant_id, course_id, quiz_id, user_id, answer, correct, submitted_at)
                VALUES (:id, :t, :course, :quiz, :user, :answer, :correct, :now)
                """)
                .param("id", id)
                .param("t", tenant())
                .param("course", courseId)
                .param("quiz", quizId)
                .param("user", userId)
                .param("answer", answer)
                .param("correct", correct)
                .param("now", utc(now))
                .update();
    }

    /** How many answers learners have submitted per quiz of a course. */
    java.util.Map<UUID, Integer> answerCounts(UUID courseId) {
        java.util.Map<UUID, Integer> counts = new java.util.HashMap<>();
        jdbc.sql("SELECT quiz_id, count(*) AS n FROM quiz_answers WHERE course_id = :course GROUP BY quiz_id")
                .param("course", courseId)
                .query((rs, row) -> counts.put(rs.getObject("quiz_id", UUID.class), rs.getInt("n")))
                .list();
        return counts;
    }

    // ---- history

    /** One state change of a course; {@code actorId} null for the system. */
    record HistoryRow(
            @Nullable String fromState,
            String toState,
            Instant at,
            @Nullable UUID actorId,
            String actorRole,
            @Nullable String reason,
            java.util.Map<String, Object> details) {}

    void insertHistory(UUID courseId, HistoryRow entry) {
        jdbc.sql("""
                INSERT INTO course_history (id, tenant_id, course_id, from_state, to_state, actor_id, actor_role,
                                            reason, details, at)
                VALUES (:id, :t, :course, :from, :to, :actor, :role, :reason, CAST(:details AS jsonb), :at)
                """)
                .param("id", io.lyceum.shared.Ids.newId())
                .param("t", tenant())
                .param("course", courseId)
                .param("from", entry.fromState())
                .param("to", entry.toState())
                .param("actor", entry.actorId())
                .param("role", entry.actorRole())
                .param("reason", entry.reason())
                .param("details", json.writeValueAsString(entry.details()))
                .param("at", utc(entry.at()))
                .update();
    }

    /** Oldest first. */
    List<HistoryRow> history(UUID courseId, int limit, int offset) {
        return jdbc.sql("""
                SELECT from_state, to_state, at, actor_id, actor_role, reason, details::text AS details
                FROM course_history WHERE course_id = :course ORDER BY at, id LIMIT :limit OFFSET :offset
                """)
                .param("course", courseId)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> new HistoryRow(
                        rs.getString("from_state"),
                        rs.getString("to_state"),
                        SqlValues.requiredInstant(rs, "at"),
                        rs.getObject("actor_id", UUID.class),
                        rs.getString("actor_role"),
                        rs.getString("reason"),
                        json.readValue(rs.getString("details"), new TypeReference<java.util.Map<String, Object>>() {})))
                .list();
    }

    long countHistory(UUID courseId) {
        return jdbc.sql("SELECT count(*) FROM course_history WHERE course_id = :course")
                .param("course", courseId)
                .query(Long.class)
                .single();
    }

    private ProgressRow progressRow(ResultSet rs, int row) throws SQLException {
        Array array = rs.getArray("completed_sections");
        List<UUID> completed = array == null ? List.of() : new ArrayList<>(Arrays.asList((UUID[]) array.getArray()));
        return new ProgressRow(
                rs.getObject("course_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                completed,
                rs.getInt("percent"),
                SqlValues.requiredInstant(rs, "last_accessed_at"),
                SqlValues.instant(rs, "completed_at"));
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
