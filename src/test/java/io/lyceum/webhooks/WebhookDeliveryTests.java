package io.lyceum.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.http.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * WebhookDeliveries to a WireMock receiver, verified with the Standard Webhooks reference library
 * ({@code com.standardwebhooks:standardwebhooks}, which shares no code with ours): headers, signatures, tampering,
 * rotation with two valid secrets, retries with backoff, and the disabling of an endpoint that keeps failing.
 */
class WebhookDeliveryTests extends WebhookTestBase {

    private static Map<String, List<String>> headers(LoggedRequest request) {
        return Map.of(
                "webhook-id", List.of(request.getHeader("webhook-id")),
                "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
                "webhook-signature", List.of(request.getHeader("webhook-signature")));
    }

    @Test
    void aDeliveryCarriesStandardWebhooksHeadersAndASignatureTheReferenceVerifierAccepts() throws Exception {
        receiver.stubFor(post("/signed").willReturn(aResponse().withStatus(200).withBody("thanks")));
        JsonPath created = subscribe("/signed", List.of("user.registered"));
        String secret = created.getString("secret");
        UUID subscription = UUID.fromString(created.getString("subscription.id"));

        UUID user = registerUser();
        LoggedRequest request = awaitRequests("/signed", r -> !r.isEmpty()).getFirst();

        String body = request.getBodyAsString();
        String messageId = messages(subscription).getString("content[0].id");
        assertThat(request.getHeader("webhook-id")).isEqualTo("msg_" + messageId);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        long timestamp = Long.parseLong(request.getHeader("webhook-timestamp"));
        assertThat(Math.abs(timestamp - testClock.instant().getEpochSecond())).isLessThan(60);
        assertThat(request.getHeader("webhook-signature")).matches("v1,[A-Za-z0-9+/]{43}=");

        new Webhook(secret).verify(body, headers(request));

        JsonPath payload = JsonPath.from(body);
        assertThat(payload.getString("type")).isEqualTo("user.registered");
        assertThat(Instant.parse(payload.getString("timestamp"))).isNotNull();
        assertThat(payload.getString("data.id")).isEqualTo(user.toString());
        assertThat(payload.getString("data.role")).isEqualTo("STUDENT");

        // a changed body, id or timestamp, or another secret, fails verification
        assertThatThrownBy(() -> new Webhook(secret).verify(body.replace("STUDENT", "ADMIN"), headers(request)))
                .isInstanceOf(WebhookVerificationException.class);
        var otherId = new java.util.HashMap<>(headers(request));
        otherId.put("webhook-id", List.of("msg_" + UUID.randomUUID()));
        assertThatThrownBy(() -> new Webhook(secret).verify(body, otherId))
                .isInstanceOf(WebhookVerificationException.class);
        var otherTime = new java.util.HashMap<>(headers(request));
        otherTime.put("webhook-timestamp", List.of(Long.toString(timestamp - 1)));
        assertThatThrownBy(() -> new Webhook(secret).verify(body, otherTime))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(Signatures.newSecret()).verify(body, headers(request)))
                .isInstanceOf(WebhookVerificationException.class);

        JsonPath attempt = owner.api()
                .get(SUBSCRIPTIONS + "/" + subscription + "/messages/" + messageId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(attempt.getString("message.status")).isEqualTo("DELIVERED");
        assertThat(attempt.getString("attempts[0].responseExcerpt")).isEqualTo("thanks");
        assertThat(attempt.getString("payload")).isEqualTo(body);
    }

