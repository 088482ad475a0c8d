package io.lyceum.accounts;

import static io.lyceum.accounts.UserStore.utc;

import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The queries and locks of admin user management, over the current tenant's users. */
@Repository
class AdminUserStore {

    /** Sortable fields of the user list and their columns; the trigram indexes serve the substring filters. */
    static final Map<String, String> SORT_COLUMNS =
            Map.of("createdAt", "created_at", "email", "email_normalized", "fullName", "lower(full_name)");

    private final JdbcClient jdbc;
    private final Clock clock;

    AdminUserStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Filters of the user list. Roles and statuses match any of the given values; email and name are partial and
     * case-insensitive; every word of {@code q} must appear in the name or the email.
     */
    record UserFilter(List<Role> roles, List<UserStatus> statuses, String email, String name, String q) {}

    PageResponse<User> search(UserFilter filter, PageQuery page) {
        var where = new StringBuilder("tenant_id = :tenant");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", TenantContext.require().value());
        if (filter.roles() != null && !filter.roles().isEmpty()) {
            where.append(" AND role IN (:roles)");
            params.put("roles", filter.roles().stream().map(Enum::name).toList());
        }
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            where.append(" AND status IN (:statuses)");
            params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
        }
        if (filter.email() != null && !filter.email().isBlank()) {
            where.append(" AND email_normalized LIKE :email ESCAPE '\\'");
            params.put("email", contains(filter.email()));
        }
        if (filter.name() != null && !filter.name().isBlank()) {
            where.append(" AND lower(full_name) LIKE :name ESCAPE '\\'");
            params.put("name", contains(filter.name()));
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            String[] words = filter.q().trim().split("\\s+");
            for (int i = 0; i < Math.min(words.length, 5); i++) {
                where.append(
                        " AND (lower(full_name) LIKE :q%1$d ESCAPE '\\' OR email_normalized LIKE :q%1$d ESCAPE '\\')"
                                .formatted(i));
                params.put("q" + i, contains(words[i]));
            }
        }
        long total = jdbc.sql("SELECT count(*) FROM users WHERE " + where)
                .params(params)
                .query(Long.class)
                .single();
        List<User> content = jdbc.sql("SELECT " + UserStore.COLUMNS + " FROM users WHERE " + where + " ORDER BY "
                        + orderBy(page) + " LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(UserStore::map)
                .list();
        return PageResponse.of(content, page, total);
    }

    private static String orderBy(PageQuery page) {
        List<String> terms = new ArrayList<>();
        for (PageQuery.Sort sort : page.sort()) {
            terms.add(SORT_COLUMNS.get(sort.field()) + (sort.ascending() ? " ASC" : " DESC"));
        }
        if (terms.isEmpty()) {
            terms.add("created_at DESC");
        }
        terms.add("id DESC");
        return terms.stream().collect(Collectors.joining(", "));
    }

    /** A LIKE pattern matching the text anywhere, with the caller's wildcards taken literally. */
    static String contains(String text) {
        String escaped = text.trim()
                .toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
        return "%" + escaped + "%";
    }

    /**
     * Locks the tenant's active owners (in id order, so two transactions queue instead of deadlocking) and returns
     * their ids. Whoever changes an owner holds these locks until commit, so the count a transaction sees cannot be
     * changed by a concurrent one: the last-owner rule holds under concurrency.
     */
    List<UUID> lockActiveOwners() {
        return jdbc.sql("""
                SELECT id FROM users
                 WHERE tenant_id = :tenant AND role = 'OWNER' AND status = 'ACTIVE'
                 ORDER BY id
                   FOR UPDATE
                """)
                .param("tenant", TenantContext.require().value())
                .query(UUID.class)
                .list();
    }

    Optional<User> lock(UUID id) {
        return jdbc.sql("SELECT " + UserStore.COLUMNS + " FROM users WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(UserStore::map)
                .optional();
    }

    void updateRole(UUID id, Role role) {
        jdbc.sql("UPDATE users SET role = :role, updated_at = :now, version = version + 1 WHERE id = :id")
                .param("role", role.name())
                .param("now", utc(clock.instant()))
                .param("id", id)
                .update();
    }
}
