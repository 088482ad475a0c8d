package io.lyceum.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.http.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** An admin's refund of an order is in the audit log with actor, before and after, reason and request id. */
class AdminRefundAuditTests extends BillingTestBase {

    @Test
    void anAdminRefundIsAudited() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID booking = lesson(student, tutor);
        String orderId = checkout(student, booking, "pm_card_visa")
                .then()
                .statusCode(200)
                .body("status", equalTo("PAID"))
                .extract()
                .path("orderId");
        String requestId = "refund-" + UUID.randomUUID();
        tutor.admin()
                .api()
                .header("X-Request-Id", requestId)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType("application/json")
                .body(Map.of("orderId", orderId, "reason", "goodwill after a complaint"))
                .post("/api/v1/payments/refund")
                .then()
                .statusCode(201);

        JsonPath[] log = new JsonPath[1];
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            log[0] = tutor.admin()
                    .api()
                    .queryParam("subjectId", orderId)
                    .queryParam("action", "ORDER_REFUNDED")
                    .get("/api/v1/admin/audit-log")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            return log[0].getInt("page.totalElements") > 0;
        });
        assertThat(log[0].getInt("page.totalElements")).isEqualTo(1);
        var entry = log[0].setRootPath("content[0]");
        assertThat(entry.getString("actorUserId"))
                .isEqualTo(tutor.admin().userId().toString());
        assertThat(entry.getString("subjectType")).isEqualTo("ORDER");
        assertThat(entry.getString("before.status")).isEqualTo("PAID");
        assertThat(entry.getInt("before.refunded")).isZero();
        assertThat(entry.getInt("after.refunded")).isEqualTo(3000);
        assertThat(entry.getInt("after.amount")).isEqualTo(3000);
        assertThat(entry.getString("reason")).isEqualTo("goodwill after a complaint");
        assertThat(entry.getString("requestId")).isEqualTo(requestId);
    }
}