    @Test
    void afterARotationBothSecretsSignUntilTheOverlapEnds() throws Exception {
        receiver.stubFor(post("/rotated").willReturn(aResponse().withStatus(200)));
        JsonPath created = subscribe("/rotated", List.of("user.registered"));
        String oldSecret = created.getString("secret");
        UUID subscription = UUID.fromString(created.getString("subscription.id"));

        JsonPath rotated = owner.api()
                .post(SUBSCRIPTIONS + "/" + subscription + "/rotate-secret")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String newSecret = rotated.getString("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        Instant overlapEnds = Instant.parse(rotated.getString("subscription.previousSecretExpiresAt"));
        assertThat(Duration.between(testClock.instant(), overlapEnds))
                .isBetween(Duration.ofHours(23), Duration.ofHours(25));

        registerUser();
        LoggedRequest request = awaitRequests("/rotated", r -> !r.isEmpty()).getFirst();
        String[] signatures = request.getHeader("webhook-signature").split(" ");
        assertThat(signatures).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        new Webhook(newSecret).verify(request.getBodyAsString(), headers(request));
        new Webhook(oldSecret).verify(request.getBodyAsString(), headers(request));

        // after the overlap only the new secret signs; the clock moves once the first delivery is recorded, else its
        // lease would have lapsed and a sweep would send it again
        awaitMessage(subscription, m -> "DELIVERED".equals(m.getString("content[0].status")));
        testClock.advance(Duration.ofHours(25));
        registerUser();
        LoggedRequest later = awaitRequests("/rotated", r -> r.size() == 2).get(1);
        String id = later.getHeader("webhook-id");
        long timestamp = Long.parseLong(later.getHeader("webhook-timestamp"));
        assertThat(later.getHeader("webhook-signature"))
                .isEqualTo(new Webhook(newSecret).sign(id, timestamp, later.getBodyAsString()))
                .isNotEqualTo(new Webhook(oldSecret).sign(id, timestamp, later.getBodyAsString()));
    }

    @Test
    void aFailingEndpointIsRetriedWithExponentialBackoffUntilItAnswers() {
        receiver.stubFor(post("/flaky")
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withBody("boom 1"))
                .willSetStateTo("second"));
        receiver.stubFor(post("/flaky")
                .inScenario("flaky")
                .whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(502).withBody("boom 2"))
                .willSetStateTo("fixed"));
        receiver.stubFor(post("/flaky")
                .inScenario("flaky")
                .whenScenarioStateIs("fixed")
                .willReturn(aResponse().withStatus(200)));
        UUID subscription =
                UUID.fromString(subscribe("/flaky", List.of("user.registered")).getString("subscription.id"));
        registerUser();

