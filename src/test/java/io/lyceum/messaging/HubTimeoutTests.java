package io.lyceum.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.http.Http;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The hub's clocks, on an instance configured with short ones (access tokens of 6 s, 3 s to authenticate, 4 s of
 * idleness): an expired token closes the socket with 4001 (refresh and reconnect), a socket that never authenticates
 * or falls silent is closed with 4401 or 4408, and a client that pings stays.
 */
class HubTimeoutTests extends MessagingTestBase {

    @Autowired
    EmbeddedPostgres postgres;

    @Test
    void expiredTokensSilentAndIdleSocketsAreClosedWithCodes() {
        try (var instance = SecondInstance.start(
                postgres,
                "short-clocks",
                Map.of(
                        "lyceum.auth.access-token-ttl", "PT6S",
                        "lyceum.messaging.auth-timeout", "PT3S",
                        "lyceum.messaging.idle-timeout", "PT4S"))) {
            int shortPort = SecondInstance.port(instance);
            SignedIn student = student();
            // a token issued by the short-clock instance lives 6 seconds
            String shortToken = Http.given()
                    .port(shortPort)
                    .contentType("application/json")
                    .body(Map.of("email", student.email(), "password", Accounts.PASSWORD))
                    .post("/api/v1/auth/login")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("accessToken");

            try (var expiring = HubClient.authenticated(shortPort, shortToken);
                    var silent = HubClient.connect(shortPort);
                    var idle = HubClient.authenticated(shortPort, student.accessToken())) {
                // pings keep the expiring socket from idling until its token runs out; they start at once, since
                // its idle clock runs alongside the idle socket's (a first ping after the idle close came too late)
                Thread pinger = Thread.ofVirtual().start(() -> {
                    long until = System.nanoTime() + 30_000_000_000L;
                    while (!expiring.closed.isDone() && System.nanoTime() < until) {
                        try {
                            expiring.send(Map.of("type", "ping"));
                            Thread.sleep(1_000);
                        } catch (InterruptedException | RuntimeException e) {
                            return; // interrupted, or the socket closed under the ping
                        }
                    }
                });
                assertThat(silent.awaitClose()).isEqualTo(4401);
                assertThat(idle.awaitClose()).isEqualTo(4408);
                expiring.error("auth.token_expired");
                assertThat(expiring.awaitClose()).isEqualTo(4001);
                pinger.interrupt();
            }
        }
    }
}
