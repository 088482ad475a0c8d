package io.lyceum.agents;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.platform.AdministrativeAction;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Agent settings per tenant (seed 002's agent overrides): each null field means the design default of
 * {@code lyceum.agents.defaults} and the agent's own prompt. Admins create, change and retire them; each change is an
 * administrative action in the audit log. The assistant and the tutor search read the effective settings on each run.
 */
@Service
class AgentOverrides {

    /** The design-time agents an override may name. */
    static final String ASSISTANT = "assistant";

    static final String TUTOR_SEARCH = "tutor-search";
    static final Set<String> AGENTS = Set.of(ASSISTANT, TUTOR_SEARCH);

    private static final Set<String> FIELDS = Set.of(
            "agentName",
            "provider",
            "model",
            "systemPrompt",
            "temperature",
            "maxTokens",
            "responseFormat",
            "selectedTools",
            "guardrails",
            "enabled");

    record Guardrails(
            @Nullable Integer maxToolCalls,
            @Nullable Integer timeoutSeconds,
            @Nullable Integer maxTokenBudget) {}

    record OverrideView(
            UUID id,
            String agentName,
            @Nullable String provider,
            @Nullable String model,
            @Nullable String systemPrompt,
            @Nullable BigDecimal temperature,
            @Nullable Integer maxTokens,
            @Nullable String responseFormat,
            @Nullable List<String> selectedTools,
            @Nullable Guardrails guardrails,
            boolean enabled,
            @Nullable UUID updatedBy,
            Instant createdAt,
            Instant updatedAt,
            boolean isActive) {}

    /** What a run uses: the override's values where set, the design defaults elsewhere. */
    record Effective(
            String agentName,
            boolean enabled,
            String provider,
            @Nullable String model,
            String systemPrompt,
            BigDecimal temperature,
            int maxTokens,
            String responseFormat,
            @Nullable List<String> selectedTools,
            int maxToolCalls,
            Duration timeout,
            int maxTokenBudget) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    /** Looked up when needed: tools (the tutor-search tool) depend on these settings in turn. */
    private final org.springframework.beans.factory.ObjectProvider<ToolRegistry> tools;

    private final AgentsProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    AgentOverrides(
            JdbcClient jdbc,
            JsonMapper json,
            Clock clock,
            org.springframework.beans.factory.ObjectProvider<ToolRegistry> tools,
            AgentsProperties properties,
            ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.tools = tools;
        this.properties = properties;
        this.events = events;
        this.transactions = transactions;
    }

    PageResponse<OverrideView> list(PageQuery page) {
        List<OverrideView> rows = jdbc.sql(
                        "SELECT * FROM agent_overrides WHERE active ORDER BY agent_name LIMIT :limit OFFSET :offset")
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(this::view)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM agent_overrides WHERE active")
                .query(Long.class)
                .single();
        return PageResponse.of(rows, page, total);
    }

    OverrideView get(UUID id) {
        return find(id).orElseThrow(AgentOverrides::notFound);
    }

    private Optional<OverrideView> find(UUID id) {
        return jdbc.sql("SELECT * FROM agent_overrides WHERE id = :id AND active")
                .param("id", id)
                .query(this::view)
                .optional();
    }

    OverrideView create(CurrentUser admin, JsonNode body) {
        Map<String, Object> values = validate(body, true);
        UUID id = Ids.newId();
        Instant now = clock.instant();
        try {
            transactions.executeWithoutResult(tx -> {
                jdbc.sql("""
                        INSERT INTO agent_overrides (id, tenant_id, agent_name, provider, model, system_prompt,
                               temperature, max_tokens, response_format, selected_tools, guardrails, enabled,
                               updated_by, created_at, updated_at)
                        VALUES (:id, :t, :agentName, :provider, :model, :systemPrompt, :temperature, :maxTokens,
                                :responseFormat, CAST(:selectedTools AS jsonb), CAST(:guardrails AS jsonb), true, :by,
                                :now, :now)
                        """)
                        .param("id", id)
                        .param("t", TenantContext.require().value())
                        .param("agentName", values.get("agentName"))
                        .param("provider", values.get("provider"))
                        .param("model", values.get("model"))
                        .param("systemPrompt", values.get("systemPrompt"))
                        .param("temperature", values.get("temperature"))
                        .param("maxTokens", values.get("maxTokens"))
                        .param("responseFormat", values.get("responseFormat"))
                        .param("selectedTools", jsonOrNull(values.get("selectedTools")))
                        .param("guardrails", jsonOrNull(values.get("guardrails")))
                        .param("by", admin.userId().value())
                        .param("now", now.atOffset(ZoneOffset.UTC))
                        .update();
                audit(admin, "agent_override.created", id, Map.of(), summary(values));
            });
        } catch (DuplicateKeyException e) {
            throw LyceumException.conflict(
                    "agents.override_exists", "This agent already has an override; change it with PATCH instead.");
        }
        return get(id);
    }

    OverrideView update(CurrentUser admin, UUID id, JsonNode body) {
        Map<String, Object> values = validate(body, false);
        return transactions.execute(tx -> {
            OverrideView before = jdbc.sql("SELECT * FROM agent_overrides WHERE id = :id AND active FOR UPDATE")
                    .param("id", id)
                    .query(this::view)
                    .optional()
                    .orElseThrow(AgentOverrides::notFound);
            Map<String, String> columns = Map.of(
                    "provider", "provider",
                    "model", "model",
                    "systemPrompt", "system_prompt",
                    "temperature", "temperature",
                    "maxTokens", "max_tokens",
                    "responseFormat", "response_format",
                    "selectedTools", "selected_tools",
                    "guardrails", "guardrails",
                    "enabled", "enabled");
            StringBuilder set = new StringBuilder("updated_by = :by, updated_at = :now");
            Map<String, Object> params = new LinkedHashMap<>();
            for (var entry : values.entrySet()) {
                // validate() keeps only fields named above (agentName is refused on update)
                String column = Objects.requireNonNull(columns.get(entry.getKey()));
                boolean isJson = column.equals("selected_tools") || column.equals("guardrails");
                set.append(", ")
                        .append(column)
                        .append(" = ")
                        .append(isJson ? "CAST(:" + entry.getKey() + " AS jsonb)" : ":" + entry.getKey());
                params.put(entry.getKey(), isJson ? jsonOrNull(entry.getValue()) : entry.getValue());
            }
            var statement = jdbc.sql("UPDATE agent_overrides SET " + set + " WHERE id = :id")
                    .param("id", id)
                    .param("by", admin.userId().value())
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC));
            for (var p : params.entrySet()) {
                statement = statement.param(p.getKey(), p.getValue());
            }
            statement.update();
            audit(admin, "agent_override.updated", id, Map.of("agentName", before.agentName()), summary(values));
            return get(id);
        });
    }

    /** Retires the override (seed 002: isActive false); the agent runs on its design defaults again. */
    OverrideView delete(CurrentUser admin, UUID id) {
        return transactions.execute(tx -> {
            OverrideView before = get(id);
            jdbc.sql("UPDATE agent_overrides SET active = false, updated_by = :by, updated_at = :now WHERE id = :id")
                    .param("id", id)
                    .param("by", admin.userId().value())
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
            audit(
                    admin,
                    "agent_override.deleted",
                    id,
                    Map.of("agentName", before.agentName()),
                    Map.of("isActive", false));
            return new OverrideView(
                    before.id(),
                    before.agentName(),
                    before.provider(),
                    before.model(),
                    before.systemPrompt(),
                    before.temperature(),
                    before.maxTokens(),
                    before.responseFormat(),
                    before.selectedTools(),
                    before.guardrails(),
                    before.enabled(),
                    admin.userId().value(),
                    before.createdAt(),
                    clock.instant(),
                    false);
        });
    }

    /** The effective settings of a design-time agent in the current tenant. */
    Effective effective(String agentName, String designPrompt) {
        Optional<OverrideView> o = jdbc.sql("SELECT * FROM agent_overrides WHERE agent_name = :name AND active")
                .param("name", agentName)
                .query(this::view)
                .optional();
        var d = properties.defaults();
        var m = properties.model();
        Guardrails g = o.map(OverrideView::guardrails).orElse(null);
        return new Effective(
                agentName,
                o.map(OverrideView::enabled).orElse(true),
                o.map(OverrideView::provider).orElse(m.provider()),
                o.map(OverrideView::model).orElse(m.name()),
                o.map(OverrideView::systemPrompt).orElse(designPrompt),
                o.map(OverrideView::temperature).orElse(d.temperature()),
                o.map(OverrideView::maxTokens).orElse(d.maxTokens()),
                o.map(OverrideView::responseFormat).orElse("text"),
                o.map(OverrideView::selectedTools).orElse(null),
                g != null && g.maxToolCalls() != null ? g.maxToolCalls() : d.maxToolCalls(),
                g != null && g.timeoutSeconds() != null ? Duration.ofSeconds(g.timeoutSeconds()) : d.timeout(),
                g != null && g.maxTokenBudget() != null ? g.maxTokenBudget() : d.maxTokenBudget());
    }

    /** Every error of the body at once (422 agents.invalid_override); the values present, null meaning the default. */
    private Map<String, Object> validate(JsonNode body, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        if (body == null || !body.isObject()) {
            throw LyceumException.invalid(
                    "agents.invalid_override",
                    "The override has invalid fields.",
                    List.of(new FieldError("body", "must be a JSON object")));
        }
        for (Iterator<String> names = body.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "is not a field of an agent override"));
            }
        }
        if (creating) {
            JsonNode agent = body.get("agentName");
            if (agent == null || !agent.isString() || !AGENTS.contains(agent.asString())) {
                errors.add(new FieldError(
                        "agentName",
                        "must be one of " + AGENTS.stream().sorted().toList()));
            } else {
                values.put("agentName", agent.asString());
            }
            if (body.has("enabled")) {
                errors.add(new FieldError("enabled", "is set with PATCH; a new override is enabled"));
            }
        } else if (body.has("agentName")) {
            errors.add(new FieldError("agentName", "cannot be changed; create an override for another agent"));
        }
        text(body, "provider", 40, values, errors);
        text(body, "model", 200, values, errors);
        text(body, "systemPrompt", 20_000, values, errors);
        if (body.has("temperature")) {
            JsonNode t = body.get("temperature");
            if (t.isNull()) {
                values.put("temperature", null);
            } else if (!t.isNumber()
                    || t.decimalValue().compareTo(BigDecimal.ZERO) < 0
                    || t.decimalValue().compareTo(BigDecimal.TWO) > 0) {
                errors.add(new FieldError("temperature", "must be a number from 0 to 2"));
            } else {
                values.put("temperature", t.decimalValue());
            }
        }
        integer(body, "maxTokens", 1, 200_000, values, errors);
        if (body.has("responseFormat")) {
            JsonNode f = body.get("responseFormat");
            if (f.isNull()) {
                values.put("responseFormat", null);
            } else if (!f.isString() || !Set.of("text", "json").contains(f.asString())) {
                errors.add(new FieldError("responseFormat", "must be text or json"));
            } else {
                values.put("responseFormat", f.asString());
            }
        }
        if (body.has("selectedTools")) {
            JsonNode s = body.get("selectedTools");
            if (s.isNull()) {
                values.put("selectedTools", null);
            } else if (!s.isArray() || s.size() > 100) {
                errors.add(new FieldError("selectedTools", "must be an array of tool names from the tool catalog"));
            } else {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < s.size(); i++) {
                    JsonNode n = s.get(i);
                    if (!n.isString() || tools.getObject().find(n.asString()).isEmpty()) {
                        errors.add(new FieldError("selectedTools[" + i + "]", "is not a tool of the catalog"));
                    } else {
                        names.add(n.asString());
                    }
                }
                values.put("selectedTools", names);
            }
        }
        if (body.has("guardrails")) {
            JsonNode g = body.get("guardrails");
            if (g.isNull()) {
                values.put("guardrails", null);
            } else if (!g.isObject()) {
                errors.add(new FieldError(
                        "guardrails", "must be an object {maxToolCalls, timeoutSeconds, maxTokenBudget}"));
            } else {
                Map<String, Object> rails = new LinkedHashMap<>();
                for (Iterator<String> names = g.propertyNames().iterator(); names.hasNext(); ) {
                    String name = names.next();
                    if (!Set.of("maxToolCalls", "timeoutSeconds", "maxTokenBudget")
                            .contains(name)) {
                        errors.add(new FieldError("guardrails." + name, "is not a guardrail"));
                    }
                }
                integerIn(g, "maxToolCalls", 0, 100, "guardrails.", rails, errors);
                integerIn(g, "timeoutSeconds", 1, 600, "guardrails.", rails, errors);
                integerIn(g, "maxTokenBudget", 1, 10_000_000, "guardrails.", rails, errors);
                values.put(
                        "guardrails",
                        new Guardrails(
                                (Integer) rails.get("maxToolCalls"), (Integer) rails.get("timeoutSeconds"), (Integer)
                                        rails.get("maxTokenBudget")));
            }
        }
        if (body.has("enabled") && !creating) {
            JsonNode e = body.get("enabled");
            if (!e.isBoolean()) {
                errors.add(new FieldError("enabled", "must be true or false"));
            } else {
                values.put("enabled", e.booleanValue());
            }
        }
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("agents.invalid_override", "The override has invalid fields.", errors);
        }
        return values;
    }

    private static void text(JsonNode body, String name, int max, Map<String, Object> values, List<FieldError> errors) {
        if (!body.has(name)) {
            return;
        }
        JsonNode v = body.get(name);
        if (v.isNull()) {
            values.put(name, null);
        } else if (!v.isString() || v.asString().isBlank() || v.asString().length() > max) {
            errors.add(new FieldError(name, "must be text of 1 to " + max + " characters, or null for the default"));
        } else {
            values.put(name, v.asString().strip());
        }
    }

    private static void integer(
            JsonNode body, String name, int min, int max, Map<String, Object> values, List<FieldError> errors) {
        integerIn(body, name, min, max, "", values, errors);
    }

    private static void integerIn(
            JsonNode body,
            String name,
            int min,
            int max,
            String prefix,
            Map<String, Object> values,
            List<FieldError> errors) {
        if (!body.has(name)) {
            return;
        }
        JsonNode v = body.get(name);
        if (v.isNull()) {
            values.put(name, null);
        } else if (!v.isIntegralNumber() || v.longValue() < min || v.longValue() > max) {
            errors.add(new FieldError(prefix + name, "must be a whole number from " + min + " to " + max));
        } else {
            values.put(name, v.intValue());
        }
    }

    private @Nullable String jsonOrNull(@Nullable Object value) {

        return value == null ? null : json.writeValueAsString(value);
    }

    private static Map<String, Object> summary(Map<String, Object> values) {
        Map<String, Object> summary = new LinkedHashMap<>();
        values.forEach((k, v) ->
                summary.put(k, v == null ? "default" : k.equals("systemPrompt") ? "(changed)" : v.toString()));
        return summary;
    }

    private void audit(
            CurrentUser admin, String action, UUID id, Map<String, Object> before, Map<String, Object> after) {
        events.publishEvent(AdministrativeAction.of(
                admin.tenantId().value(),
                admin.userId().value(),
                action,
                "AGENT_OVERRIDE",
                id,
                before,
                after,
                null,
                clock.instant()));
    }

    private OverrideView view(ResultSet rs, int row) throws SQLException {
        String tools = rs.getString("selected_tools");
        String rails = rs.getString("guardrails");
        return new OverrideView(
                rs.getObject("id", UUID.class),
                rs.getString("agent_name"),
                rs.getString("provider"),
                rs.getString("model"),
                rs.getString("system_prompt"),
                rs.getBigDecimal("temperature"),
                (Integer) rs.getObject("max_tokens"),
                rs.getString("response_format"),
                tools == null ? null : List.of(json.readValue(tools, String[].class)),
                rails == null ? null : json.readValue(rails, Guardrails.class),
                rs.getBoolean("enabled"),
                rs.getObject("updated_by", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getBoolean("active"));
    }

    private static LyceumException notFound() {
        return LyceumException.notFound("agents.override_not_found", "No agent override with this id.");
    }
}
