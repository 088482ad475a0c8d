package io.lyceum.agents;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent hub (overrides), the tool gateway and catalog, and the tutor search from a sentence (rules). */
class AgentHubTests extends ApiTestBase {

    @Test
    void anAdminOverridesAnAgentAndEveryBadFieldIsReportedAtOnce() {
        String tenant = Tenants.uniqueSlug("hub");
        SignedIn owner = Tenants.newTenantWithOwner(tenant);
        var bad = new HashMap<String, Object>();
        bad.put("agentName", "nobody");
        bad.put("temperature", 2.5);
        bad.put("maxTokens", 0);
        bad.put("responseFormat", "xml");
        bad.put("selectedTools", List.of("search_tutors", "rm_rf"));
        bad.put("guardrails", Map.of("maxToolCalls", -1, "timeoutSeconds", 0, "nonsense", 1));
        bad.put("colour", "blue");
        owner.api()
                .header("X-Tenant", tenant)
                .contentType("application/json")
                .body(bad)
                .post("/api/v1/agents/overrides")
                .then()
                .statusCode(422)
                .body("code", equalTo("agents.invalid_override"))
                .body(
                        "errors.field",
                        containsInAnyOrder(
                                "agentName",
                                "temperature",
                                "maxTokens",
                                "responseFormat",
                                "selectedTools[1]",
                                "guardrails.maxToolCalls",
                                "guardrails.timeoutSeconds",
                                "guardrails.nonsense",
                                "colour"));

        String id = owner.api()
                .header("X-Tenant", tenant)
                .contentType("application/json")
                .body(Map.of(
                        "agentName",
                        "assistant",
                        "model",
                        "llama3.1",
                        "temperature",
                        0.7,
                        "selectedTools",
                        List.of("search_tutors", "get_tutor"),
                        "guardrails",
                        Map.of("maxToolCalls", 3, "timeoutSeconds", 30)))
                .post("/api/v1/agents/overrides")
                .then()
                .statusCode(201)
                .body("enabled", equalTo(true))
                .body("isActive", equalTo(true))
                .body("temperature", equalTo(0.7f))
                .body("guardrails.maxToolCalls", equalTo(3))
                .body("guardrails.maxTokenBudget", nullValue())
                .body("updatedBy", equalTo(owner.userId().toString()))
                .extract()
                .path("id");
        owner.api()
                .header("X-Tenant", tenant)
                .contentType("application/json")
                .body(Map.of("agentName", "assistant"))
                .post("/api/v1/agents/overrides")
                .then()
                .statusCode(409)
                .body("code", equalTo("agents.override_exists"));

        // PATCH changes only what is sent; null returns a field to the design default
        var patch = new HashMap<String, Object>();
        patch.put("model", null);
        patch.put("enabled", false);
        owner.api()
                .header("X-Tenant", tenant)
                .contentType("application/json")
                .body(patch)
                .patch("/api/v1/agents/overrides/" + id)
                .then()
                .statusCode(200)
                .body("model", nullValue())
                .body("enabled", equalTo(false))
                .body("temperature", equalTo(0.7f));
        owner.api()
                .header("X-Tenant", tenant)
                .contentType("application/json")
                .body(Map.of("agentName", "tutor-search"))
                .patch("/api/v1/agents/overrides/" + id)
                .then()
                .statusCode(422)
                .body("code", equalTo("agents.invalid_override"))
                .body("errors[0].field", equalTo("agentName"));
        owner.api()
                .header("X-Tenant", tenant)
                .get("/api/v1/agents/overrides")
                .then()
                .statusCode(200)
                .body("content.size()", equalTo(1));

        // another tenant's admin does not see it
        SignedIn otherAdmin = Tenants.newStaff(jdbc, "ADMIN", null);
        otherAdmin
                .api()
                .get("/api/v1/agents/overrides/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("agents.override_not_found"));
        // nor may a student
        Accounts.newUser("STUDENT", tenant)
                .api()
                .header("X-Tenant", tenant)
                .get("/api/v1/agents/overrides")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));

