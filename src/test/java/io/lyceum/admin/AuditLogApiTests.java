package io.lyceum.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The audit log records administrative actions after they commit, from the events the acting modules publish. */
class AuditLogApiTests extends ApiTestBase {

    private static final String LOG = "/api/v1/admin/audit-log";

    /** Waits until the caller's audit log has {@code count} entries matching the query, and returns them. */
    private static JsonPath awaitEntries(SignedIn reader, Map<String, ?> query, int count) {
        JsonPath[] result = new JsonPath[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    result[0] = reader.api()
                            .queryParams(query)
                            .get(LOG)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    return result[0].getInt("page.totalElements") >= count;
                });
        assertThat(result[0].getInt("page.totalElements")).isEqualTo(count);
        return result[0];
    }

    @Test
    void adminActionsAreRecordedWithBeforeAfterReasonActorAndRequestId() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        SignedIn student = Accounts.newUser("STUDENT");
        String requestId = "audit-" + UUID.randomUUID();

        admin.api()
                .header("X-Request-Id", requestId)
                .contentType("application/json")
                .body(Map.of("reason", "abusive messages"))
                .post("/api/v1/admin/users/" + student.userId() + "/suspend")
                .then()
                .statusCode(200);
        var suspended = awaitEntries(admin, Map.of("subjectId", student.userId()), 1);
        assertThat(suspended.getString("content[0].action")).isEqualTo("USER_SUSPENDED");
        assertThat(suspended.getString("content[0].subjectType")).isEqualTo("USER");
        assertThat(suspended.getString("content[0].actorUserId"))
                .isEqualTo(admin.userId().toString());
        assertThat(suspended.getMap("content[0].before")).isEqualTo(Map.of("status", "ACTIVE"));
        assertThat(suspended.getMap("content[0].after")).isEqualTo(Map.of("status", "SUSPENDED"));
        assertThat(suspended.getString("content[0].reason")).isEqualTo("abusive messages");
        assertThat(suspended.getString("content[0].requestId")).isEqualTo(requestId);
        assertThat(suspended.getString("content[0].occurredAt")).isNotBlank();

        admin.api()
                .contentType("application/json")
                .body(Map.of())
                .post("/api/v1/admin/users/" + student.userId() + "/reinstate")
                .then()
                .statusCode(200);
        admin.api()
                .contentType("application/json")
                .body(Map.of("role", "TUTOR", "reason", "passed the interview"))
                .put("/api/v1/admin/users/" + student.userId() + "/role")
                .then()
                .statusCode(200);
        admin.api()
                .contentType("application/json")
                .body(Map.of("fullName", "Audited Name", "locale", "en"))
                .put("/api/v1/admin/users/" + student.userId())
                .then()
                .statusCode(200);

        var all = awaitEntries(admin, Map.of("subjectId", student.userId()), 4);
        // newest first
        assertThat(all.getList("content.action", String.class))
                .containsExactly("USER_PROFILE_UPDATED", "USER_ROLE_CHANGED", "USER_REINSTATED", "USER_SUSPENDED");
        assertThat(all.getMap("content[1].before")).isEqualTo(Map.of("role", "STUDENT"));
        assertThat(all.getMap("content[1].after")).isEqualTo(Map.of("role", "TUTOR"));
        assertThat(all.getString("content[1].reason")).isEqualTo("passed the interview");
        // only the fields that changed (the locale was already en)
        assertThat(all.getMap("content[0].before")).isEqualTo(Map.of("fullName", "Test student"));
        assertThat(all.getMap("content[0].after")).isEqualTo(Map.of("fullName", "Audited Name"));

        // filters: action (repeatable), actor, oldest first
        var roleChanges = admin.api()
                .queryParam("subjectId", student.userId())
                .queryParam("action", "USER_ROLE_CHANGED")
                .queryParam("action", "USER_SUSPENDED")
                .queryParam("sort", "occurredAt,asc")
                .get(LOG)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(roleChanges.getList("content.action", String.class))
                .containsExactly("USER_SUSPENDED", "USER_ROLE_CHANGED");
        admin.api().queryParam("actorId", admin.userId()).get(LOG).then().body("page.totalElements", equalTo(4));
        admin.api().queryParam("actorId", UUID.randomUUID()).get(LOG).then().body("page.totalElements", equalTo(0));
        admin.api()
                .queryParam("sort", "reason,asc")
                .get(LOG)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_paging"));
        admin.api()
                .queryParam("actorId", "nope")
                .get(LOG)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));
    }

    @Test
    void passwordResetsAndDeletionsAreRecorded() {
        SignedIn owner = Tenants.newStaff(jdbc, "OWNER", null);
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        owner.api()
                .post("/api/v1/admin/users/" + admin.userId() + "/password-reset")
                .then()
                .statusCode(202);
        owner.api()
                .queryParam("reason", "left the company")
                .delete("/api/v1/admin/users/" + admin.userId())
                .then()
                .statusCode(204);
        var entries = awaitEntries(owner, Map.of("subjectId", admin.userId()), 2);
        assertThat(entries.getList("content.action", String.class))
                .containsExactly("USER_DELETED", "USER_PASSWORD_RESET_SENT");
        assertThat(entries.getMap("content[0].before")).isEqualTo(Map.of("status", "ACTIVE"));
        assertThat(entries.getMap("content[0].after")).isEqualTo(Map.of("status", "DELETED"));
        assertThat(entries.getString("content[0].reason")).isEqualTo("left the company");
        assertThat(entries.getString("content[1].after.sentTo")).isEqualTo(admin.email());
    }

    @Test
    void onlyStaffReadTheLogAndOnlyTheirTenants() {
        SignedIn student = Accounts.newUser("STUDENT");
        student.api().get(LOG).then().statusCode(403).body("code", equalTo("auth.forbidden"));
        Accounts.newUser("TUTOR").api().get(LOG).then().statusCode(403).body("code", equalTo("auth.forbidden"));
        Accounts.request(null).get(LOG).then().statusCode(401);

        String slug = Tenants.uniqueSlug("audit");
        SignedIn farOwner = Tenants.newTenantWithOwner(slug);
        SignedIn farStudent = Accounts.newUser("STUDENT", slug);
        farOwner.api()
                .contentType("application/json")
                .body(Map.of("reason", "x"))
                .post("/api/v1/admin/users/" + farStudent.userId() + "/ban")
                .then()
                .statusCode(200);
        awaitEntries(farOwner, Map.of("subjectId", farStudent.userId()), 1);

        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        admin.api()
                .queryParam("subjectId", farStudent.userId())
                .get(LOG)
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(0));
        admin.api().queryParam("actorId", farOwner.userId()).get(LOG).then().body("page.totalElements", equalTo(0));
    }

    @Test
    void tenantCreationAndSettingsChangesAreRecordedInTheNewTenant() {
        String slug = Tenants.uniqueSlug("rec");
        SignedIn owner = Tenants.newTenantWithOwner(slug);
        UUID tenantId = Tenants.idOf(jdbc, slug).value();

        var created = awaitEntries(owner, Map.of("subjectId", tenantId), 1);
        assertThat(created.getString("content[0].action")).isEqualTo("TENANT_CREATED");
        assertThat(created.getString("content[0].subjectType")).isEqualTo("TENANT");
        assertThat(created.getString("content[0].after.slug")).isEqualTo(slug);
        var ownerCreated = awaitEntries(owner, Map.of("subjectId", owner.userId()), 1);
        assertThat(ownerCreated.getString("content[0].action")).isEqualTo("TENANT_OWNER_CREATED");
        assertThat(ownerCreated.getString("content[0].actorUserId")).isNull();
        assertThat(ownerCreated.getString("content[0].after.role")).isEqualTo("OWNER");

        owner.api()
                .contentType("application/json")
                .body(Map.of("name", "Renamed Agency", "settings", Map.of("requireEmailVerification", false)))
                .patch("/api/v1/tenants/me")
                .then()
                .statusCode(200);
        var updated = awaitEntries(owner, Map.of("subjectId", tenantId, "action", "TENANT_UPDATED"), 1);
        assertThat(updated.getString("content[0].actorUserId"))
                .isEqualTo(owner.userId().toString());
        assertThat(updated.getMap("content[0].before"))
                .isEqualTo(Map.of("name", "Agency " + slug, "settings.requireEmailVerification", true));
        assertThat(updated.getMap("content[0].after"))
                .isEqualTo(Map.of("name", "Renamed Agency", "settings.requireEmailVerification", false));
    }

    @Test
    void theLogIsAppendOnly() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        SignedIn student = Accounts.newUser("STUDENT");
        admin.api()
                .contentType("application/json")
                .body(Map.of("reason", "x"))
                .post("/api/v1/admin/users/" + student.userId() + "/suspend")
                .then()
                .statusCode(200);
        awaitEntries(admin, Map.of("subjectId", student.userId()), 1);

        TenantId tenant = Tenants.idOf(jdbc, null);
        for (String statement : List.of(
                "UPDATE audit_log SET reason = 'rewritten' WHERE subject_id = :id",
                "DELETE FROM audit_log WHERE subject_id = :id")) {
            Throwable thrown = catchThrowable(() -> TenantContext.runAs(
                    tenant,
                    () -> jdbc.sql(statement).param("id", student.userId()).update()));
            assertThat(thrown).as(statement).isNotNull();
            assertThat(thrown).rootCause().hasMessageContaining("permission denied");
        }
        long intact = TenantContext.callAs(
                tenant, () -> jdbc.sql("SELECT count(*) FROM audit_log WHERE subject_id = :id AND reason = 'x'")
                        .param("id", student.userId())
                        .query(Long.class)
                        .single());
        assertThat(intact).isEqualTo(1);
    }
}
