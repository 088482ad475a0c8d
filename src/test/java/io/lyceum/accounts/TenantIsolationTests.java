package io.lyceum.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tenants are walled off twice: by the service code and by PostgreSQL row-level security. */
class TenantIsolationTests extends ApiTestBase {

    private TenantId other;

    @BeforeEach
    void otherTenant() {
        jdbc.sql("""
                INSERT INTO tenants (id, slug, name, status, default_currency, time_zone, created_at, updated_at)
                VALUES (:id, 'isolated', 'Isolated Agency', 'ACTIVE', 'EUR', 'Europe/Paris', now(), now())
                ON CONFLICT (slug) DO NOTHING
                """).param("id", UUID.randomUUID()).update();
        other = new TenantId(jdbc.sql("SELECT id FROM tenants WHERE slug = 'isolated'")
                .query(UUID.class)
                .single());
    }

    @Test
    void aQueryWithoutTenantFilterStillSeesOnlyItsTenant() {
        var inDefault = Accounts.newUser("STUDENT");
        var inOther = Accounts.newUser("STUDENT", "isolated");

        // deliberately no WHERE tenant_id = ...: row-level security is the only wall here
        var seenFromOther = TenantContext.callAs(
                other, () -> jdbc.sql("SELECT id FROM users").query(UUID.class).list());
        assertThat(seenFromOther).contains(inOther.userId()).doesNotContain(inDefault.userId());

        var seenFromDefault = TenantContext.callAs(
                TenantId.DEFAULT,
                () -> jdbc.sql("SELECT id FROM users").query(UUID.class).list());
        assertThat(seenFromDefault).contains(inDefault.userId()).doesNotContain(inOther.userId());

        // with no tenant at all, tenant-owned tables look empty
        assertThat(jdbc.sql("SELECT count(*) FROM users").query(Long.class).single())
                .isZero();
    }

    @Test
    void rowLevelSecurityRefusesWritesIntoAnotherTenant() {
        var thrown = org.assertj.core.api.Assertions.catchThrowable(() -> TenantContext.runAs(
                TenantId.DEFAULT,
                () -> jdbc.sql("""
                INSERT INTO users (id, tenant_id, email, email_normalized, full_name, role, status, time_zone, locale,
                                   created_at, updated_at)
                VALUES (gen_random_uuid(), :other, 'x@example.com', 'x@example.com', 'X', 'STUDENT', 'ACTIVE', 'UTC',
                        'en', now(), now())
                """).param("other", other.value()).update()));
        assertThat(thrown).rootCause().hasMessageContaining("row-level security");
    }

    @Test
    void accountsBelongToOneTenant() {
        var inOther = Accounts.newUser("TUTOR", "isolated");
        // the same email and password do not open the default tenant
        Accounts.request(null)
                .contentType("application/json")
                .body(Map.of("email", inOther.email(), "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(401);
        // a token works in its own tenant whatever X-Tenant says: the token's tenant wins
        inOther.api()
                .header("X-Tenant", "default")
                .get("/api/v1/auth/me")
                .then()
                .statusCode(200)
                .body("email", equalTo(inOther.email()));
        // refresh tokens carry their tenant, so no header is needed
        Accounts.request(null)
                .contentType("application/json")
                .body(Map.of("refreshToken", inOther.refreshToken()))
                .post("/api/v1/auth/refresh")
                .then()
                .statusCode(200);
    }
}
