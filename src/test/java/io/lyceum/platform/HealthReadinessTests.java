package io.lyceum.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.ApiTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code /health} says UP only once the application is ready: the demo data loads in an ApplicationReadyEvent
 * listener, and scripts that wait for health and then sign in as a demo user must not see UP before it is done. A
 * second ready-event listener stands in for the loader and asks {@code /health} while it runs.
 */
@Import(HealthReadinessTests.ProbeWhileStarting.class)
@TestPropertySource(properties = "lyceum.test.context=health-readiness") // a context of its own
class HealthReadinessTests extends ApiTestBase {

    static final List<String> SEEN_WHILE_STARTING = new CopyOnWriteArrayList<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class ProbeWhileStarting {
        @Bean
        ApplicationListener<ApplicationReadyEvent> healthProbe() {
            return event -> {
                String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port");
                try (var client = HttpClient.newHttpClient()) {
                    var response = client.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    SEEN_WHILE_STARTING.add(response.statusCode() + " " + response.body());
                } catch (Exception e) {
                    SEEN_WHILE_STARTING.add(e.toString());
                }
            };
        }
    }

    @Test
    void healthIsOutOfServiceUntilStartUpWorkHasFinishedThenUp() {
        assertThat(SEEN_WHILE_STARTING).containsExactly("503 {\"status\":\"OUT_OF_SERVICE\"}");
        api().get("/health").then().statusCode(200);
        api().get("/actuator/health/readiness").then().statusCode(200);
    }
}
