package io.lyceum.agents;

import io.lyceum.accounts.PersonalDataContributor;
import io.lyceum.accounts.UserErased;
import io.lyceum.platform.PersonalDataRows;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The agents module's share of a user's personal data. Export ({@code sections.agents}): the user's API keys (name,
 * scope, hint, dates; never the key's hash), the assistant's conversations with every message and tool call, the log
 * of the user's agent executions (input and output as kept), and the agent settings the user last changed as an admin.
 * Erasure (on {@link UserErased}): keys and conversations are deleted; executions stay for the tenant's statistics
 * without the user, input, output or error; the user is no longer named as the last editor of agent settings.
 */
@Component
class AgentsPersonalData implements PersonalDataContributor {

    private final PersonalDataRows rows;
    private final JdbcClient jdbc;

    AgentsPersonalData(PersonalDataRows rows, JdbcClient jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "agents";
    }

    @Override
    public Map<String, Object> collect(UUID userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("apiKeys", rows.rows("agent_api_keys", "t.user_id = :user", "created_at", userId, "key_hash"));
        data.put("conversations", rows.rows("agent_conversations", "t.user_id = :user", "created_at", userId));
        data.put(
                "conversationMessages",
                rows.rows(
                        "agent_conversation_messages",
                        "t.conversation_id IN (SELECT c.id FROM agent_conversations c WHERE c.user_id = :user)",
                        "created_at, t.seq",
                        userId));
        data.put("executions", rows.rows("agent_executions", "t.user_id = :user", "created_at", userId));
        data.put("agentSettingsChanged", rows.rows("agent_overrides", "t.updated_by = :user", "created_at", userId));
        return data;
    }

    @ApplicationModuleListener
    void on(UserErased event) {
        UUID tenant = event.tenantId().value();
        UUID user = event.userId().value();
        jdbc.sql("DELETE FROM agent_api_keys WHERE tenant_id = :t AND user_id = :u")
                .param("t", tenant)
                .param("u", user)
                .update();
        // the messages go with their conversation (ON DELETE CASCADE)
        jdbc.sql("DELETE FROM agent_conversations WHERE tenant_id = :t AND user_id = :u")
                .param("t", tenant)
                .param("u", user)
                .update();
        jdbc.sql("""
                UPDATE agent_executions SET user_id = NULL, input = NULL, output = NULL, error = NULL
                 WHERE tenant_id = :t AND user_id = :u
                """).param("t", tenant).param("u", user).update();
        jdbc.sql("UPDATE agent_overrides SET updated_by = NULL WHERE tenant_id = :t AND updated_by = :u")
                .param("t", tenant)
                .param("u", user)
                .update();
    }
}
