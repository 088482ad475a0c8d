package io.lyceum.billing;

import static io.lyceum.billing.SignedWebhooks.JSON;
import static io.lyceum.billing.SignedWebhooks.eventsOfOrder;
import static io.lyceum.billing.SignedWebhooks.signature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.billing.SignedWebhooks.Event;
import io.lyceum.billing.sandbox.SandboxPaymentProvider;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ProductionInstance;
import io.lyceum.testsupport.http.Http;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 11, findings 1 and 2, against production-like instances (an external database, no test profile): production
 * refuses to start with an implicit sandbox or a published webhook secret; with the sandbox chosen explicitly its
 * secret is generated per installation, so an event signed with the once-public default is refused, and so are events
 * about intents the sandbox never created or with another amount (with a code, never a 500). Without the sandbox its
 * public routes do not exist.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionPaymentsTests extends BillingTestBase {

    private static final String PUBLISHED_SECRET = "whsec_lyceum_sandbox_development_secret";

    @Autowired
    EmbeddedPostgres postgres;

    @Autowired
    SandboxPaymentProvider sandbox;

    @Test
    void productionRefusesAnImplicitSandboxAndPublishedWebhookSecrets() {
        Map<String, String> implicit = ProductionInstance.startable(postgres);
        implicit.remove("lyceum.payments.provider");
        assertThat(ProductionInstance.startFails(implicit)).contains("LYCEUM_PAYMENTS_PROVIDER");

        Map<String, String> published = ProductionInstance.startable(postgres);
        published.put("lyceum.payments.webhook-secret", PUBLISHED_SECRET);
        assertThat(ProductionInstance.startFails(published)).contains("published in Lyceum's source code");

        Map<String, String> stripe = ProductionInstance.startable(postgres);
        stripe.put("lyceum.payments.provider", "stripe");
        stripe.put("lyceum.payments.stripe.api-key", "sk_test_production_like");
        stripe.put("lyceum.payments.webhook-secret", "whsec_short");
        assertThat(ProductionInstance.startFails(stripe)).contains("shorter than");
    }

    @Test
    void forgedUnknownAndMismatchedPaymentEventsChangeNothingOnAProductionInstance(CapturedOutput output) {
        // the 3-D Secure challenge is never answered, so no genuine success event exists for this order
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID booking = lesson(student, tutor);
        UUID order = UUID.fromString(checkout(student, booking, "pm_card_authenticationRequired")
                .then()
                .statusCode(200)
                .body("status", equalTo("REQUIRES_ACTION"))
                .extract()
                .path("orderId"));
        Event requiresAction = eventsOfOrder(jdbc, order).stream()
                .filter(e -> e.type().equals("payment_intent.requires_action"))
                .findFirst()
                .orElseThrow();
        ObjectNode forged = succeeded(requiresAction);

        try (ConfigurableApplicationContext production =
                ProductionInstance.start(ProductionInstance.startable(postgres))) {
            int port = ProductionInstance.port(production);
            assertThat(output.getOut()).contains("PAYMENTS ARE SIMULATED");
            String installationSecret =
                    production.getBean(SandboxPaymentProvider.class).webhookSecret();
            assertThat(installationSecret)
                    .startsWith("whsec_")
                    .isNotEqualTo(PUBLISHED_SECRET)
                    .isEqualTo(sandbox.webhookSecret()) // one secret per installation, shared by its instances
                    .isEqualTo(jdbc.sql("SELECT value FROM sandbox_secrets WHERE name = 'webhook'")
                            .query(String.class)
                            .single());

            // signed with the secret that used to be the default: refused
            String payload = JSON.writeValueAsString(forged);
            SignedWebhooks.post(port, payload, signature(payload, PUBLISHED_SECRET, Instant.now()))
                    .then()
                    .statusCode(401)
                    .body("code", equalTo("webhook.invalid_signature"));

            // correctly signed (a leaked secret), but about an intent the sandbox never created
            ObjectNode unknown = forged.deepCopy();
            ((ObjectNode) unknown.path("data").path("object")).put("id", "pi_never_created_by_the_sandbox");
            post(port, unknown, installationSecret)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("webhook.unknown_object"));

            // the real intent with another amount
            ObjectNode cheaper = forged.deepCopy();
            ((ObjectNode) cheaper.path("data").path("object")).put("amount", 1);
            post(port, cheaper, installationSecret)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("webhook.amount_mismatch"));

            // the provider itself reports another amount than the order's (it used to be a 500 from the ledger)
            String intentId = forged.path("data").path("object").path("id").asString();
            jdbc.sql("UPDATE sandbox_payment_intents SET amount = 7 WHERE id = :id")
                    .param("id", intentId)
                    .update();
            ObjectNode mismatched = forged.deepCopy();
            ((ObjectNode) mismatched.path("data").path("object")).put("amount", 7);
            post(port, mismatched, installationSecret)
                    .then()
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("code", equalTo("payment.amount_mismatch"));

            assertThat(orderStatus(tutor, order)).isEqualTo("REQUIRES_ACTION");
            assertThat(bookingState(tutor.tenant(), booking)).isEqualTo("PENDING_PAYMENT");
            assertThat(count(
                            tutor.tenant(),
                            "SELECT count(*) FROM webhook_events WHERE object_id = :id AND type = 'payment_intent.succeeded'",
                            Map.of("id", intentId)))
                    .isZero();
            assertLedgerBalanced(tutor.tenant());
        }
    }

    @Test
    void withoutTheSandboxItsPublicRoutesDoNotExist() {
        Map<String, String> stripe = ProductionInstance.startable(postgres);
        stripe.put("lyceum.payments.provider", "stripe");
        stripe.put("lyceum.payments.stripe.api-key", "sk_test_production_like");
        stripe.put("lyceum.payments.stripe.api-base", "http://127.0.0.1:9");
        stripe.put("lyceum.payments.webhook-secret", "whsec_production_like_0123456789abcdef");
        try (ConfigurableApplicationContext production = ProductionInstance.start(stripe)) {
            int port = ProductionInstance.port(production);
            Http.given()
                    .port(port)
                    .contentType("application/json")
                    .body(Map.of("number", "4242424242424242", "expMonth", 12, "expYear", 2035))
                    .post("/sandbox/v1/payment_methods")
                    .then()
                    .statusCode(404);
            Http.given().port(port).get("/sandbox/3ds/pi_x").then().statusCode(404);
            Http.given()
                    .port(port)
                    .contentType("application/json")
                    .body(Map.of("outcome", "succeed"))
                    .post("/api/v1/sandbox/payment-intents/pi_x/authenticate")
                    .then()
                    .statusCode(401);
        }
    }

    /** The intent's {@code requires_action} event turned into a success, under a new event id. */
    private static ObjectNode succeeded(Event requiresAction) {
        ObjectNode event = requiresAction.renamed().tree();
        event.put("type", "payment_intent.succeeded");
        ObjectNode intent = (ObjectNode) event.path("data").path("object");
        intent.put("status", "succeeded");
        intent.remove("next_action");
        return event;
    }

    private static io.lyceum.testsupport.http.Response post(int port, ObjectNode event, String secret) {
        String payload = JSON.writeValueAsString(event);
        return SignedWebhooks.post(port, payload, signature(payload, secret, Instant.now()));
    }

    private String orderStatus(Tutor tutor, UUID order) {
        return TenantContext.callAs(tutor.tenant(), () -> jdbc.sql("SELECT status FROM orders WHERE id = :o")
                .param("o", order)
                .query(String.class)
                .single());
    }
}
