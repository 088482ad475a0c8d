package io.lyceum.tenancy;

import static org.hamcrest.Matchers.equalTo;

import io.lyceum.testsupport.ApiTestBase;
import org.junit.jupiter.api.Test;

class TenantResolutionTests extends ApiTestBase {

    @Test
    void defaultTenantServesRequestsWithoutHeader() {
        api().get("/api/v1/tenants/current")
                .then()
                .statusCode(200)
                .body("slug", equalTo("default"))
                .body("defaultCurrency", equalTo("GBP"))
                .body("timeZone", equalTo("Europe/London"));
    }

    @Test
    void tenantIsChosenByHeader() {
        jdbc.sql("""
                INSERT INTO tenants (id, slug, name, status, default_currency, time_zone, created_at, updated_at)
                VALUES (gen_random_uuid(), 'brightside', 'Brightside Tutors', 'ACTIVE', 'USD', 'America/New_York',
                        now(), now())
                ON CONFLICT (slug) DO NOTHING
                """).update();
        api().header("X-Tenant", "brightside")
                .get("/api/v1/tenants/current")
                .then()
                .statusCode(200)
                .body("name", equalTo("Brightside Tutors"))
                .body("defaultCurrency", equalTo("USD"));
    }

    @Test
    void unknownTenantIsProblem404() {
        api().header("X-Tenant", "nobody-here")
                .get("/api/v1/tenants/current")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("tenant.not_found"));
    }

    @Test
    void suspendedTenantIsRefused() {
        jdbc.sql("""
                INSERT INTO tenants (id, slug, name, status, default_currency, time_zone, created_at, updated_at)
                VALUES (gen_random_uuid(), 'closed-shop', 'Closed', 'SUSPENDED', 'GBP', 'Europe/London', now(), now())
                ON CONFLICT (slug) DO NOTHING
                """).update();
        api().header("X-Tenant", "closed-shop")
                .get("/api/v1/tenants/current")
                .then()
                .statusCode(403)
                .body("code", equalTo("tenant.inactive"));
    }
}
