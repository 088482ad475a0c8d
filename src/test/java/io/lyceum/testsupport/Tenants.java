package io.lyceum.testsupport;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tenants and staff accounts for tests: new tenants through the operator API, staff roles granted by SQL. */
public final class Tenants {

    /** The operator token of the test profile (application-test.yml). */
    public static final String OPERATOR_TOKEN = "test-operator-token-0123456789";

    private Tenants() {}

    public static String uniqueSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static RequestSpecification operator() {
        return Http.given()
                .accept("application/json, application/problem+json")
                .header("Authorization", "Bearer " + OPERATOR_TOKEN);
    }

    public static Map<String, Object> tenantBody(String slug, String ownerEmail) {
        return Map.of(
                "slug",
                slug,
                "name",
                "Agency " + slug,
                "defaultCurrency",
                "EUR",
                "timeZone",
                "Europe/Paris",
                "owner",
                Map.of("email", ownerEmail, "password", Accounts.PASSWORD, "fullName", "Owner of " + slug));
    }

    /** Creates a tenant through the operator API and returns its owner, signed in. */
    public static Accounts.SignedIn newTenantWithOwner(String slug) {
        String email = Accounts.uniqueEmail("owner");
        SetupRequests.send("POST", "/api/v1/tenants", null, OPERATOR_TOKEN, tenantBody(slug, email), 201);
        return Accounts.login(email, slug);
    }

    public static TenantId idOf(JdbcClient jdbc, String slug) {
        return new TenantId(jdbc.sql("SELECT id FROM tenants WHERE slug = :slug")
                .param("slug", slug == null ? "default" : slug)
                .query(UUID.class)
                .single());
    }

    /**
     * A new signed-in user with a staff role (ADMIN or OWNER) in the given tenant (null: default): registered as a
     * student, given the role, then signed in once (signing an access token is the costliest step of a sign-in).
     */
    public static Accounts.SignedIn newStaff(JdbcClient jdbc, String role, String slug) {
        String email = Accounts.newVerified("STUDENT", slug);
        TenantContext.runAs(idOf(jdbc, slug), () -> jdbc.sql("UPDATE users SET role = :role WHERE email = :email")
                .param("role", role)
                .param("email", email)
                .update());
        return Accounts.login(email, slug);
    }
}