        owner.api()
                .header("X-Tenant", tenant)
                .delete("/api/v1/agents/overrides/" + id)
                .then()
                .statusCode(200)
                .body("isActive", equalTo(false));
        owner.api()
                .header("X-Tenant", tenant)
                .get("/api/v1/agents/overrides/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("agents.override_not_found"));
        // the changes reach the audit log (written by the admin module's listener)
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() -> owner.api()
                        .header("X-Tenant", tenant)
                        .get("/api/v1/admin/audit-log?subjectType=AGENT_OVERRIDE")
                        .then()
                        .statusCode(200)
                        .body(
                                "content.action",
                                hasItems(
                                        "agent_override.created", "agent_override.updated", "agent_override.deleted")));
    }

    @Test
    void theGatewayListsAndCallsTheSameToolsAndTheCatalogDescribesThem() {
        var tutor = Tutors.approved(jdbc);
        SignedIn student = Accounts.newUser("STUDENT");
        student.api()
                .get("/api/v1/agents/tools")
                .then()
                .statusCode(200)
                .body("tools.name", hasItems("search_tutors", "book_lesson", "find_tutors_by_description"))
                .body("count", org.hamcrest.Matchers.greaterThanOrEqualTo(15))
                .body(
                        "tools.size()",
                        org.hamcrest.Matchers.equalTo(
                                student.api().get("/api/v1/agents/tools").path("count")));
        student.api()
                .contentType("application/json")
                .body(Map.of(
                        "toolName",
                        "get_tutor",
                        "args",
                        Map.of("tutorId", tutor.id().toString())))
                .post("/api/v1/agents/tools/call")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("result.tutorId", equalTo(tutor.id().toString()))
                .body("result.__frontendAction.type", equalTo("qrcode"));
        student.api()
                .contentType("application/json")
                .body(Map.of("toolName", "get_tutor", "args", Map.of("tutorId", 12)))
                .post("/api/v1/agents/tools/call")
                .then()
                .statusCode(422)
                .body("code", equalTo("agents.invalid_arguments"))
                .body("errors[0].field", equalTo("tutorId"));
        student.api()
                .contentType("application/json")
                .body(Map.of("toolName", "admin_approval_queue", "args", Map.of()))
                .post("/api/v1/agents/tools/call")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        // learning's tools through the gateway: the route's refusal for a student, the schema's errors first
        student.api()
                .contentType("application/json")
                .body(Map.of("toolName", "generate_course", "args", Map.of("videoUrl", "https://youtu.be/x")))
                .post("/api/v1/agents/tools/call")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        student.api()
                .contentType("application/json")
                .body(Map.of("toolName", "generate_course", "args", Map.of("difficulty", "expert")))
                .post("/api/v1/agents/tools/call")
                .then()
                .statusCode(422)
                .body("code", equalTo("agents.invalid_arguments"))
                .body("errors[0].field", equalTo("difficulty"));
        student.api()
                .contentType("application/json")
                .body(Map.of("toolName", "my_course_progress", "args", Map.of()))
                .post("/api/v1/agents/tools/call")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("result.content", equalTo(List.of()))
                .body("result.page.totalElements", equalTo(0));
        student.api()
                .get("/api/v1/agents/tool-catalog?serviceName=learning")
                .then()
                .statusCode(200)
                .body(
                        "toolName",
                        hasItems(
                                "generate_course",
                                "course_generation_status",
                                "get_course",
                                "record_course_progress",
                                "my_course_progress"));
        // the whole catalog, within the bound the API document states
        List<Object> all = student.api()
                .get("/api/v1/agents/tool-catalog")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        org.assertj.core.api.Assertions.assertThat(all)
                .isNotEmpty()
                .hasSizeLessThanOrEqualTo(ToolGatewayController.MAX_TOOLS);
        student.api()
                .get("/api/v1/agents/tool-catalog?serviceName=MESS")
                .then()
                .statusCode(200)
                .body("serviceName", everyItemIs("messaging"))
                .body("toolName", hasItem("send_message"))
                .body("find { it.toolName == 'send_message' }.parameters.required", equalTo(List.of("body")));
    }

    private static org.hamcrest.Matcher<Iterable<? extends Object>> everyItemIs(String value) {
        return org.hamcrest.Matchers.everyItem(equalTo(value));
    }

    @Test
    void aSentenceBecomesSearchFiltersWithoutAModel() {
        var tutor = Tutors.approved(jdbc);
        String subjectName = io.lyceum.tenancy.TenantContext.callAs(
                io.lyceum.tenancy.TenantId.DEFAULT, () -> jdbc.sql("SELECT name FROM subjects WHERE id = :id")
                        .param("id", tutor.subjectId())
                        .query(String.class)
                        .single());
        SignedIn student = Accounts.newUser("STUDENT");
        var body = student.api()
                .contentType("application/json")
                .body(Map.of(
                        "query",
                        "a patient " + subjectName + " tutor for GCSE, under 40 pounds",
                        "timeZone",
                        "Europe/London"))
                .post("/api/v1/agents/tutor-search")
                .then()
                .statusCode(200)
                .body("parser", equalTo("rules"))
                .body("criteria.level", equalTo("GCSE"))
                .body("criteria.maxPrice", equalTo(4000))
                .body("criteria.currency", equalTo("GBP"))
                .body("criteria.q", equalTo("patient"))
                .extract()
                .jsonPath();
        org.assertj.core.api.Assertions.assertThat(body.getString("criteria.subjectId"))
                .isEqualTo(tutor.subjectId().toString());
        // the tutor's headline is "Patient tutor", teaches the subject at GCSE for 30.00 GBP
        org.assertj.core.api.Assertions.assertThat(body.getList("results.content.tutorId"))
                .contains(tutor.id().toString());
        student.api()
                .contentType("application/json")
                .body(Map.of("query", "maths", "timeZone", "Mars/Olympus"))
                .post("/api/v1/agents/tutor-search")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors[0].field", equalTo("timeZone"));
    }
}
