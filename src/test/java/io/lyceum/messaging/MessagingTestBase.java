package io.lyceum.messaging;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.SetupRequests;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;

/** Users, conversations and messages for messaging tests, made through the API or the facade as other modules do. */
abstract class MessagingTestBase extends ApiTestBase {

    static final String MESSAGES = "/api/v1/messages";

    @Autowired
    MessagingApi messagingApi;

    TenantId tenant() {
        return Tenants.idOf(jdbc, null);
    }

    SignedIn student() {
        return Accounts.newUser("STUDENT");
    }

    SignedIn tutor() {
        return Accounts.newUser("TUTOR");
    }

    SignedIn guardian() {
        return Accounts.newUser("GUARDIAN");
    }

    SignedIn admin() {
        return Tenants.newStaff(jdbc, "ADMIN", null);
    }

    /** A student–tutor conversation, opened as a booking opens it. */
    UUID conversation(SignedIn student, SignedIn tutor) {
        return open(ConversationType.STUDENT_TUTOR, student.userId(), tutor.userId());
    }

    UUID open(ConversationType type, UUID a, UUID b) {
        return TenantContext.callAs(tenant(), () -> messagingApi.openConversation(type, a, b, "TEST"));
    }

    Response send(SignedIn sender, UUID conversationId, String body) {
        return sender.api()
                .contentType("application/json")
                .body(message(conversationId, body))
                .post(MESSAGES);
    }

    private static Map<String, Object> message(UUID conversationId, String body) {
        return Map.of("conversationId", conversationId.toString(), "body", body);
    }

    Response send(SignedIn sender, Map<String, Object> body) {
        return sender.api()
                .contentType("application/json")
                .body(new HashMap<>(body))
                .post(MESSAGES);
    }

    UUID sent(SignedIn sender, UUID conversationId, String body) {
        return UUID.fromString(SetupRequests.send(sender, "POST", MESSAGES, message(conversationId, body), 201)
                .path("message")
                .path("id")
                .asString());
    }

    /** Links a guardian to a student with the student's pairing code. */
    void link(SignedIn guardian, SignedIn student) {
        io.lyceum.testsupport.Accounts.linkGuardian(guardian, student);
    }

    void paidLesson(SignedIn student, SignedIn tutor) {
        TenantContext.runAs(tenant(), () -> jdbc.sql("""
                        INSERT INTO messaging_paid_pairs (tenant_id, user_id, tutor_id, first_paid_at)
                        VALUES (:t, :u, :tutor, now())
                        """)
                .param("t", tenant().value())
                .param("u", student.userId())
                .param("tutor", tutor.userId())
                .update());
    }

    void settings(SignedIn admin, Map<String, Object> patch) {
        admin.api()
                .contentType("application/json")
                .body(patch)
                .patch(MESSAGES + "/settings")
                .then()
                .statusCode(200);
    }

    long count(String sql, Map<String, Object> params) {
        return TenantContext.callAs(
                tenant(), () -> jdbc.sql(sql).params(params).query(Long.class).single());
    }
}
