package io.lyceum.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.OpenSchedules;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.Http;
import io.modelcontextprotocol.server.McpStatelessAsyncServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The MCP server through the SDK's own client over Streamable HTTP: tools listed with schemas, each tool called as
 * the caller, refusals as MCP tool errors carrying the REST problem code, personal keys' scope and revocation.
 */
class McpServerTests extends ApiTestBase {

    @RegisterExtension
    final McpClients clients = new McpClients(() -> port);

    @Autowired
    ApplicationContext context;

    @Test
    void oneMcpServerServesTheRouteOursWithTheRegistrysTools() {
        // Spring AI's own server is excluded in application.yml; an upgrade that brings it back fails here
        assertThat(context.getBeansOfType(McpStatelessSyncServer.class)).containsOnlyKeys("lyceumMcpServer");
        assertThat(context.getBeansOfType(McpStatelessAsyncServer.class)).isEmpty();
    }

    @Test
    void listsEveryToolWithInputAndOutputSchemas() {
        SignedIn student = Accounts.newUser("STUDENT");
        var mcp = clients.as(student.accessToken());
        List<Tool> tools = mcp.tools();
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
                        "admin_reports_queue",
                        "generate_course",
                        "course_generation_status",
                        "get_course",
                        "list_my_courses",
                        "record_course_progress",
                        "my_course_progress");
        assertThat(tools).allSatisfy(tool -> {
            assertThat(tool.inputSchema()).containsEntry("type", "object");
            assertThat(tool.outputSchema()).containsEntry("type", "object");
        });
    }

    @Test
    void aStudentFindsBooksPaysMovesAndCancelsALessonThroughTools() {
        var tutor = Tutors.approved(jdbc);
        OpenSchedules.openAllWeek(jdbc, TenantId.DEFAULT, tutor.id(), false, 0, 0);
        SignedIn student = Accounts.newUser("STUDENT");
        var mcp = clients.as(student.accessToken());
        Map<String, Object> profile =
                mcp.result("get_tutor", Map.of("tutorId", tutor.id().toString()));
        assertThat(profile.get("tutorId")).isEqualTo(tutor.id().toString());
        assertThat(profile).extractingByKey("__frontendAction").asString().contains("qrcode");

        Map<String, Object> search = mcp.result("search_tutors", Map.of("size", 5));
        assertThat(search).containsKeys("content", "page", "__frontendAction");

        Map<String, Object> slots = mcp.result(
                "available_slots",
                Map.of("tutorId", tutor.id().toString(), "durationMinutes", 60, "timeZone", "Europe/London"));
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
        Map<String, Object> booked = mcp.result("book_lesson", booking);
        assertThat(booked.get("state")).isEqualTo("PENDING_PAYMENT");
        assertThat(booked.get("idempotentReplayed")).isEqualTo(false);
        // the same key again books nothing new: the first answer comes back
        Map<String, Object> again = mcp.result("book_lesson", booking);
        assertThat(again.get("id")).isEqualTo(booked.get("id"));
        assertThat(again.get("idempotentReplayed")).isEqualTo(true);
        assertThat(count("SELECT count(*) FROM bookings WHERE student_id = :u", student.userId()))
                .isEqualTo(1);
        // the same key with another request is refused like the REST header
        Map<String, Object> reused = mcp.problem(
                "book_lesson",
                Map.of(
                        "tutorId",
                        tutor.id().toString(),
                        "startsAt",
                        later,
                        "durationMinutes",
                        60,
                        "idempotencyKey",
                        key));
        assertThat(reused.get("code")).isEqualTo("idempotency.key_reused");

        String bookingId = (String) booked.get("id");
        Map<String, Object> pay = mcp.result("pay_order", Map.of("orderId", bookingId));
        @SuppressWarnings("unchecked")
        var action = (Map<String, Object>) pay.get("__frontendAction");
        assertThat(action)
                .containsEntry("type", "payment")
                .containsEntry("amount", 3000)
                .containsEntry("currency", "GBP");
        assertThat(action.get("orderId")).isEqualTo(pay.get("orderId"));

        Map<String, Object> mine = mcp.result("list_my_bookings", Map.of("states", List.of("PENDING_PAYMENT")));
        assertThat(mine.get("content").toString()).contains(bookingId);

        // a free trial is confirmed at once; it can be moved
        Map<String, Object> trial = mcp.result(
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
                        UUID.randomUUID().toString()));
        assertThat(trial.get("state")).isEqualTo("CONFIRMED");
        Map<String, Object> moved =
                mcp.result("reschedule_booking", Map.of("bookingId", trial.get("id"), "startsAt", later));
        assertThat(moved.get("startsAt")).isEqualTo(later);
        // the paid one is still waiting for payment: moving it is refused as over REST
        assertThat(mcp.problem("reschedule_booking", Map.of("bookingId", bookingId, "startsAt", later)))
                .containsEntry("status", 409)
                .containsEntry("code", "booking.illegal_transition");

        Map<String, Object> cancelled =
                mcp.result("cancel_booking", Map.of("bookingId", bookingId, "reason", "Plans changed"));
        assertThat(cancelled.get("state")).isEqualTo("CANCELLED");

        mcp.result("my_wallet", Map.of());
        mcp.result("my_notifications", Map.of("unread", true));
        assertThat(profile).containsKey("reviews");
        Map<String, Object> found =
                mcp.result("find_tutors_by_description", Map.of("query", "patient tutor for GCSE under 40 pounds"));
        assertThat(found).containsEntry("parser", "rules");
        assertThat(found.get("results").toString()).contains(tutor.id().toString());
        mcp.result("list_conversations", Map.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTutorGeneratesACourseFromATranscriptAndALearnerAnswersItsQuizThroughTools() throws Exception {
        SignedIn tutor = Accounts.newUser("TUTOR");
        SignedIn student = Accounts.newUser("STUDENT");
        var asTutor = clients.as(tutor);
        var asStudent = clients.as(student);
        // a one-off transcript, so no earlier generation's cache answers it
        String transcript;
        try (var in = getClass().getResourceAsStream("/learning/samples/photosynthesis.vtt")) {
            transcript = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    + "\n\n99:00:00.000 --> 99:00:05.000\nThank you, " + UUID.randomUUID() + ".\n";
        }

        // only tutors generate, as POST /api/v1/courses/generate; exactly one source, as the route demands
        assertThat(asStudent.problem("generate_course", Map.of("transcript", transcript)))
                .containsEntry("status", 403)
                .containsEntry("code", "auth.forbidden");
        assertThat(asTutor.problem("generate_course", Map.of("difficulty", "beginner")))
                .containsEntry("status", 422)
                .containsEntry("code", "course.source_required");
        assertThat(asTutor.problem("generate_course", Map.of("transcript", "too short to teach anything")))
                .containsEntry("code", "transcript.empty");

        Map<String, Object> started = asTutor.result(
                "generate_course", Map.of("transcript", transcript, "difficulty", "beginner", "durationMinutes", 20));
        assertThat(started).containsEntry("status", "processing").containsEntry("cached", false);
        String courseId = (String) started.get("courseId");
        assertThat(started.get("statusUrl")).isEqualTo("/api/v1/courses/status/" + courseId);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> "completed"
                        .equals(asTutor.result("course_generation_status", Map.of("courseId", courseId))
                                .get("status")));
        assertThat(asTutor.result("course_generation_status", Map.of("courseId", courseId)))
                .containsEntry("progress", 100);
        // someone else's generation and draft course are not found, as over REST
        assertThat(asStudent.problem("course_generation_status", Map.of("courseId", courseId)))
                .containsEntry("status", 404)
                .containsEntry("code", "course.not_found");
        assertThat(asStudent.problem("get_course", Map.of("courseId", courseId)))
                .containsEntry("code", "course.not_found");
        Map<String, Object> mine = asTutor.result("list_my_courses", Map.of());
        assertThat(mine.get("content").toString()).contains(courseId);
        assertThat((Map<String, Object>) mine.get("__frontendAction"))
                .containsEntry("type", "dataView")
                .containsEntry("routePath", "/api/v1/courses/mine");

        // the owner sees the answers: answer the first section's quizzes, all right but the first
        Map<String, Object> course = asTutor.result("get_course", Map.of("courseId", courseId));
        var section = ((List<Map<String, Object>>) course.get("sections")).getFirst();
        var quizzes = (List<Map<String, Object>>) section.get("quizzes");
        assertThat(quizzes).isNotEmpty().allSatisfy(quiz -> assertThat(quiz.get("answer"))
                .isNotNull());
        List<Map<String, Object>> answers = new java.util.ArrayList<>();
        for (var quiz : quizzes) {
            answers.add(Map.of("quizId", quiz.get("id"), "answer", quiz.get("answer")));
        }
        answers.set(0, Map.of("quizId", quizzes.getFirst().get("id"), "answer", "certainly wrong"));
        Map<String, Object> recorded = asTutor.result(
                "record_course_progress",
                Map.of("courseId", courseId, "sectionId", section.get("id"), "quizResults", answers));
        assertThat(recorded.get("updatedProgress")).isNotEqualTo(0);
        var results = (List<Map<String, Object>>) recorded.get("quizResults");
        assertThat(results).extracting(r -> r.get("correct")).first().isEqualTo(false);
        assertThat(results.subList(1, results.size()))
                .extracting(r -> r.get("correct"))
                .containsOnly(true);
        assertThat(results.getFirst().get("correctAnswer"))
                .isEqualTo(quizzes.getFirst().get("answer"));
        Map<String, Object> progress = asTutor.result("my_course_progress", Map.of());
        assertThat(progress.get("content").toString()).contains(courseId);
        assertThat((Map<String, Object>) progress.get("__frontendAction"))
                .containsEntry("routePath", "/api/v1/user/progress");

        // a learner who may not learn from the course records nothing; a stranger's progress is not theirs to read
        assertThat(asStudent.problem(
                        "record_course_progress", Map.of("courseId", courseId, "sectionId", section.get("id"))))
                .containsEntry("code", "course.not_found");
        assertThat(asStudent.problem(
                        "my_course_progress", Map.of("userId", tutor.userId().toString())))
                .containsEntry("code", "learner.not_found");
        assertThat(asStudent.result("my_course_progress", Map.of()).get("content"))
                .isEqualTo(List.of());
        // the schema refuses a quiz answer without its quiz, before the route runs
        assertThat(asTutor.problem(
                        "record_course_progress",
                        Map.of(
                                "courseId",
                                courseId,
                                "sectionId",
                                section.get("id"),
                                "quizResults",
                                List.of(Map.of("answer", "x")))))
                .containsEntry("code", "agents.invalid_arguments");
    }

    @Test
    void aToolIsRefusedExactlyAsItsRouteWouldBe() {
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn other = Accounts.newUser("STUDENT");
        var mcp = clients.as(student.accessToken());
        // admins only, as GET /api/v1/admin/tutors/pending
        assertThat(mcp.problem("admin_approval_queue", Map.of()))
                .containsEntry("status", 403)
                .containsEntry("code", "auth.forbidden");
        // tutors only, as GET /api/v1/wallet/withdrawals
        assertThat(mcp.problem("my_withdrawals", Map.of())).containsEntry("code", "auth.forbidden");
        assertThat(mcp.problem("admin_reports_queue", Map.of())).containsEntry("code", "auth.forbidden");
        // someone else's order or booking is not found, as over REST
        assertThat(mcp.problem("pay_order", Map.of("orderId", UUID.randomUUID().toString())))
                .containsEntry("status", 404);
        // the arguments never choose who acts: a student id in them is not an identity
        assertThat(mcp.problem(
                        "cancel_booking",
                        Map.of("bookingId", UUID.randomUUID().toString(), "reason", "as " + other.userId())))
                .containsEntry("status", 404);
        SignedIn admin = io.lyceum.testsupport.Tenants.newStaff(jdbc, "ADMIN", null);
        var asAdmin = clients.as(admin.accessToken());
        assertThat(asAdmin.result("admin_approval_queue", Map.of())).containsKeys("content", "page");
        assertThat(asAdmin.result("admin_reports_queue", Map.of())).containsKeys("content", "__frontendAction");
    }

    @Test
    void invalidArgumentsGetTheSchemasErrors() {
        SignedIn student = Accounts.newUser("STUDENT");
        var mcp = clients.as(student.accessToken());
        Map<String, Object> problem =
                mcp.problem("book_lesson", Map.of("tutorId", "not-a-uuid", "durationMinutes", 2, "surprise", true));
        assertThat(problem).containsEntry("status", 422).containsEntry("code", "agents.invalid_arguments");
        assertThat(problem.get("errors").toString())
                .contains("tutorId")
                .contains("durationMinutes")
                .contains("startsAt")
                .contains("idempotencyKey")
                .contains("surprise");
        // an unknown tool is a JSON-RPC error of the protocol itself (the gateway answers 404
        // agents.tool_not_found)
        assertThatThrownBy(() -> mcp.call("no_such_tool", Map.of()))
                .isInstanceOf(io.modelcontextprotocol.spec.McpError.class)
                .hasMessageContaining("Unknown tool");
    }

    @Test
    void anonymousCallersAreRefused() {
        Http.given()
                .contentType("application/json")
                .accept("application/json, text/event-stream")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")
                .post("/mcp")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.unauthenticated"));
        assertThatThrownBy(() -> clients.as((String) null)).isInstanceOf(RuntimeException.class);
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

        var withReadOnlyKey = clients.as(readOnly);
        assertThat(withReadOnlyKey.tools()).extracting(Tool::name).contains("search_tutors");
        withReadOnlyKey.result("list_my_bookings", Map.of());
        Map<String, Object> refused = withReadOnlyKey.problem(
                "book_lesson",
                Map.of(
                        "tutorId",
                        tutor.id().toString(),
                        "startsAt",
                        "2030-01-01T10:00:00Z",
                        "durationMinutes",
                        60,
                        "idempotencyKey",
                        "k1"));
        assertThat(refused).containsEntry("status", 403).containsEntry("code", "agents.key_read_only");
        var withFullKey = clients.as(full);
        // a full key acts as its user, with the user's role
        assertThat(withFullKey.problem("admin_approval_queue", Map.of())).containsEntry("code", "auth.forbidden");
        withFullKey.result("list_my_bookings", Map.of());
        // the last use was recorded
        assertThat(count(
                        "SELECT count(*) FROM agent_api_keys WHERE user_id = :u AND last_used_at IS NOT NULL",
                        student.userId()))
                .isEqualTo(2);

        // the gateway takes the key too, and hides writing tools from a read-only one
        Http.given()
                .header("Authorization", "Bearer " + readOnly)
                .get("/api/v1/agents/tools")
                .then()
                .statusCode(200)
                .body("tools.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("book_lesson")));
        Http.given()
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
        Http.given()
                .header("Authorization", "Bearer " + full)
                .get("/api/v1/bookings")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.api_key_not_allowed"));
        Http.given()
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
        Http.given()
                .header("Authorization", "Bearer " + revokedKey)
                .get("/api/v1/agents/tools")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.invalid_api_key"));
        assertThatThrownBy(() -> clients.as(revokedKey)).isInstanceOf(RuntimeException.class);
        // another user cannot revoke it
        Accounts.newUser("STUDENT")
                .api()
                .delete("/api/v1/agents/api-keys/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("agents.key_not_found"));
        // a made-up key
        Http.given()
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
