package io.lyceum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.ProductionInstance;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.Http;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 11, the findings only a production install shows (4, 8, 12 and the documentation switch of 16), against a
 * second application started as production runs it (an external database: the test's, see {@link ProductionInstance})
 * next to the test's development-mode one. Findings 1 and 2 are in {@code billing.ProductionPaymentsTests}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionModeTests extends ApiTestBase {

    private static final String SCRAPE_TOKEN = "scrape-token-for-tests-0123456789abcdef";

    @Autowired
    EmbeddedPostgres postgres;

    private ConfigurableApplicationContext production;
    private int productionPort;

    @BeforeAll
    void startAProductionInstance() {
        Map<String, String> properties = ProductionInstance.startable(postgres);
        properties.put("lyceum.dev.outbox-enabled", "true"); // explicitly enabled, as an evaluation install might
        properties.put("server.forward-headers-strategy", "native"); // behind a proxy on this machine
        properties.put("lyceum.metrics.scrape-token", SCRAPE_TOKEN);
        properties.put("springdoc.api-docs.enabled", "false");
        properties.put("springdoc.swagger-ui.enabled", "false");
        production = ProductionInstance.start(properties);
        productionPort = ProductionInstance.port(production);
    }

    @AfterAll
    void stopTheProductionInstance() {
        if (production != null) {
            production.close();
        }
    }

    // ---- finding 4

    @Test
    void theOutboxAnswersOnlyThisMachineOrAnOwnersToken() {
        var owner = Tenants.newTenantWithOwner(Tenants.uniqueSlug("outbox"));
        var student = Accounts.newUser("STUDENT");

        // a caller elsewhere, as the trusted local proxy reports it
        Http.given()
                .port(productionPort)
                .header("X-Forwarded-For", "203.0.113.7")
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("outbox.local_only"));
        student.api()
                .port(productionPort)
                .header("X-Forwarded-For", "203.0.113.7")
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(403)
                .body("code", equalTo("outbox.local_only"));
        owner.api()
                .port(productionPort)
                .header("X-Forwarded-For", "203.0.113.7")
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200);
        // the machine itself
        Http.given().port(productionPort).get("/api/v1/dev/outbox").then().statusCode(200);
    }

    // ---- finding 8

    @Test
    void metricsNeedTheScrapeTokenInProduction() {
        Http.given()
                .port(productionPort)
                .get("/actuator/prometheus")
                .then()
                .statusCode(401)
                .body("code", equalTo("metrics.scrape_token_required"));
        Http.given()
                .port(productionPort)
                .header("Authorization", "Bearer wrong-token")
                .get("/actuator/prometheus")
                .then()
                .statusCode(401);
        Http.given()
                .port(productionPort)
                .header("Authorization", "Bearer " + SCRAPE_TOKEN)
                .get("/actuator/prometheus")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
        // health stays open for the load balancer; development keeps metrics open
        Http.given()
                .port(productionPort)
                .get("/actuator/health/liveness")
                .then()
                .statusCode(200);
        Http.given().get("/actuator/prometheus").then().statusCode(200);
    }

    // ---- finding 12

    @Test
    void productionRefusesToStartWithoutTheEncryptionKeyAndSigningKeysAreSealed() {
        Map<String, String> withoutKey = ProductionInstance.startable(postgres);
        withoutKey.remove("lyceum.auth.secret-encryption-key");
        assertThat(ProductionInstance.startFails(withoutKey)).contains("LYCEUM_AUTH_SECRET_ENCRYPTION_KEY");

        List<String> stored =
                jdbc.sql("SELECT jwk FROM signing_keys").query(String.class).list();
        assertThat(stored).isNotEmpty().allSatisfy(jwk -> assertThat(jwk)
                .startsWith("v1:")
                .doesNotContain("\"d\"")
                .doesNotContain("\"kty\""));
        // and both instances open them: a token from one works on the other
        var user = Accounts.newUser("STUDENT");
        user.api().port(productionPort).get("/api/v1/auth/me").then().statusCode(200);
    }

    // ---- finding 16

    @Test
    void theApiDocumentationCanBeSwitchedOff() {
        Http.given().port(productionPort).get("/openapi.json").then().statusCode(404);
        Http.given().port(productionPort).get("/redoc").then().statusCode(404);
        Http.given().port(productionPort).get("/docs").then().statusCode(404);
        // the test profile keeps them (the document itself is fetched by OpenApiContractTests)
        Http.given().get("/redoc").then().statusCode(200);
    }
}
