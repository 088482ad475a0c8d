package io.lyceum.catalog;

import static io.lyceum.platform.SqlValues.instant;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.tenancy.TenantContext;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Course packs and their materials in the current tenant. */
@Repository
class CoursePackStore {

    record PackRow(
            UUID id,
            UUID tutorId,
            String title,
            @Nullable String description,
            UUID categoryId,
            Level level,
            long priceAmount,
            String priceCurrency,
            int numberOfLessons,
            int lessonMinutes,
            SchedulingType schedulingType,
            List<Instant> fixedDates,
            boolean preliminaryMeetingRequired,
            @Nullable Integer maxCompletionDays,
            boolean published,
            ModerationStatus moderationStatus,
            @Nullable String removalReason,
            @Nullable Instant removedAt,
            long version,
            Instant createdAt,
            Instant updatedAt) {}

    /** The fields a tutor sets. */
    record PackFields(
            String title,
            @Nullable String description,
            UUID categoryId,
            Level level,
            long priceAmount,
            String priceCurrency,
            int numberOfLessons,
            int lessonMinutes,
            SchedulingType schedulingType,
            List<Instant> fixedDates,
            boolean preliminaryMeetingRequired,
            @Nullable Integer maxCompletionDays) {}

    record MaterialRow(
            UUID id,
            UUID packId,
            MaterialKind kind,
            String title,
            @Nullable String description,
            @Nullable String url,
            @Nullable String storageKey,
            @Nullable String contentType,
            @Nullable Long sizeBytes,
            @Nullable String sha256,
            @Nullable String fileName,
            int position,
            Instant createdAt,
            Instant updatedAt) {}

    private static final String PACK_COLUMNS = """
            id, tutor_id, title, description, category_id, level, price_amount, price_currency, number_of_lessons,
            lesson_minutes, scheduling_type, fixed_dates, preliminary_meeting_required, max_completion_days, published,
            moderation_status, removal_reason, removed_at, version, created_at, updated_at
            """;

    /** Visible to the public: published, not removed, and the tutor is approved. */
    private static final String PUBLIC = """
            p.published AND p.moderation_status = 'ACTIVE'
            AND EXISTS (SELECT 1 FROM tutor_profiles tp
                        WHERE tp.tenant_id = p.tenant_id AND tp.tutor_id = p.tutor_id AND tp.status = 'APPROVED')
            """;

    private final JdbcClient jdbc;

    CoursePackStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    private static PackRow pack(ResultSet rs, int row) throws SQLException {
        Array array = rs.getArray("fixed_dates");
        List<Instant> dates = Arrays.stream((Object[]) array.getArray())
                .map(o -> ((Timestamp) o).toInstant())
                .sorted()
                .toList();
        // read as an object: absent stays absent (wasNull() would ask about whichever column was read last)
        Integer maxDays = rs.getObject("max_completion_days", Integer.class);
        return new PackRow(
                rs.getObject("id", UUID.class),
                rs.getObject("tutor_id", UUID.class),
                rs.getString("title"),
                rs.getString("description"),
                rs.getObject("category_id", UUID.class),
                Level.valueOf(rs.getString("level")),
                rs.getLong("price_amount"),
                rs.getString("price_currency"),
                rs.getInt("number_of_lessons"),
                rs.getInt("lesson_minutes"),
                SchedulingType.valueOf(rs.getString("scheduling_type")),
                dates,
                rs.getBoolean("preliminary_meeting_required"),
                maxDays,
                rs.getBoolean("published"),
                ModerationStatus.valueOf(rs.getString("moderation_status")),
                rs.getString("removal_reason"),
                instant(rs, "removed_at"),
                rs.getLong("version"),
                requiredInstant(rs, "created_at"),
                requiredInstant(rs, "updated_at"));
    }

