package io.lyceum.webhooks;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Webhook tests: each class works in a tenant of its own (so no other test's events reach its subscriptions) with a
 * WireMock receiver on a local port (local receivers are allowed in development mode, which the tests run in).
 */
abstract class WebhookTestBase extends ApiTestBase {

    static final String SUBSCRIPTIONS = "/api/v1/webhooks/subscriptions";

    static WireMockServer receiver;

    String slug;
    SignedIn owner;

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @BeforeEach
    void newTenantAndReceiver() {
        receiver.resetAll();
        slug = Tenants.uniqueSlug("hooks");
        owner = Tenants.newTenantWithOwner(slug);
    }

    String receiverUrl(String path) {
        return "http://localhost:" + receiver.port() + path;
    }

    /** Creates a subscription as the tenant's owner; answers its id and secret. */
    JsonPath subscribe(String path, List<String> types) {
        return owner.api()
                .contentType("application/json")
                .body(Map.of("url", receiverUrl(path), "description", "test receiver", "eventTypes", types))
                .post(SUBSCRIPTIONS)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    /** Registers (and verifies) a new student in the tenant: one user.registered event. */
    UUID registerUser() {
        String email = Accounts.uniqueEmail("hooked");
        Accounts.register(email, "STUDENT", slug);
        return TenantContext.callAs(tenant(), () -> jdbc.sql("SELECT id FROM users WHERE email = :e")
                .param("e", email)
                .query(UUID.class)
                .single());
    }

    TenantId tenant() {
        return Tenants.idOf(jdbc, slug);
    }

    /** The receiver's requests to {@code path}, oldest first, once {@code done} holds for them. */
    static List<LoggedRequest> awaitRequests(String path, Predicate<List<LoggedRequest>> done) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> done.test(requests(path)));
        return requests(path);
    }

    static List<LoggedRequest> requests(String path) {
        List<LoggedRequest> all = receiver.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(path)));
        return all.stream()
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
                .toList();
    }

    JsonPath messages(UUID subscription) {
        return owner.api()
                .get(SUBSCRIPTIONS + "/" + subscription + "/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    JsonPath awaitMessage(UUID subscription, Predicate<JsonPath> done) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> done.test(last[0] = messages(subscription)));
        return last[0];
    }
}
