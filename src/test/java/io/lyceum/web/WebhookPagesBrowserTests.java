package io.lyceum.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The integrations pages in a real browser: an owner adds an endpoint with event checkboxes, copies the secret shown
 * once, sees a delivery (verified with that secret by the Standard Webhooks library), replays it, rotates the secret
 * and deletes the endpoint. Skipped without Chromium.
 */
class WebhookPagesBrowserTests extends ApiTestBase {

    @Test
    void anOwnerManagesAnEndpointFromThePages() throws Exception {
        Browser.assumeChromium();
        SignedIn owner = Tenants.newStaff(jdbc, "OWNER", null);
        WireMockServer receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        String url = "http://localhost:" + receiver.port() + "/page-hooks";
        receiver.stubFor(post("/page-hooks").willReturn(aResponse().withStatus(200)));
        try (Browser browser = Browser.open(port)) {
            browser.go("/signin");
            browser.type("#email", owner.email());
            browser.type("#password", Accounts.PASSWORD);
            browser.clickToLoad("form.stack button[type=submit]");

            browser.go("/integrations");
            assertThat(browser.find("nav a[href='/integrations']").getText()).isEqualTo("Integrations");

            // a refused URL shows the API's reasons and keeps the form
            browser.type("#url", "ftp://example.com/hooks");
            browser.find("input[name=eventTypes][value='user.registered']").click();
            browser.clickToLoad("#create-subscription");
            assertThat(browser.text("#problems")).contains("url: must use http or https");
            assertThat(browser.find("input[name=eventTypes][value='user.registered']")
                            .isSelected())
                    .isTrue();

            browser.type("#url", url);
            browser.type("#description", "CRM sync");
            browser.clickToLoad("#create-subscription");
            String secret = browser.find("#secret").getAttribute("value");
            assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
            browser.assertAccessible();
            browser.clickToLoad("#to-endpoint");
            String detailPath = browser.path();
            assertThat(browser.text("h1")).isEqualTo(url);

            // an event: delivered, signed with the secret the page showed
            Accounts.newUser("STUDENT");
            LoggedRequest delivered = awaitRequests(receiver, 1).getFirst();
            new Webhook(secret)
                    .verify(
                            delivered.getBodyAsString(),
                            Map.of(
                                    "webhook-id", List.of(delivered.getHeader("webhook-id")),
                                    "webhook-timestamp", List.of(delivered.getHeader("webhook-timestamp")),
                                    "webhook-signature", List.of(delivered.getHeader("webhook-signature"))));

            // the receiver has it; the outcome is recorded just after its answer
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                browser.go(detailPath);
                return browser.text(".delivery .status").equals("Delivered");
            });
            browser.screenshot("webhooks-endpoint");
            browser.assertAccessible();
            browser.clickToLoad(".delivery button.replay");
            assertThat(browser.text("p.notice")).isEqualTo("The message will be sent again.");
            List<LoggedRequest> again = awaitRequests(receiver, 2);
            assertThat(again.get(1).getHeader("webhook-id")).isEqualTo(delivered.getHeader("webhook-id"));

            browser.clickToLoad("#rotate");
            String rotated = browser.find("#secret").getAttribute("value");
            assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
            assertThat(browser.text("main")).contains("The previous secret keeps signing");

            browser.go(detailPath);
            browser.clickToLoad("#toggle");
            assertThat(browser.text("#state")).startsWith("Disabled");
            browser.clickToLoad("#delete");
            assertThat(browser.text("p.notice")).isEqualTo("The endpoint was deleted.");
            assertThat(browser.text("main")).contains("No endpoint yet.");
        } finally {
            receiver.stop();
            // nothing of this test may keep receiving the default tenant's events
            owner.api()
                    .get("/api/v1/webhooks/subscriptions")
                    .then()
                    .extract()
                    .jsonPath()
                    .getList("content.id", String.class)
                    .forEach(id -> owner.api().delete("/api/v1/webhooks/subscriptions/" + id));
        }
    }

    private static List<LoggedRequest> awaitRequests(WireMockServer receiver, int count) throws IOException {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/page-hooks")))
                                .size()
                        >= count);
        return receiver.findAll(postRequestedFor(urlEqualTo("/page-hooks")));
    }
}