    Optional<PackRow> find(UUID id) {
        return jdbc.sql("SELECT " + PACK_COLUMNS + " FROM course_packs WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .query(CoursePackStore::pack)
                .optional();
    }

    Optional<PackRow> lock(UUID id) {
        return jdbc.sql("SELECT " + PACK_COLUMNS + " FROM course_packs WHERE tenant_id = :t AND id = :id FOR UPDATE")
                .param("t", tenant())
                .param("id", id)
                .query(CoursePackStore::pack)
                .optional();
    }

    Optional<PackRow> findPublic(UUID id) {
        return jdbc.sql("SELECT " + PACK_COLUMNS + " FROM course_packs p WHERE p.tenant_id = :t AND p.id = :id AND "
                        + PUBLIC)
                .param("t", tenant())
                .param("id", id)
                .query(CoursePackStore::pack)
                .optional();
    }

    List<PackRow> listPublic(
            @Nullable UUID categoryId, @Nullable Level level, @Nullable UUID tutorId, int limit, long offset) {
        var where = publicWhere(categoryId, level, tutorId);
        return jdbc.sql("SELECT " + PACK_COLUMNS + " FROM course_packs p WHERE " + where.sql()
                        + " ORDER BY p.created_at DESC, p.id LIMIT :limit OFFSET :offset")
                .params(where.params())
                .param("limit", limit)
                .param("offset", offset)
                .query(CoursePackStore::pack)
                .list();
    }

    long countPublic(@Nullable UUID categoryId, @Nullable Level level, @Nullable UUID tutorId) {
        var where = publicWhere(categoryId, level, tutorId);
        return jdbc.sql("SELECT count(*) FROM course_packs p WHERE " + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    private record Where(String sql, Map<String, Object> params) {}

    private static Where publicWhere(@Nullable UUID categoryId, @Nullable Level level, @Nullable UUID tutorId) {
        var sql = new StringBuilder("p.tenant_id = :t AND ").append(PUBLIC);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("t", tenant());
        if (categoryId != null) {
            sql.append(" AND p.category_id = :category");
            params.put("category", categoryId);
        }
        if (level != null) {
            sql.append(" AND p.level = :level");
            params.put("level", level.name());
        }
        if (tutorId != null) {
            sql.append(" AND p.tutor_id = :tutor");
            params.put("tutor", tutorId);
        }
        return new Where(sql.toString(), params);
    }

    List<PackRow> listOfTutor(UUID tutorId, int limit, long offset) {
        return jdbc.sql("SELECT " + PACK_COLUMNS
                        + " FROM course_packs WHERE tenant_id = :t AND tutor_id = :tutor"
                        + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .param("t", tenant())
                .param("tutor", tutorId)
                .param("limit", limit)
                .param("offset", offset)
                .query(CoursePackStore::pack)
                .list();
    }

    long countOfTutor(UUID tutorId) {
        return jdbc.sql("SELECT count(*) FROM course_packs WHERE tenant_id = :t AND tutor_id = :tutor")
                .param("t", tenant())
                .param("tutor", tutorId)
                .query(Long.class)
                .single();
    }

    boolean categoryExists(UUID categoryId) {
        return jdbc.sql("SELECT count(*) FROM categories WHERE tenant_id = :t AND id = :id")
                        .param("t", tenant())
                        .param("id", categoryId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static String[] dates(List<Instant> dates) {
        return dates.stream().map(Instant::toString).toArray(String[]::new);
    }

    void insert(UUID id, UUID tutorId, PackFields f, Instant now) {
        jdbc.sql("""
                INSERT INTO course_packs (id, tenant_id, tutor_id, title, description, category_id, level, price_amount,
                    price_currency, number_of_lessons, lesson_minutes, scheduling_type, fixed_dates,
                    preliminary_meeting_required, max_completion_days, created_at, updated_at)
                VALUES (:id, :t, :tutor, :title, :description, :category, :level, :amount, :currency, :lessons,
                    :minutes, :scheduling, CAST(:dates AS timestamptz[]), :preliminary, :maxDays, :now, :now)
                """)
                .param("id", id)
                .param("t", tenant())
                .param("tutor", tutorId)
                .params(fieldParams(f))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    void update(UUID id, PackFields f, Instant now) {
        jdbc.sql("""
                UPDATE course_packs SET title = :title, description = :description, category_id = :category,
                    level = :level, price_amount = :amount, price_currency = :currency, number_of_lessons = :lessons,
                    lesson_minutes = :minutes, scheduling_type = :scheduling,
                    fixed_dates = CAST(:dates AS timestamptz[]), preliminary_meeting_required = :preliminary,
                    max_completion_days = :maxDays, version = version + 1, updated_at = :now
                WHERE tenant_id = :t AND id = :id
                """)
                .param("id", id)
                .param("t", tenant())
                .params(fieldParams(f))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    private static Map<String, Object> fieldParams(PackFields f) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("title", f.title());
        params.put("description", f.description());
        params.put("category", f.categoryId());
        params.put("level", f.level().name());
        params.put("amount", f.priceAmount());
        params.put("currency", f.priceCurrency());
        params.put("lessons", f.numberOfLessons());
        params.put("minutes", f.lessonMinutes());
        params.put("scheduling", f.schedulingType().name());
        params.put("dates", dates(f.fixedDates()));
        params.put("preliminary", f.preliminaryMeetingRequired());
        params.put("maxDays", f.maxCompletionDays());
        return params;
    }

    void setPublished(UUID id, boolean published, Instant now) {
        jdbc.sql("""
                UPDATE course_packs SET published = :published, version = version + 1, updated_at = :now
                WHERE tenant_id = :t AND id = :id
                """)
                .param("id", id)
                .param("t", tenant())
                .param("published", published)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    void markRemoved(UUID id, String reason, UUID removedBy, Instant now) {
        jdbc.sql("""
                UPDATE course_packs SET moderation_status = 'REMOVED', published = FALSE, removal_reason = :reason,
                    removed_by = :by, removed_at = :now, version = version + 1, updated_at = :now
                WHERE tenant_id = :t AND id = :id
                """)
                .param("id", id)
                .param("t", tenant())
                .param("reason", reason)
                .param("by", removedBy)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM course_packs WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .update();
    }

    void touch(UUID id, Instant now) {
        jdbc.sql("UPDATE course_packs SET version = version + 1, updated_at = :now WHERE tenant_id = :t AND id = :id")
                .param("id", id)
                .param("t", tenant())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    // ---- materials

    private static final String MATERIAL_COLUMNS = """
            id, pack_id, kind, title, description, url, storage_key, content_type, size_bytes, sha256, file_name,
            position, created_at, updated_at
            """;

    private static MaterialRow material(ResultSet rs, int row) throws SQLException {
        long size = rs.getLong("size_bytes");
        Long sizeBytes = rs.wasNull() ? null : size;
        return new MaterialRow(
                rs.getObject("id", UUID.class),
                rs.getObject("pack_id", UUID.class),
                MaterialKind.valueOf(rs.getString("kind")),
                rs.getString("title"),
                rs.getString("description"),
                rs.getString("url"),
                rs.getString("storage_key"),
                rs.getString("content_type"),
                sizeBytes,
                rs.getString("sha256"),
                rs.getString("file_name"),
                rs.getInt("position"),
                requiredInstant(rs, "created_at"),
                requiredInstant(rs, "updated_at"));
    }

    List<MaterialRow> materials(UUID packId) {
        return jdbc.sql("SELECT " + MATERIAL_COLUMNS
                        + " FROM course_materials WHERE tenant_id = :t AND pack_id = :pack ORDER BY position, id"
                        + " LIMIT :max")
                .param("t", tenant())
                .param("pack", packId)
                .param("max", CoursePacks.MAX_MATERIALS)
                .query(CoursePackStore::material)
                .list();
    }

    int materialCount(UUID packId) {
        return jdbc.sql("SELECT count(*) FROM course_materials WHERE tenant_id = :t AND pack_id = :pack")
                .param("t", tenant())
                .param("pack", packId)
                .query(Integer.class)
                .single();
    }

    Optional<MaterialRow> material(UUID packId, UUID id) {
        return jdbc.sql("SELECT " + MATERIAL_COLUMNS
                        + " FROM course_materials WHERE tenant_id = :t AND pack_id = :pack AND id = :id")
                .param("t", tenant())
                .param("pack", packId)
                .param("id", id)
                .query(CoursePackStore::material)
                .optional();
    }

    void insertMaterial(MaterialRow m) {
        jdbc.sql("""
                INSERT INTO course_materials (id, tenant_id, pack_id, kind, title, description, url, storage_key,
                    content_type, size_bytes, sha256, file_name, position, created_at, updated_at)
                VALUES (:id, :t, :pack, :kind, :title, :description, :url, :key, :type, :size, :sha, :fileName,
                    (SELECT coalesce(max(position), 0) + 1 FROM course_materials WHERE tenant_id = :t AND pack_id = :pack),
                    :now, :now)
                """)
                .param("id", m.id())
                .param("t", tenant())
                .param("pack", m.packId())
                .param("kind", m.kind().name())
                .param("title", m.title())
                .param("description", m.description())
                .param("url", m.url())
                .param("key", m.storageKey())
                .param("type", m.contentType())
                .param("size", m.sizeBytes())
                .param("sha", m.sha256())
                .param("fileName", m.fileName())
                .param("now", m.createdAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    void updateMaterial(UUID id, String title, @Nullable String description, @Nullable String url, Instant now) {
        jdbc.sql("""
                UPDATE course_materials SET title = :title, description = :description, url = :url, updated_at = :now
                WHERE tenant_id = :t AND id = :id
                """)
                .param("id", id)
                .param("t", tenant())
                .param("title", title)
                .param("description", description)
                .param("url", url)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    void setPosition(UUID id, int position) {
        jdbc.sql("UPDATE course_materials SET position = :position WHERE tenant_id = :t AND id = :id")
                .param("id", id)
                .param("t", tenant())
                .param("position", position)
                .update();
    }

    void deleteMaterial(UUID id) {
        jdbc.sql("DELETE FROM course_materials WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .update();
    }
}
