package io.lyceum.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import io.lyceum.reviews.Lessons;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A review posted through the reviews API reaches a review.created subscription, signed (in the default tenant, where
 * the test helpers make completed lessons; the subscription is deleted afterwards).
 */
class WebhookReviewEventTests extends ApiTestBase {

    @Test
    void aPostedReviewIsDeliveredAsReviewCreated() throws Exception {
        WireMockServer receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        receiver.stubFor(post("/reviews").willReturn(aResponse().withStatus(200)));
        SignedIn owner = Tenants.newStaff(jdbc, "OWNER", null);
        JsonPath created = owner.api()
                .contentType("application/json")
                .body(Map.of(
                        "url",
                        "http://localhost:" + receiver.port() + "/reviews",
                        "eventTypes",
                        List.of("review.created")))
                .post("/api/v1/webhooks/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String subscription = created.getString("subscription.id");
        try {
            Tutors.Approved tutor = Tutors.approved(jdbc);
            SignedIn student = Accounts.newUser("STUDENT");
            UUID booking = Lessons.completed(jdbc, tutor.id(), student.userId(), testClock.instant());
            String review = student.api()
                    .contentType("application/json")
                    .body(Map.of("bookingId", booking, "rating", 4, "body", "Good lesson."))
                    .post("/api/v1/reviews")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.findAll(
                            postRequestedFor(urlEqualTo("/reviews")))
                    .isEmpty());
            LoggedRequest request =
                    receiver.findAll(postRequestedFor(urlEqualTo("/reviews"))).getFirst();
            new Webhook(created.getString("secret"))
                    .verify(
                            request.getBodyAsString(),
                            Map.of(
                                    "webhook-id", List.of(request.getHeader("webhook-id")),
                                    "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
                                    "webhook-signature", List.of(request.getHeader("webhook-signature"))));
            JsonPath payload = JsonPath.from(request.getBodyAsString());
            assertThat(payload.getString("type")).isEqualTo("review.created");
            assertThat(payload.getString("data.id")).isEqualTo(review);
            assertThat(payload.getString("data.bookingId")).isEqualTo(booking.toString());
            assertThat(payload.getString("data.tutorId")).isEqualTo(tutor.id().toString());
            assertThat(payload.getInt("data.rating")).isEqualTo(4);
        } finally {
            owner.api().delete("/api/v1/webhooks/subscriptions/" + subscription);
            receiver.stop();
        }
    }
}
