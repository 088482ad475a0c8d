package io.lyceum.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.lyceum.testsupport.ProductionInstance;
import io.lyceum.testsupport.http.Http;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * On a production instance (an external database) webhook endpoints must be https and public: local and internal
 * addresses are refused when a subscription is saved, and the development switch that allows them stops start-up.
 */
class WebhookProductionTests extends WebhookTestBase {

    @Autowired
    EmbeddedPostgres postgres;

    @Test
    void productionRefusesToStartWithLocalReceiversAllowed() {
        Map<String, String> properties = ProductionInstance.startable(postgres);
        properties.put("lyceum.webhooks.allow-local-receivers", "true");
        assertThat(ProductionInstance.startFails(properties)).contains("LYCEUM_WEBHOOKS_ALLOW_LOCAL_RECEIVERS");
    }

    @Test
    void productionRefusesHttpAndPrivateLoopbackLinkLocalAndMetadataAddresses() {
        try (ConfigurableApplicationContext production =
                ProductionInstance.start(ProductionInstance.startable(postgres))) {
            int port = ProductionInstance.port(production);
            for (String url : List.of(
                    "https://127.0.0.1/hooks",
                    "https://localhost:8443/hooks",
                    "https://10.0.0.8/hooks",
                    "https://192.168.0.10/hooks",
                    "https://169.254.169.254/latest/meta-data",
                    "https://[::1]/hooks",
                    "https://[fd00:ec2::254]/hooks",
                    "https://224.0.0.251/hooks")) {
                Http.given()
                        .port(port)
                        .header("Authorization", "Bearer " + owner.accessToken())
                        .header("X-Tenant", slug)
                        .contentType("application/json")
                        .body(Map.of("url", url, "eventTypes", List.of("booking.created")))
                        .post(SUBSCRIPTIONS)
                        .then()
                        .statusCode(422)
                        .body("code", equalTo("webhook.invalid_subscription"))
                        .body("errors.field", everyItem(equalTo("url")))
                        .body("errors.message", hasItem(startsWith("resolves to a private, loopback")));
            }
            Http.given()
                    .port(port)
                    .header("Authorization", "Bearer " + owner.accessToken())
                    .contentType("application/json")
                    .body(Map.of("url", "http://93.184.215.14/hooks", "eventTypes", List.of("booking.created")))
                    .post(SUBSCRIPTIONS)
                    .then()
                    .statusCode(422)
                    .body("errors.message", equalTo(List.of("must use https")));
            Http.given()
                    .port(port)
                    .header("Authorization", "Bearer " + owner.accessToken())
                    .contentType("application/json")
                    .body(Map.of("url", "https://93.184.215.14/hooks", "eventTypes", List.of("booking.created")))
                    .post(SUBSCRIPTIONS)
                    .then()
                    .statusCode(201)
                    .body("secret", startsWith("whsec_"));
        }
    }
}
