package io.lyceum.accounts;

import static org.hamcrest.Matchers.equalTo;

import io.lyceum.LyceumApplication;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.Http;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With {@code lyceum.tenancy.self-service=true} anyone creates a tenant; its owner verifies their email first. Runs
 * its own application instance (with its own throwaway database) so the shared test context keeps the default.
 */
class SelfServiceTenantTests {

    private static ConfigurableApplicationContext app;
    private static int previousPort;

    @BeforeAll
    static void startWithSelfService() {
        app = new SpringApplicationBuilder(LyceumApplication.class)
                .profiles("test")
                // command-line arguments, so they win over application.yml
                .run("--server.port=0", "--lyceum.jobs.enabled=false", "--lyceum.tenancy.self-service=true");
        previousPort = Http.port;
        Http.port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        Http.port = previousPort;
        if (app != null) {
            app.close();
        }
    }

    @Test
    void anyoneCreatesATenantAndItsOwnerVerifiesTheirEmail() {
        String slug = Tenants.uniqueSlug("self");
        String email = Accounts.uniqueEmail("founder");
        Accounts.request(null)
                .contentType("application/json")
                .body(Tenants.tenantBody(slug, email))
                .post("/api/v1/tenants")
                .then()
                .statusCode(201)
                .body("owner.emailVerified", equalTo(false))
                .body("emailVerificationNeeded", equalTo(true));

        Accounts.request(slug)
                .contentType("application/json")
                .body(Map.of("email", email, "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.email_not_verified"));
        Accounts.verify(email, slug);
        Accounts.login(email, slug)
                .api()
                .get("/api/v1/tenants/me")
                .then()
                .statusCode(200)
                .body("slug", equalTo(slug));

        // the operator still gets a verified owner; a wrong token is still refused
        String operatorsEmail = Accounts.uniqueEmail("op");
        Tenants.operator()
                .contentType("application/json")
                .body(Tenants.tenantBody(Tenants.uniqueSlug("op"), operatorsEmail))
                .post("/api/v1/tenants")
                .then()
                .statusCode(201)
                .body("owner.emailVerified", equalTo(true));
        // slugs stay unique and validated for everyone
        Accounts.request(null)
                .contentType("application/json")
                .body(Tenants.tenantBody(slug, Accounts.uniqueEmail("late")))
                .post("/api/v1/tenants")
                .then()
                .statusCode(409)
                .body("code", equalTo("tenant.slug_taken"));
        Accounts.request(null)
                .contentType("application/json")
                .body(Tenants.tenantBody("Not A Slug", Accounts.uniqueEmail("late")))
                .post("/api/v1/tenants")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
    }
}
