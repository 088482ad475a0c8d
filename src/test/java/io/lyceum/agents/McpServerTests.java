package io.lyceum.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.OpenSchedules;
import io.lyceum.testsupport.Tutors;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP server through the SDK's own client over Streamable HTTP: tools listed with schemas, each tool called as
 * the caller, refusals as MCP tool errors carrying the REST problem code, personal keys' scope and revocation.
 */
class McpServerTests extends ApiTestBase {

    private static final JsonMapper JSON = JsonMapper.shared();

    McpSyncClient client(String bearer) {
        var transport = HttpClientStreamableHttpTransport.builder("http://localhost:" + port)
                .endpoint("/mcp")
                .httpRequestCustomizer((builder, method, uri, body, context) -> {
                    if (bearer != null) {
                        builder.header("Authorization", "Bearer " + bearer);
                    }
                })
                .build();
        McpSyncClient client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(CallToolResult result) {
        assertThat(result.isError()).as(text(result)).isFalse();
        return (Map<String, Object>) result.structuredContent();
    }

    static String text(CallToolResult result) {
        return result.content().stream()
                .filter(TextContent.class::isInstance)
                .map(c -> ((TextContent) c).text())
                .findFirst()
                .orElse("");
    }

    /** The problem an MCP tool error carries: the REST problem's status, code, detail and errors. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> problem(CallToolResult result) {
        assertThat(result.isError()).as(text(result)).isTrue();
        return JSON.readValue(text(result), Map.class);
    }

    static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
        return client.callTool(new CallToolRequest(tool, args));
    }

    @Test
    void listsEveryToolWithInputAndOutputSchemas() {
        SignedIn student = Accounts.newUser("STUDENT");
        try (var mcp = client(student.accessToken())) {
            List<Tool> tools = mcp.listTools().tools();
            assertThat(tools)
                    .extracting(Tool::name)
                    .contains(
                            "search_tutors",
                            "get_tutor",
                            "available_slots",
                            "book_lesson",
                            "list_my_bookings",
                            "cancel_booking",
                            "reschedule_booking",
                            "pay_order",
                            "my_wallet",
                            "my_withdrawals",
                            "list_conversations",
                            "read_conversation",
                            "send_message",
                            "admin_approval_queue",
                            "find_tutors_by_description",
                            "my_notifications",
                            "admin_reports_queue");
            assertThat(tools).allSatisfy(tool -> {
                assertThat(tool.inputSchema()).containsEntry("type", "object");
                assertThat(tool.outputSchema()).containsEntry("type", "object");
            });
        }
    }

    @Test
    void aStudentFindsBooksPaysMovesAndCancelsALessonThroughTools() {
        var tutor = Tutors.approved(jdbc);
        OpenSchedules.openAllWeek(jdbc, TenantId.DEFAULT, tutor.id(), false, 0, 0);
        SignedIn student = Accounts.newUser("STUDENT");
        try (var mcp = client(student.accessToken())) {
            Map<String, Object> profile = structured(
                    call(mcp, "get_tutor", Map.of("tutorId", tutor.id().toString())));
            assertThat(profile.get("tutorId")).isEqualTo(tutor.id().toString());
            assertThat(profile).extractingByKey("__frontendAction").asString().contains("qrcode");

            Map<String, Object> search = structured(call(mcp, "search_tutors", Map.of("size", 5)));
            assertThat(search).containsKeys("content", "page", "__frontendAction");

            Map<String, Object> slots = structured(call(
                    mcp,
                    "available_slots",
                    Map.of("tutorId", tutor.id().toString(), "durationMinutes", 60, "timeZone", "Europe/London")));
            @SuppressWarnings("unchecked")
            var free = (List<Map<String, Object>>) slots.get("slots");
            assertThat(free).hasSizeGreaterThan(60);
            // late in the week: outside the reschedule deadline (12 hours before the start)
            String start = (String) free.get(free.size() - 48).get("start");
            String trialStart = (String) free.get(free.size() - 24).get("start");
            String later = (String) free.get(free.size() - 1).get("start");

            String key = UUID.randomUUID().toString();
            Map<String, Object> booking = Map.of(
                    "tutorId", tutor.id().toString(), "startsAt", start, "durationMinutes", 60, "idempotencyKey", key);
            Map<String, Object> booked = structured(call(mcp, "book_lesson", booking));
            assertThat(booked.get("state")).isEqualTo("PENDING_PAYMENT");
            assertThat(booked.get("idempotentReplayed")).isEqualTo(false);
            // the same key again books nothing new: the first answer comes back
            Map<String, Object> again = structured(call(mcp, "book_lesson", booking));
            assertThat(again.get("id")).isEqualTo(booked.get("id"));
            assertThat(again.get("idempotentReplayed")).isEqualTo(true);
            assertThat(count("SELECT count(*) FROM bookings WHERE student_id = :u", student.userId()))
                    .isEqualTo(1);
            // the same key with another request is refused like the REST header
            Map<String, Object> reused = problem(call(
                    mcp,
                    "book_lesson",
                    Map.of(
                            "tutorId",
                            tutor.id().toString(),
                            "startsAt",
                            later,
                            "durationMinutes",
                            60,
                            "idempotencyKey",
                            key)));
            assertThat(reused.get("code")).isEqualTo("idempotency.key_reused");

            String bookingId = (String) booked.get("id");
            Map<String, Object> pay = structured(call(mcp, "pay_order", Map.of("orderId", bookingId)));
            @SuppressWarnings("unchecked")
            var action = (Map<String, Object>) pay.get("__frontendAction");
            assertThat(action)
                    .containsEntry("type", "payment")
                    .containsEntry("amount", 3000)
                    .containsEntry("currency", "GBP");
            assertThat(action.get("orderId")).isEqualTo(pay.get("orderId"));

            Map<String, Object> mine =
                    structured(call(mcp, "list_my_bookings", Map.of("states", List.of("PENDING_PAYMENT"))));
            assertThat(mine.get("content").toString()).contains(bookingId);

            // a free trial is confirmed at once; it can be moved
            Map<String, Object> trial = structured(call(
                    mcp,
                    "book_lesson",
                    Map.of(
                            "tutorId",
                            tutor.id().toString(),
                            "startsAt",
                            trialStart,
                            "durationMinutes",
                            60,
                            "trial",
                            true,
                            "idempotencyKey",
                            UUID.randomUUID().toString())));
            assertThat(trial.get("state")).isEqualTo("CONFIRMED");
            Map<String, Object> moved = structured(
                    call(mcp, "reschedule_booking", Map.of("bookingId", trial.get("id"), "startsAt", later)));
            assertThat(moved.get("startsAt")).isEqualTo(later);
            // the paid one is still waiting for payment: moving it is refused as over REST
            assertThat(problem(call(mcp, "reschedule_booking", Map.of("bookingId", bookingId, "startsAt", later))))
                    .containsEntry("status", 409)
                    .containsEntry("code", "booking.illegal_transition");

            Map<String, Object> cancelled =
                    structured(call(mcp, "cancel_booking", Map.of("bookingId", bookingId, "reason", "Plans changed")));
            assertThat(cancelled.get("state")).isEqualTo("CANCELLED");

            structured(call(mcp, "my_wallet", Map.of()));
            structured(call(mcp, "my_notifications", Map.of("unread", true)));
            assertThat(profile).containsKey("reviews");
            Map<String, Object> found = structured(
                    call(mcp, "find_tutors_by_description", Map.of("query", "patient tutor for GCSE under 40 pounds")));
            assertThat(found).containsEntry("parser", "rules");
            assertThat(found.get("results").toString()).contains(tutor.id().toString());
            structured(call(mcp, "list_conversations", Map.of()));
        }
    }

    @Test
    void aToolIsRefusedExactlyAsItsRouteWouldBe() {
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn other = Accounts.newUser("STUDENT");
        try (var mcp = client(student.accessToken())) {
            // admins only, as GET /api/v1/admin/tutors/pending
            assertThat(problem(call(mcp, "admin_approval_queue", Map.of())))
                    .containsEntry("status", 403)
                    .containsEntry("code", "auth.forbidden");
            // tutors only, as GET /api/v1/wallet/withdrawals
            assertThat(problem(call(mcp, "my_withdrawals", Map.of()))).containsEntry("code", "auth.forbidden");
            assertThat(problem(call(mcp, "admin_reports_queue", Map.of()))).containsEntry("code", "auth.forbidden");
            // someone else's order or booking is not found, as over REST
            assertThat(problem(call(
                            mcp,
                            "pay_order",
                            Map.of("orderId", UUID.randomUUID().toString()))))
                    .containsEntry("status", 404);
            // the arguments never choose who acts: a student id in them is not an identity
            assertThat(problem(call(
                            mcp,
                            "cancel_booking",
                            Map.of("bookingId", UUID.randomUUID().toString(), "reason", "as " + other.userId()))))
                    .containsEntry("status", 404);
        }
        SignedIn admin = io.lyceum.testsupport.Tenants.newStaff(jdbc, "ADMIN", null);
        try (var mcp = client(admin.accessToken())) {
            assertThat(structured(call(mcp, "admin_approval_queue", Map.of()))).containsKeys("content", "page");
            assertThat(structured(call(mcp, "admin_reports_queue", Map.of())))
                    .containsKeys("content", "__frontendAction");
        }
    }

    @Test
    void invalidArgumentsGetTheSchemasErrors() {
        SignedIn student = Accounts.newUser("STUDENT");
        try (var mcp = client(student.accessToken())) {
            Map<String, Object> problem = problem(
                    call(mcp, "book_lesson", Map.of("tutorId", "not-a-uuid", "durationMinutes", 2, "surprise", true)));
            assertThat(problem).containsEntry("status", 422).containsEntry("code", "agents.invalid_arguments");
            assertThat(problem.get("errors").toString())
                    .contains("tutorId")
                    .contains("durationMinutes")
                    .contains("startsAt")
                    .contains("idempotencyKey")
                    .contains("surprise");
            // an unknown tool is a JSON-RPC error of the protocol itself (the gateway answers 404
            // agents.tool_not_found)
            assertThatThrownBy(() -> call(mcp, "no_such_tool", Map.of()))
                    .isInstanceOf(io.modelcontextprotocol.spec.McpError.class)
                    .hasMessageContaining("Unknown tool");
        }
    }

    @Test
    void anonymousCallersAreRefused() {
        RestAssured.given()
                .contentType("application/json")
                .accept("application/json, text/event-stream")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")
                .post("/mcp")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.unauthenticated"));
        assertThatThrownBy(() -> client(null)).isInstanceOf(RuntimeException.class);
    }

    long count(String sql, UUID user) {
        return TenantContext.callAs(
                TenantId.DEFAULT,
                () -> jdbc.sql(sql).param("u", user).query(Long.class).single());
    }

    @Test
    void withoutAModelTheStreamAnswersOneErrorEventAndTheRestCall503() {
        SignedIn student = Accounts.newUser("STUDENT");
        String stream = student.api()
                .contentType("application/json")
                .accept("text/event-stream")
                .body(Map.of("message", "hello"))
                .post("/api/v1/agents/chat/stream")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(stream).startsWith("event: error\ndata: ").contains("\"code\":\"agents.model_not_configured\"");
        assertThat(stream.split("\n\n")).hasSize(1);
        student.api()
                .contentType("application/json")
                .body(Map.of("message", "hello"))
                .post("/api/v1/agents/chat")
                .then()
                .statusCode(503)
                .body("code", equalTo("agents.model_not_configured"));
    }

    static String createKey(SignedIn user, String scope) {
        return user.api()
                .contentType("application/json")
                .body(Map.of("name", "Claude " + scope, "scope", scope))
                .post("/api/v1/agents/api-keys")
                .then()
                .statusCode(201)
                .body("key.scope", equalTo(scope))
                .extract()
                .path("secret");
    }

    @Test
    void personalKeysWorkOnlyForMcpAndTheGatewayWithinTheirScope() {
        var tutor = Tutors.approved(jdbc);
        OpenSchedules.openAllWeek(jdbc, TenantId.DEFAULT, tutor.id(), false, 0, 0);
        SignedIn student = Accounts.newUser("STUDENT");
        String full = createKey(student, "FULL");
        String readOnly = createKey(student, "READ_ONLY");
        assertThat(full).startsWith("lyk_");

        // the key is kept only as a hash, and shown once
        assertThat(count("SELECT count(*) FROM agent_api_keys WHERE user_id = :u", student.userId()))
                .isEqualTo(2);
        assertThat(TenantContext.callAs(TenantId.DEFAULT, () -> jdbc.sql(
                                "SELECT count(*) FROM agent_api_keys WHERE key_hint LIKE '%' || :k || '%'")
                        .param("k", full.substring(10))
                        .query(Long.class)
                        .single()))
                .isZero();
        student.api()
                .get("/api/v1/agents/api-keys")
                .then()
                .statusCode(200)
                .body("content.size()", equalTo(2))
                .body("content[0].secret", equalTo(null));

        try (var mcp = client(readOnly)) {
            assertThat(mcp.listTools().tools()).extracting(Tool::name).contains("search_tutors");
            structured(call(mcp, "list_my_bookings", Map.of()));
            Map<String, Object> refused = problem(call(
                    mcp,
                    "book_lesson",
                    Map.of(
                            "tutorId",
                            tutor.id().toString(),
                            "startsAt",
                            "2030-01-01T10:00:00Z",
                            "durationMinutes",
                            60,
                            "idempotencyKey",
                            "k1")));
            assertThat(refused).containsEntry("status", 403).containsEntry("code", "agents.key_read_only");
        }
        try (var mcp = client(full)) {
            // a full key acts as its user, with the user's role
            assertThat(problem(call(mcp, "admin_approval_queue", Map.of()))).containsEntry("code", "auth.forbidden");
            structured(call(mcp, "list_my_bookings", Map.of()));
        }
        // the last use was recorded
        assertThat(count(
                        "SELECT count(*) FROM agent_api_keys WHERE user_id = :u AND last_used_at IS NOT NULL",
                        student.userId()))
                .isEqualTo(2);

        // the gateway takes the key too, and hides writing tools from a read-only one
        RestAssured.given()
                .header("Authorization", "Bearer " + readOnly)
                .get("/api/v1/agents/tools")
                .then()
                .statusCode(200)
                .body("tools.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("book_lesson")));
        RestAssured.given()
                .header("Authorization", "Bearer " + readOnly)
                .contentType("application/json")
                .body(Map.of(
                        "toolName",
                        "send_message",
                        "args",
                        Map.of("recipientId", tutor.id().toString(), "body", "hi")))
                .post("/api/v1/agents/tools/call")
                .then()
                .statusCode(403)
                .body("code", equalTo("agents.key_read_only"));

        // any other route refuses a key, even a full one
        RestAssured.given()
                .header("Authorization", "Bearer " + full)
                .get("/api/v1/bookings")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.api_key_not_allowed"));
        RestAssured.given()
                .header("Authorization", "Bearer " + full)
                .get("/api/v1/agents/api-keys")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.api_key_not_allowed"));

        // revoked: refused at once
        String id =
                student.api().get("/api/v1/agents/api-keys").then().extract().path("content[0].id");
        String revokedKey = id.equals(keyId(student, full)) ? full : readOnly;
        student.api().delete("/api/v1/agents/api-keys/" + id).then().statusCode(204);
        RestAssured.given()
                .header("Authorization", "Bearer " + revokedKey)
                .get("/api/v1/agents/tools")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.invalid_api_key"));
        assertThatThrownBy(() -> client(revokedKey)).isInstanceOf(RuntimeException.class);
        // another user cannot revoke it
        Accounts.newUser("STUDENT")
                .api()
                .delete("/api/v1/agents/api-keys/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("agents.key_not_found"));
        // a made-up key
        RestAssured.given()
                .header("Authorization", "Bearer lyk_nonsense")
                .get("/api/v1/agents/tools")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.invalid_api_key"));
    }

    private String keyId(SignedIn user, String key) {
        return user.api()
                .get("/api/v1/agents/api-keys")
                .then()
                .extract()
                .jsonPath()
                .getString("content.find { it.hint.endsWith('" + key.substring(key.length() - 6) + "') }.id");
    }
}
