package io.lyceum.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.lyceum.accounts.UserErased;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Tenants;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The agents' data in the personal-data export ({@code sections.agents}) and its erasure when accounts publishes
 * {@link UserErased}: keys and conversations deleted, executions kept without the user and their texts, the user no
 * longer named on agent settings; nobody else's data touched.
 */
class AgentsPersonalDataTests extends ModelTestBase {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theExportHoldsTheUsersAgentsDataAndErasureRemovesOrAnonymisesIt() {
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn bystander = Accounts.newUser("STUDENT");
        String secret = McpServerTests.createKey(student, "READ_ONLY");
        String bystanderSecret = McpServerTests.createKey(bystander, "FULL");
        onFirstTurn("EXPORTMARK", "my_wallet", Map.of());
        afterTool("EXPORTMARK", "Your wallet ", "is empty.");
        String conversationId = student.api()
                .contentType("application/json")
                .body(Map.of("message", "EXPORTMARK what is in my wallet?"))
                .post("/api/v1/agents/chat")
                .then()
                .statusCode(200)
                .extract()
                .path("conversationId");
        String slug = Tenants.uniqueSlug("agentsdata");
        SignedIn owner = Tenants.newTenantWithOwner(slug);
        TenantId ownersTenant = Tenants.idOf(jdbc, slug);
        String overrideId = owner.api()
                .header("X-Tenant", slug)
                .contentType("application/json")
                .body(Map.of("agentName", "assistant", "model", "llama3.1"))
                .post("/api/v1/agents/overrides")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        student.api()
                .get("/api/v1/users/me/export")
                .then()
                .statusCode(200)
                .body("sections.agents.apiKeys.size()", equalTo(1))
                .body("sections.agents.apiKeys[0].scope", equalTo("READ_ONLY"))
                .body("sections.agents.apiKeys[0].key_hint", equalTo(hintOf(secret)))
                // the key itself is never exported, not even its hash
                .body("sections.agents.apiKeys[0].key_hash", nullValue())
                .body("sections.agents.apiKeys[0].tenant_id", nullValue())
                .body("sections.agents.conversations.id", equalTo(List.of(conversationId)))
                .body("sections.agents.conversationMessages.role", equalTo(List.of("user", "tool", "assistant")))
                .body("sections.agents.conversationMessages[2].content.text", equalTo("Your wallet is empty."))
                .body("sections.agents.executions.size()", equalTo(1))
                .body("sections.agents.executions[0].input", equalTo("EXPORTMARK what is in my wallet?"))
                .body("sections.agents.agentSettingsChanged", equalTo(List.of()));
        owner.api()
                .header("X-Tenant", slug)
                .get("/api/v1/users/me/export")
                .then()
                .statusCode(200)
                .body("sections.agents.agentSettingsChanged.id", equalTo(List.of(overrideId)))
                .body("sections.agents.apiKeys", equalTo(List.of()));
        // nothing of the student's in someone else's export
        bystander
                .api()
                .get("/api/v1/users/me/export")
                .then()
                .statusCode(200)
                .body("sections.agents.apiKeys.key_hint", hasItem(hintOf(bystanderSecret)))
                .body("sections.agents.conversations", equalTo(List.of()))
                .body("sections.agents.executions", equalTo(List.of()));

        UUID execution = TenantContext.callAs(
                TenantId.DEFAULT, () -> jdbc.sql("SELECT id FROM agent_executions WHERE user_id = :u")
                        .param("u", student.userId())
                        .query(UUID.class)
                        .single());
        erased(student.userId(), TenantId.DEFAULT);
        erased(owner.userId(), ownersTenant);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(count(
                        TenantId.DEFAULT, "SELECT count(*) FROM agent_api_keys WHERE user_id = :u", student.userId()))
                .isZero());
        assertThat(count(
                        TenantId.DEFAULT,
                        "SELECT count(*) FROM agent_conversations WHERE user_id = :u",
                        student.userId()))
                .isZero();
        assertThat(count(
                        TenantId.DEFAULT,
                        "SELECT count(*) FROM agent_conversation_messages WHERE conversation_id = :u",
                        UUID.fromString(conversationId)))
                .isZero();
        assertThat(count(
                        TenantId.DEFAULT, "SELECT count(*) FROM agent_executions WHERE user_id = :u", student.userId()))
                .isZero();
        // the execution stays for the tenant's statistics, without the user and the texts
        assertThat(TenantContext.callAs(TenantId.DEFAULT, () -> jdbc.sql(
                                "SELECT user_id, input, output, tool_calls FROM agent_executions WHERE id = :id")
                        .param("id", execution)
                        .query()
                        .singleRow()))
                .containsEntry("user_id", null)
                .containsEntry("input", null)
                .containsEntry("output", null)
                .containsEntry("tool_calls", 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(count(
                        ownersTenant,
                        "SELECT count(*) FROM agent_overrides WHERE updated_by IS NULL AND id = :u",
                        UUID.fromString(overrideId)))
                .isEqualTo(1));
        // the erased user's key no longer opens anything; the bystander's still does
        io.lyceum.testsupport.http.Http.given()
                .header("Authorization", "Bearer " + secret)
                .get("/api/v1/agents/tools")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.invalid_api_key"));
        io.lyceum.testsupport.http.Http.given()
                .header("Authorization", "Bearer " + bystanderSecret)
                .get("/api/v1/agents/tools")
                .then()
                .statusCode(200);
    }

    /** What accounts publishes once it has erased an archived account (see AccountLifecycleApiTests). */
    private void erased(UUID userId, TenantId tenant) {
        transactions.executeWithoutResult(status -> events.publishEvent(new UserErased(UserId.of(userId), tenant)));
    }

    private static String hintOf(String secret) {
        return "lyk_…" + secret.substring(secret.length() - 6);
    }

    private long count(TenantId tenant, String sql, UUID id) {
        return TenantContext.callAs(
                tenant, () -> jdbc.sql(sql).param("u", id).query(Long.class).single());
    }
}
