package io.lyceum.catalog;

import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Categories and subjects of the current tenant. */
@Repository
class SubjectCatalog {

    record Category(UUID id, String name, String slug, int position) {}

    record Subject(UUID id, UUID categoryId, String name, List<Level> levels, boolean active) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    SubjectCatalog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    // ---- categories

    /** One page of the tenant's categories, by position, then name. */
    PageResponse<Category> categories(PageQuery page) {
        long total = jdbc.sql("SELECT count(*) FROM categories WHERE tenant_id = :t")
                .param("t", tenant())
                .query(Long.class)
                .single();
        List<Category> content = jdbc.sql("SELECT id, name, slug, position FROM categories WHERE tenant_id = :t "
                        + "ORDER BY position, name, id LIMIT :limit OFFSET :offset")
                .param("t", tenant())
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(Category.class)
                .list();
        return PageResponse.of(content, page, total);
    }

    Category category(UUID id) {
        return jdbc.sql("SELECT id, name, slug, position FROM categories WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .query(Category.class)
                .optional()
                .orElseThrow(() -> LyceumException.notFound("category.not_found", "No such category."));
    }

    @Transactional
    Category createCategory(String name, @Nullable String slug, int position) {
        UUID id = Ids.newId();
        String theSlug = slug == null || slug.isBlank() ? slugOf(name) : slug;
        try {
            jdbc.sql("""
                    INSERT INTO categories (id, tenant_id, name, slug, position, created_at)
                    VALUES (:id, :t, :name, :slug, :position, :now)
                    """)
                    .param("id", id)
                    .param("t", tenant())
                    .param("name", name.trim())
                    .param("slug", theSlug)
                    .param("position", position)
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException e) {
            throw LyceumException.conflict("category.name_taken", "A category with this name or slug exists.");
        }
        return category(id);
    }

    @Transactional
    Category updateCategory(UUID id, String name, @Nullable String slug, int position) {
        category(id);
        String theSlug = slug == null || slug.isBlank() ? slugOf(name) : slug;
        try {
            jdbc.sql(
                            "UPDATE categories SET name = :name, slug = :slug, position = :position WHERE tenant_id = :t AND id = :id")
                    .param("id", id)
                    .param("t", tenant())
                    .param("name", name.trim())
                    .param("slug", theSlug)
                    .param("position", position)
                    .update();
        } catch (DuplicateKeyException e) {
            throw LyceumException.conflict("category.name_taken", "A category with this name or slug exists.");
        }
        return category(id);
    }

    @Transactional
    void deleteCategory(UUID id) {
        category(id);
        long subjects = jdbc.sql("SELECT (SELECT count(*) FROM subjects WHERE tenant_id = :t AND category_id = :id)"
                        + " + (SELECT count(*) FROM course_packs WHERE tenant_id = :t AND category_id = :id)")
                .param("t", tenant())
                .param("id", id)
                .query(Long.class)
                .single();
        if (subjects > 0) {
            throw LyceumException.conflict("category.in_use", "The category still has subjects or course packs.");
        }
        jdbc.sql("DELETE FROM categories WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .update();
    }

    static String slugOf(String name) {
        String slug = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "category" : slug;
    }

    // ---- subjects

    private static Subject subject(ResultSet rs, int row) throws SQLException {
        Array array = rs.getArray("levels");
        List<Level> levels =
                Arrays.stream((String[]) array.getArray()).map(Level::valueOf).toList();
        return new Subject(
                rs.getObject("id", UUID.class),
                rs.getObject("category_id", UUID.class),
                rs.getString("name"),
                levels,
                rs.getBoolean("active"));
    }

    /** Active subjects whose name occurs in the text (case-insensitive), longest names first, at most 20. */
    List<Subject> subjectsNamedIn(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT id, category_id, name, levels, active FROM subjects
                        WHERE tenant_id = :t AND active AND strpos(lower(:text), lower(name)) > 0
                        ORDER BY length(name) DESC, id LIMIT 20
                        """)
                .param("t", tenant())
                .param("text", text.length() > 2000 ? text.substring(0, 2000) : text)
                .query(SubjectCatalog::subject)
                .list();
    }

    PageResponse<Subject> subjects(
            @Nullable UUID categoryId, @Nullable String q, @Nullable Boolean active, PageQuery page) {
        var where = new StringBuilder("tenant_id = :t");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("t", tenant());
        if (categoryId != null) {
            where.append(" AND category_id = :category");
            params.put("category", categoryId);
        }
        if (q != null && !q.isBlank()) {
            where.append(" AND name ILIKE :q ESCAPE '\\'");
            params.put(
                    "q",
                    "%" + q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (active != null) {
            where.append(" AND active = :active");
            params.put("active", active);
        }
        long total = jdbc.sql("SELECT count(*) FROM subjects WHERE " + where)
                .params(params)
                .query(Long.class)
                .single();
        boolean desc = page.sort().stream().findFirst().map(s -> !s.ascending()).orElse(false);
        List<Subject> content = jdbc.sql("SELECT id, category_id, name, levels, active FROM subjects WHERE " + where
                        + " ORDER BY lower(name) " + (desc ? "DESC" : "ASC") + ", id LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(SubjectCatalog::subject)
                .list();
        return PageResponse.of(content, page, total);
    }

    Optional<Subject> findSubject(UUID id) {
        return jdbc.sql("SELECT id, category_id, name, levels, active FROM subjects WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .query(SubjectCatalog::subject)
                .optional();
    }

    Subject subject(UUID id) {
        return findSubject(id).orElseThrow(() -> LyceumException.notFound("subject.not_found", "No such subject."));
    }

    private void requireCategory(UUID categoryId) {
        boolean exists = jdbc.sql("SELECT count(*) FROM categories WHERE tenant_id = :t AND id = :id")
                        .param("t", tenant())
                        .param("id", categoryId)
                        .query(Long.class)
                        .single()
                > 0;
        if (!exists) {
            throw LyceumException.invalid(
                    "subject.invalid", "Unknown category.", List.of(new FieldError("categoryId", "no such category")));
        }
    }

    private static String[] levelArray(List<Level> levels) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(levels))
                .stream().map(Level::name).toArray(String[]::new);
    }

    @Transactional
    Subject createSubject(UUID categoryId, String name, List<Level> levels, boolean active) {
        requireCategory(categoryId);
        UUID id = Ids.newId();
        try {
            jdbc.sql("""
                    INSERT INTO subjects (id, tenant_id, category_id, name, levels, active, created_at)
                    VALUES (:id, :t, :category, :name, :levels, :active, :now)
                    """)
                    .param("id", id)
                    .param("t", tenant())
                    .param("category", categoryId)
                    .param("name", name.trim())
                    .param("levels", levelArray(levels))
                    .param("active", active)
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException e) {
            throw LyceumException.conflict("subject.name_taken", "A subject with this name exists.");
        }
        return subject(id);
    }

    @Transactional
    Subject updateSubject(UUID id, UUID categoryId, String name, List<Level> levels, boolean active) {
        subject(id);
        requireCategory(categoryId);
        try {
            jdbc.sql("""
                    UPDATE subjects SET category_id = :category, name = :name, levels = :levels, active = :active
                    WHERE tenant_id = :t AND id = :id
                    """)
                    .param("id", id)
                    .param("t", tenant())
                    .param("category", categoryId)
                    .param("name", name.trim())
                    .param("levels", levelArray(levels))
                    .param("active", active)
                    .update();
        } catch (DuplicateKeyException e) {
            throw LyceumException.conflict("subject.name_taken", "A subject with this name exists.");
        }
        return subject(id);
    }

    @Transactional
    void deleteSubject(UUID id) {
        subject(id);
        String needle = "[{\"subjectId\":\"" + id + "\"}]";
        long uses = jdbc.sql("""
                SELECT count(*) FROM tutor_profiles
                WHERE tenant_id = :t
                  AND ((draft -> 'subjects') @> CAST(:needle AS jsonb)
                       OR coalesce(published -> 'subjects', '[]'::jsonb) @> CAST(:needle AS jsonb))
                """)
                .param("t", tenant())
                .param("needle", needle)
                .query(Long.class)
                .single();
        if (uses > 0) {
            throw LyceumException.conflict("subject.in_use", "Tutor profiles use this subject; deactivate it instead.");
        }
        jdbc.sql("DELETE FROM subjects WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .update();
    }
}
