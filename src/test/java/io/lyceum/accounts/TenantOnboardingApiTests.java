package io.lyceum.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.Http;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /api/v1/tenants with self-service off (the default): only the platform operator creates tenants. */
class TenantOnboardingApiTests extends ApiTestBase {

    private static final String TENANTS = "/api/v1/tenants";

    private long tenantsWithSlug(String slug) {
        return jdbc.sql("SELECT count(*) FROM tenants WHERE slug = :slug")
                .param("slug", slug)
                .query(Long.class)
                .single();
    }

    @Test
    void theOperatorCreatesATenantWhoseOwnerSignsInRightAway() {
        String slug = Tenants.uniqueSlug("acme");
        String email = Accounts.uniqueEmail("boss");
        Tenants.operator()
                .contentType("application/json")
                .body(Tenants.tenantBody(slug, email))
                .post(TENANTS)
                .then()
                .statusCode(201)
                .header("Location", equalTo("/api/v1/tenants/me"))
                .body("tenant.slug", equalTo(slug))
                .body("tenant.name", equalTo("Agency " + slug))
                .body("tenant.defaultCurrency", equalTo("EUR"))
                .body("tenant.timeZone", equalTo("Europe/Paris"))
                .body("tenant.status", equalTo("ACTIVE"))
                .body("owner.email", equalTo(email))
                .body("owner.role", equalTo("OWNER"))
                .body("owner.emailVerified", equalTo(true))
                .body("emailVerificationNeeded", equalTo(false))
                .body("owner.password", equalTo(null));

        Accounts.request(slug)
                .get("/api/v1/tenants/current")
                .then()
                .statusCode(200)
                .body("name", equalTo("Agency " + slug));
        var owner = Accounts.login(email, slug);
        owner.api()
                .get("/api/v1/auth/me")
                .then()
                .statusCode(200)
                .body("role", equalTo("OWNER"))
                .body("timeZone", equalTo("Europe/Paris"));
        owner.api().get("/api/v1/tenants/me").then().statusCode(200).body("slug", equalTo(slug));
        // the same email is a different account in the default tenant: none exists there
        Accounts.request(null)
                .contentType("application/json")
                .body(Map.of("email", email, "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(401);
    }

    @Test
    void withoutTheOperatorTokenNothingIsCreated() {
        String slug = Tenants.uniqueSlug("nope");
        var body = Tenants.tenantBody(slug, Accounts.uniqueEmail("boss"));

        Accounts.request(null)
                .contentType("application/json")
                .body(body)
                .post(TENANTS)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("code", equalTo("tenant.operator_token_required"));
        Http.given()
                .header("Authorization", "Bearer " + Tenants.OPERATOR_TOKEN + "x")
                .contentType("application/json")
                .body(body)
                .post(TENANTS)
                .then()
                .statusCode(401)
                .body("code", equalTo("tenant.invalid_operator_token"));
        Http.given()
                .header("Authorization", "Bearer " + Tenants.OPERATOR_TOKEN.substring(1))
                .contentType("application/json")
                .body(body)
                .post(TENANTS)
                .then()
                .statusCode(401);
        // a signed-in owner's access token is not the operator's
        var owner = Tenants.newStaff(jdbc, "OWNER", null);
        owner.api()
                .contentType("application/json")
                .body(body)
                .post(TENANTS)
                .then()
                .statusCode(401);
        // the check comes before the body is read: an invalid body is refused the same way
        Accounts.request(null)
                .contentType("application/json")
                .body("{not json")
                .post(TENANTS)
                .then()
                .statusCode(401);
        assertThat(tenantsWithSlug(slug)).isZero();
    }

    @Test
    void badInputIsRefusedAndLeavesNothingBehind() {
        String email = Accounts.uniqueEmail("boss");
        for (var bad : List.of(
                Map.of("slug", "Upper-Case"),
                Map.of("slug", "a"),
                Map.of("slug", "-leading"),
                Map.of("slug", "under_score"),
                Map.of("slug", "x".repeat(64)),
                Map.of("slug", "www"),
                Map.of("defaultCurrency", "XXQ"),
                Map.of("defaultCurrency", "eur"),
                Map.of("timeZone", "Mars/Olympus"),
                Map.of("timeZone", "+02:00"),
                Map.of("name", " "))) {
            var body = new HashMap<>(Tenants.tenantBody(Tenants.uniqueSlug("bad"), email));
            body.putAll(bad);
            String field = bad.keySet().iterator().next();
            Tenants.operator()
                    .contentType("application/json")
                    .body(body)
                    .post(TENANTS)
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("request.validation_failed"))
                    .body("errors.field", hasItem(field));
            assertThat(tenantsWithSlug(String.valueOf(body.get("slug"))))
                    .as(bad.toString())
                    .isZero();
        }
        var weak = new HashMap<>(Tenants.tenantBody(Tenants.uniqueSlug("weak"), email));
        weak.put("owner", Map.of("email", email, "password", "password123", "fullName", "Boss"));
        Tenants.operator()
                .contentType("application/json")
                .body(weak)
                .post(TENANTS)
                .then()
                .statusCode(422)
                .body("code", equalTo("auth.weak_password"))
                .body("errors.field", hasItem("owner.password"));
        assertThat(tenantsWithSlug(String.valueOf(weak.get("slug")))).isZero();

        var noOwner = new HashMap<>(Tenants.tenantBody(Tenants.uniqueSlug("orphan"), email));
        noOwner.remove("owner");
        Tenants.operator()
                .contentType("application/json")
                .body(noOwner)
                .post(TENANTS)
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", hasItem("owner"));
        var badEmail = new HashMap<>(Tenants.tenantBody(Tenants.uniqueSlug("mail"), email));
        badEmail.put("owner", Map.of("email", "not-an-email", "password", Accounts.PASSWORD, "fullName", "Boss"));
        Tenants.operator()
                .contentType("application/json")
                .body(badEmail)
                .post(TENANTS)
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
    }

    @Test
    void aTakenSlugIsAConflict() {
        String slug = Tenants.uniqueSlug("twice");
        Tenants.newTenantWithOwner(slug);
        String second = Accounts.uniqueEmail("second");
        Tenants.operator()
                .contentType("application/json")
                .body(Tenants.tenantBody(slug, second))
                .post(TENANTS)
                .then()
                .statusCode(409)
                .body("code", equalTo("tenant.slug_taken"));
        Tenants.operator()
                .contentType("application/json")
                .body(Tenants.tenantBody("default", second))
                .post(TENANTS)
                .then()
                .statusCode(409)
                .body("code", equalTo("tenant.slug_taken"));
        assertThat(tenantsWithSlug(slug)).isEqualTo(1);
        // the second owner was not created anywhere
        Accounts.request(slug)
                .contentType("application/json")
                .body(Map.of("email", second, "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(401);
    }
}
