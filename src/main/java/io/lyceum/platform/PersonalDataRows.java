package io.lyceum.platform;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the rows of a module's table that concern a user, whole, for the personal-data export: PostgreSQL renders
 * each row as JSON (every column, so a column added later is exported too), without the tenant id.
 */
@Component
public class PersonalDataRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    PersonalDataRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The rows of {@code table} matching {@code condition} (SQL over the alias {@code t}, with {@code :user} bound to
     * the user's id), oldest first by {@code orderBy}, each minus the named columns and {@code tenant_id}.
     */
    public List<Map<String, Object>> rows(
            String table, String condition, String orderBy, UUID user, String... withoutColumns) {
        String removed = String.join(
                " ",
                java.util.stream.Stream.concat(
                                java.util.stream.Stream.of("tenant_id"), java.util.Arrays.stream(withoutColumns))
                        .map(column -> "- '" + column + "'")
                        .toList());
        String json = jdbc.sql("SELECT coalesce(jsonb_agg(to_jsonb(t) " + removed + " ORDER BY t." + orderBy
                        + "), '[]'::jsonb)::text FROM " + table + " t WHERE " + condition)
                .param("user", user)
                .query(String.class)
                .single();
        return JSON.readValue(json, new TypeReference<List<Map<String, Object>>>() {});
    }
}
