package io.lyceum.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every route of the subscriptions API, with its refusals. */
class WebhookSubscriptionApiTests extends WebhookTestBase {

    @Test
    void anOwnerCreatesReadsChangesAndDeletesASubscriptionAndTheSecretIsShownOnceAndSealedAtRest() {
        JsonPath created = subscribe("/crud", List.of("booking.created", "user.registered", "booking.created"));
        UUID id = UUID.fromString(created.getString("subscription.id"));
        String secret = created.getString("secret");
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(created.getList("subscription.eventTypes", String.class))
                .containsExactly("booking.created", "user.registered");
        assertThat(created.getBoolean("subscription.enabled")).isTrue();
        assertThat(created.getString("subscription.createdBy"))
                .isEqualTo(owner.userId().toString());

        String stored =
                TenantContext.callAs(tenant(), () -> jdbc.sql("SELECT secret FROM webhook_subscriptions WHERE id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single());
        assertThat(stored).startsWith("v1:").doesNotContain(secret.substring(6));

        owner.api()
                .get(SUBSCRIPTIONS + "/" + id)
                .then()
                .statusCode(200)
                .body("url", equalTo(receiverUrl("/crud")))
                .body("description", equalTo("test receiver"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("secret")));
        owner.api()
                .get(SUBSCRIPTIONS)
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(1))
                .body("content[0].id", equalTo(id.toString()));

        owner.api()
                .contentType("application/json")
                .body(Map.of("eventTypes", List.of("payout.paid"), "enabled", false, "description", "changed"))
                .patch(SUBSCRIPTIONS + "/" + id)
                .then()
                .statusCode(200)
                .body("eventTypes", containsInAnyOrder("payout.paid"))
                .body("enabled", equalTo(false))
                .body("disabledReason", equalTo("disabled by an owner or admin"))
                .body("url", equalTo(receiverUrl("/crud")))
                .body("description", equalTo("changed"));
        owner.api()
                .contentType("application/json")
                .body(Map.of("enabled", true))
                .patch(SUBSCRIPTIONS + "/" + id)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(true))
                .body("disabledReason", org.hamcrest.Matchers.nullValue());

        owner.api().delete(SUBSCRIPTIONS + "/" + id).then().statusCode(204);
        owner.api()
                .get(SUBSCRIPTIONS + "/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("webhook.subscription_not_found"));
        owner.api()
                .delete(SUBSCRIPTIONS + "/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("webhook.subscription_not_found"));
    }

    @Test
    void changesAreWrittenToTheAuditLog() {
        UUID id = UUID.fromString(
                subscribe("/audited", List.of("user.registered")).getString("subscription.id"));
        owner.api().post(SUBSCRIPTIONS + "/" + id + "/rotate-secret").then().statusCode(200);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> owner.api()
                        .queryParam("subjectId", id)
                        .get("/api/v1/admin/audit-log")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("content.action")
                        .containsAll(List.of("WEBHOOK_SUBSCRIPTION_CREATED", "WEBHOOK_SECRET_ROTATED")));
    }

    @Test
    void adminsMayManageSubscriptionsButStudentsAndTutorsAreRefused() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", slug);
        String id = admin.api()
                .contentType("application/json")
                .body(Map.of("url", receiverUrl("/admin"), "eventTypes", List.of("booking.confirmed")))
                .post(SUBSCRIPTIONS)
                .then()
                .statusCode(201)
                .extract()
                .path("subscription.id");
        owner.api().get(SUBSCRIPTIONS + "/" + id).then().statusCode(200);

        for (String role : List.of("STUDENT", "TUTOR")) {
            SignedIn user = Accounts.newUser(role, slug);
            user.api().get(SUBSCRIPTIONS).then().statusCode(403).body("code", equalTo("auth.forbidden"));
            user.api()
                    .contentType("application/json")
                    .body(Map.of("url", receiverUrl("/x"), "eventTypes", List.of("booking.created")))
                    .post(SUBSCRIPTIONS)
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("auth.forbidden"));
            for (var call : List
                    .<java.util.function.Function<
                                    io.lyceum.testsupport.http.RequestSpecification,
                                    io.lyceum.testsupport.http.Response>>
                            of(
                                    r -> r.get(SUBSCRIPTIONS + "/" + id),
                                    r -> r.contentType("application/json")
                                            .body(Map.of("enabled", false))
                                            .patch(SUBSCRIPTIONS + "/" + id),
                                    r -> r.delete(SUBSCRIPTIONS + "/" + id),
                                    r -> r.post(SUBSCRIPTIONS + "/" + id + "/rotate-secret"),
                                    r -> r.get(SUBSCRIPTIONS + "/" + id + "/messages"),
                                    r -> r.get(SUBSCRIPTIONS + "/" + id + "/messages/" + UUID.randomUUID()),
                                    r -> r.post(
                                            SUBSCRIPTIONS + "/" + id + "/messages/" + UUID.randomUUID() + "/replay"),
                                    r -> r.get("/api/v1/webhooks/event-types"))) {
                call.apply(user.api()).then().statusCode(403).body("code", equalTo("auth.forbidden"));
            }
        }
        io.lyceum.testsupport.http.Http.given()
                .get(SUBSCRIPTIONS)
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.unauthenticated"));
        owner.api().get(SUBSCRIPTIONS + "/" + id).then().statusCode(200).body("enabled", equalTo(true));
    }

    @Test
    void anotherTenantsOwnerSeesNothing() {
        String id = subscribe("/mine", List.of("booking.created")).getString("subscription.id");
        SignedIn stranger = Tenants.newTenantWithOwner(Tenants.uniqueSlug("other"));
        stranger.api()
                .get(SUBSCRIPTIONS + "/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("webhook.subscription_not_found"));
        stranger.api()
                .contentType("application/json")
                .body(Map.of("enabled", false))
                .patch(SUBSCRIPTIONS + "/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("webhook.subscription_not_found"));
        stranger.api()
                .post(SUBSCRIPTIONS + "/" + id + "/rotate-secret")
                .then()
                .statusCode(404)
                .body("code", equalTo("webhook.subscription_not_found"));
        stranger.api()
                .delete(SUBSCRIPTIONS + "/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("webhook.subscription_not_found"));
        stranger.api()
                .get(SUBSCRIPTIONS + "/" + id + "/messages")
                .then()
                .statusCode(404)
                .body("code", equalTo("webhook.subscription_not_found"));
        stranger.api().get(SUBSCRIPTIONS).then().statusCode(200).body("page.totalElements", equalTo(0));
        owner.api().get(SUBSCRIPTIONS + "/" + id).then().statusCode(200).body("enabled", equalTo(true));
    }

    @Test
    void anInvalidSubscriptionIsRefusedWithEveryProblemAndNothingIsStored() {
        Map<String, Object> body = new HashMap<>();
        body.put("url", "ftp://user:password@example.com/hooks#top");
        body.put("eventTypes", List.of("booking.created", "booking.exploded", "user.registered"));
        body.put("description", "x".repeat(501));
        owner.api()
                .contentType("application/json")
                .body(body)
                .post(SUBSCRIPTIONS)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("webhook.invalid_subscription"))
                .body("errors.field", containsInAnyOrder("url", "url", "url", "eventTypes[1]", "description"))
                .body(
                        "errors.message",
                        hasItems(
                                "must use http or https",
                                "must not contain a user name or password",
                                "must not contain a fragment (#...)",
                                "unknown event type booking.exploded",
                                "must be at most 500 characters"));

        owner.api()
                .contentType("application/json")
                .body(Map.of("eventTypes", List.of()))
                .post(SUBSCRIPTIONS)
                .then()
                .statusCode(422)
                .body("code", equalTo("webhook.invalid_subscription"))
                .body("errors.field", containsInAnyOrder("url", "eventTypes"))
                .body("errors.message", containsInAnyOrder("is required", "choose at least one event type"));

        owner.api()
                .contentType("application/json")
                .body(Map.of("url", "/relative/path", "eventTypes", List.of("payout.paid")))
                .post(SUBSCRIPTIONS)
                .then()
                .statusCode(422)
                .body("code", equalTo("webhook.invalid_subscription"))
                .body("errors[0].message", matchesPattern("must be an absolute URL with a host.*"));
        owner.api().get(SUBSCRIPTIONS).then().statusCode(200).body("page.totalElements", equalTo(0));

        String id = subscribe("/kept", List.of("booking.created")).getString("subscription.id");
        owner.api()
                .contentType("application/json")
                .body(Map.of("url", "gopher://example.com", "eventTypes", List.of("nope")))
                .patch(SUBSCRIPTIONS + "/" + id)
                .then()
                .statusCode(422)
                .body("code", equalTo("webhook.invalid_subscription"))
                .body("errors.field", containsInAnyOrder("url", "eventTypes[0]"));
        owner.api()
                .get(SUBSCRIPTIONS + "/" + id)
                .then()
                .body("url", equalTo(receiverUrl("/kept")))
                .body("eventTypes", containsInAnyOrder("booking.created"));
    }

    @Test
    void theEventTypesAreListed() {
        owner.api()
                .get("/api/v1/webhooks/event-types")
                .then()
                .statusCode(200)
                .body("size()", org.hamcrest.Matchers.lessThanOrEqualTo(WebhookController.MAX_EVENT_TYPES))
                .body(
                        "name",
                        containsInAnyOrder(
                                "booking.created",
                                "booking.confirmed",
                                "booking.cancelled",
                                "booking.completed",
                                "payment.succeeded",
                                "payment.refunded",
                                "payout.paid",
                                "review.created",
                                "user.registered",
                                "enrollment.started"));
    }

    @Test
    void theDeliveryLogRefusesUnknownFiltersAndMessagesAndReplaysOnlyFinishedMessages() {
        receiver.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/log")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(204)));
        UUID id = UUID.fromString(subscribe("/log", List.of("user.registered")).getString("subscription.id"));
        owner.api()
                .queryParam("status", "LOST")
                .queryParam("eventType", "user.vanished")
                .get(SUBSCRIPTIONS + "/" + id + "/messages")
                .then()
                .statusCode(422)
                .body("code", equalTo("webhook.invalid_filter"))
                .body("errors.field", containsInAnyOrder("status", "eventType"));
        owner.api()
                .get(SUBSCRIPTIONS + "/" + id + "/messages/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("code", equalTo("webhook.message_not_found"));
        owner.api()
                .post(SUBSCRIPTIONS + "/" + id + "/messages/" + UUID.randomUUID() + "/replay")
                .then()
                .statusCode(404)
                .body("code", equalTo("webhook.message_not_found"));

        UUID user = registerUser();
        JsonPath log = awaitMessage(id, m -> "DELIVERED".equals(m.getString("content[0].status")));
        String message = log.getString("content[0].id");
        assertThat(log.getString("content[0].eventType")).isEqualTo("user.registered");
        owner.api()
                .queryParam("status", "DELIVERED")
                .queryParam("eventType", "user.registered")
                .get(SUBSCRIPTIONS + "/" + id + "/messages")
                .then()
                .body("page.totalElements", equalTo(1));
        owner.api()
                .queryParam("status", "FAILED")
                .get(SUBSCRIPTIONS + "/" + id + "/messages")
                .then()
                .body("page.totalElements", equalTo(0));
        JsonPath detail = owner.api()
                .get(SUBSCRIPTIONS + "/" + id + "/messages/" + message)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(detail.getString("message.webhookId")).isEqualTo("msg_" + message);
        assertThat(JsonPath.from(detail.getString("payload")).getString("data.id"))
                .isEqualTo(user.toString());
        assertThat(detail.getList("attempts")).hasSize(1);
        assertThat(detail.getInt("attempts[0].statusCode")).isEqualTo(204);
        assertThat(detail.getBoolean("attempts[0].succeeded")).isTrue();

        receiver.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/log")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withFixedDelay(1500)
                        .withStatus(200)));
        owner.api()
                .post(SUBSCRIPTIONS + "/" + id + "/messages/" + message + "/replay")
                .then()
                .statusCode(202)
                .body("status", equalTo("PENDING"))
                .body("webhookId", equalTo("msg_" + message));
        owner.api()
                .post(SUBSCRIPTIONS + "/" + id + "/messages/" + message + "/replay")
                .then()
                .statusCode(409)
                .body("code", equalTo("webhook.message_in_flight"));
        awaitMessage(
                id, m -> "DELIVERED".equals(m.getString("content[0].status")) && m.getInt("content[0].attempts") == 2);
        List<String> ids =
                requests("/log").stream().map(r -> r.getHeader("webhook-id")).toList();
        assertThat(ids).containsExactly("msg_" + message, "msg_" + message);
    }
}