        JsonPath first = awaitMessage(
                subscription,
                m -> m.getInt("content[0].attempts") == 1 && "PENDING".equals(m.getString("content[0].status")));
        String message = first.getString("content[0].id");
        Duration firstDelay = delayAfterLastAttempt(subscription, message);
        // backoff-base 10 s with +-20 % jitter, counted from when the attempt's outcome is recorded, a moment after the
        // answer (RECORDING allows for that moment on a loaded machine)
        assertThat(firstDelay)
                .isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12).plus(RECORDING));
        assertThat(first.getInt("content[0].lastStatusCode")).isEqualTo(500);
        // nothing more happens before the retry is due
        assertThat(requests("/flaky")).hasSize(1);

        testClock.advance(Duration.ofSeconds(13));
        awaitMessage(
                subscription,
                m -> m.getInt("content[0].attempts") == 2 && "PENDING".equals(m.getString("content[0].status")));
        Duration secondDelay = delayAfterLastAttempt(subscription, message);
        assertThat(secondDelay)
                .isBetween(Duration.ofSeconds(16), Duration.ofSeconds(24).plus(RECORDING));

        testClock.advance(Duration.ofSeconds(25));
        awaitMessage(subscription, m -> "DELIVERED".equals(m.getString("content[0].status")));
        JsonPath detail = owner.api()
                .get(SUBSCRIPTIONS + "/" + subscription + "/messages/" + message)
                .then()
                .extract()
                .jsonPath();
        assertThat(detail.getList("attempts.statusCode", Integer.class)).containsExactly(500, 502, 200);
        assertThat(detail.getList("attempts.succeeded", Boolean.class)).containsExactly(false, false, true);
        assertThat(detail.getString("attempts[0].responseExcerpt")).isEqualTo("boom 1");
        assertThat(detail.getString("attempts[1].error")).isEqualTo("the endpoint answered HTTP 502");
        assertThat(requests("/flaky"))
                .extracting(r -> r.getHeader("webhook-id"))
                .containsOnly("msg_" + message)
                .hasSize(3);
        owner.api()
                .get(SUBSCRIPTIONS + "/" + subscription)
                .then()
                .body("enabled", equalTo(true))
                .body("failingSince", org.hamcrest.Matchers.nullValue());
    }

    private static final Duration RECORDING = Duration.ofSeconds(2);

    /** From the last attempt's answer to the next attempt. */
    private Duration delayAfterLastAttempt(UUID subscription, String message) {
        JsonPath detail = owner.api()
                .get(SUBSCRIPTIONS + "/" + subscription + "/messages/" + message)
                .then()
                .extract()
                .jsonPath();
        List<String> starts = detail.getList("attempts.startedAt", String.class);
        List<Long> durations = detail.getList("attempts.durationMs", Long.class);
        Instant answered = Instant.parse(starts.getLast()).plusMillis(durations.getLast());
        return Duration.between(answered, Instant.parse(detail.getString("message.nextAttemptAt")));
    }

    @Test
    void anEndpointFailingForADayIsDisabledItsOwnerEmailedAndItCanBeEnabledAndReplayed() {
        receiver.stubFor(post("/down").willReturn(aResponse().withStatus(503).withBody("maintenance")));
        UUID subscription =
                UUID.fromString(subscribe("/down", List.of("user.registered")).getString("subscription.id"));
        registerUser();
        JsonPath first = awaitMessage(
                subscription,
                m -> m.getInt("content[0].attempts") == 1 && "PENDING".equals(m.getString("content[0].status")));
        String message = first.getString("content[0].id");
        owner.api()
                .get(SUBSCRIPTIONS + "/" + subscription)
                .then()
                .body("enabled", equalTo(true))
                .body("failingSince", org.hamcrest.Matchers.notNullValue());

        testClock.advance(Duration.ofHours(24).plusMinutes(1));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !owner.api()
                .get(SUBSCRIPTIONS + "/" + subscription)
                .then()
                .extract()
                .jsonPath()
                .getBoolean("enabled"));
        owner.api()
                .get(SUBSCRIPTIONS + "/" + subscription)
                .then()
                .body("disabledReason", equalTo("every delivery attempt failed for 24 hours"));
        JsonPath log = messages(subscription);
        assertThat(log.getString("content[0].status")).isEqualTo("FAILED");
        assertThat(log.getInt("content[0].attempts")).isEqualTo(2);

        String mail = Accounts.request(slug)
                .queryParam("recipient", owner.email())
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(mail).contains("Webhook endpoint disabled: " + receiverUrl("/down"));

        // disabled: new events queue nothing, and replays are refused
        registerUser();
        owner.api()
                .post(SUBSCRIPTIONS + "/" + subscription + "/messages/" + message + "/replay")
                .then()
                .statusCode(409)
                .body("code", equalTo("webhook.subscription_disabled"));
        assertThat(messages(subscription).getInt("page.totalElements")).isEqualTo(1);

        // fixed and enabled again: the failure record is cleared and a replay goes out under the same id
        receiver.stubFor(post("/down").willReturn(aResponse().withStatus(200)));
        owner.api()
                .contentType("application/json")
                .body(Map.of("enabled", true))
                .patch(SUBSCRIPTIONS + "/" + subscription)
                .then()
                .statusCode(200)
                .body("failingSince", org.hamcrest.Matchers.nullValue());
        owner.api()
                .post(SUBSCRIPTIONS + "/" + subscription + "/messages/" + message + "/replay")
                .then()
                .statusCode(202);
        awaitMessage(subscription, m -> "DELIVERED".equals(m.getString("content[0].status")));
        assertThat(requests("/down").getLast().getHeader("webhook-id")).isEqualTo("msg_" + message);
    }
}
