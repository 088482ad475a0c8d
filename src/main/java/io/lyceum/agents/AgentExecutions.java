package io.lyceum.agents;

import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The executions log (seed 002): one row per agent run with its input and output truncated, the number of tool
 * calls, token usage, duration and how it ended. Written after the run, outside any model call.
 */
@Service
class AgentExecutions {

    /** Input and output are kept up to this many characters. */
    static final int MAX_TEXT = 4000;

    enum Status {
        success,
        error,
        timeout,
        guardrail
    }

    record TokenUsage(
            @Nullable Integer prompt,
            @Nullable Integer completion,
            @Nullable Integer total) {}

    record Execution(
            UUID id,
            String agentName,
            String agentType,
            String source,
            @Nullable UUID userId,
            @Nullable String input,
            @Nullable String output,
            int toolCalls,
            TokenUsage tokenUsage,
            long durationMs,
            Status status,
            @Nullable String error,
            Instant createdAt) {}

    private final JdbcClient jdbc;

    AgentExecutions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(
            String agentName,
            String source,
            @Nullable UUID userId,
            @Nullable String input,
            @Nullable String output,
            int toolCalls,
            @Nullable Integer promptTokens,
            @Nullable Integer completionTokens,
            long durationMs,
            Status status,
            @Nullable String error,
            Instant at) {
        jdbc.sql("""
                INSERT INTO agent_executions (id, tenant_id, agent_name, agent_type, source, user_id, input, output,
                       tool_calls, prompt_tokens, completion_tokens, duration_ms, status, error, created_at)
                VALUES (:id, :t, :agent, 'design', :source, :user, :input, :output, :calls, :prompt, :completion,
                        :duration, :status, :error, :at)
                """)
                .param("id", Ids.newId())
                .param("t", TenantContext.require().value())
                .param("agent", agentName)
                .param("source", source)
                .param("user", userId)
                .param("input", truncate(input))
                .param("output", truncate(output))
                .param("calls", toolCalls)
                .param("prompt", promptTokens)
                .param("completion", completionTokens)
                .param("duration", (int) Math.min(Integer.MAX_VALUE, durationMs))
                .param("status", status.name())
                .param("error", truncate(error))
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    record Filters(
            @Nullable String agentName,
            @Nullable String agentType,
            @Nullable String source,
            @Nullable UUID userId,
            @Nullable Status status) {}

    PageResponse<Execution> list(Filters f, PageQuery page) {
        List<String> where = new ArrayList<>(List.of("true"));
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.agentName() != null && !f.agentName().isBlank()) {
            where.add("agent_name ILIKE :name");
            params.put("name", "%" + f.agentName().strip().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (f.agentType() != null) {
            where.add("agent_type = :type");
            params.put("type", f.agentType());
        }
        if (f.source() != null) {
            where.add("source = :source");
            params.put("source", f.source());
        }
        if (f.userId() != null) {
            where.add("user_id = :user");
            params.put("user", f.userId());
        }
        if (f.status() != null) {
            where.add("status = :status");
            params.put("status", f.status().name());
        }
        String condition = String.join(" AND ", where);
        var rows = jdbc.sql("SELECT * FROM agent_executions WHERE " + condition
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(AgentExecutions::row)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM agent_executions WHERE " + condition)
                .params(params)
                .query(Long.class)
                .single();
        return PageResponse.of(rows, page, total);
    }

    Execution get(UUID id) {
        return jdbc.sql("SELECT * FROM agent_executions WHERE id = :id")
                .param("id", id)
                .query(AgentExecutions::row)
                .optional()
                .orElseThrow(
                        () -> LyceumException.notFound("agents.execution_not_found", "No execution with this id."));
    }

    private static Execution row(ResultSet rs, int n) throws SQLException {
        Integer prompt = (Integer) rs.getObject("prompt_tokens");
        Integer completion = (Integer) rs.getObject("completion_tokens");
        return new Execution(
                rs.getObject("id", UUID.class),
                rs.getString("agent_name"),
                rs.getString("agent_type"),
                rs.getString("source"),
                rs.getObject("user_id", UUID.class),
                rs.getString("input"),
                rs.getString("output"),
                rs.getInt("tool_calls"),
                new TokenUsage(
                        prompt,
                        completion,
                        prompt == null && completion == null ? null : zero(prompt) + zero(completion)),
                rs.getLong("duration_ms"),
                Status.valueOf(rs.getString("status")),
                rs.getString("error"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static int zero(@Nullable Integer value) {
        return value == null ? 0 : value;
    }

    static @Nullable String truncate(@Nullable String text) {

        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, MAX_TEXT) + "… [truncated, " + text.length() + " characters]";
    }
}
