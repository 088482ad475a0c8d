package io.lyceum.telephony;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.lyceum.telephony.TwilioSmsProviderTests.recorded;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Vapi adapter against WireMock serving Vapi's response shapes: {@code POST /call} with the private key as a
 * bearer token, the phone number, the customer and a transient assistant that speaks the script and reports to our
 * server URL; the Call object gives the call's id, an error body a refusal, a 5xx the provider unavailable. Also the
 * webhook credential checks (HMAC with timestamp, plain secret) and the outcome of Vapi's ended reasons.
 */
class VapiCallProviderTests {

    private static WireMockServer wiremock;
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        wiremock = new WireMockServer(options().dynamicPort());
        wiremock.start();
    }

    @AfterAll
    static void stop() {
        wiremock.stop();
    }

    @BeforeEach
    void reset() {
        wiremock.resetAll();
    }

    private VapiCallProvider provider() {
        return new VapiCallProvider(
                new TelephonyProperties.Vapi(
                        "vapi-private-key",
                        "5b6c7d8e-9f00-4a1b-8c2d-3e4f5a6b7c8d",
                        "webhook-secret-0123456789abcdef",
                        "hmac",
                        wiremock.baseUrl(),
                        "openai",
                        "gpt-4o-mini"),
                TelephonyProviders.http(),
                json);
    }

    @Test
    void placesTheCallWithABearerKeyAndATransientAssistantSpeakingTheScript() {
        wiremock.stubFor(post(urlEqualTo("/call"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(recorded("vapi/call-created.json"))));

        var created = provider()
                .place(
                        "+447700900123",
                        "Your lesson starts in one hour and is not confirmed yet.",
                        Map.of("reference", "n-42", "tenantId", "t-1"),
                        "https://lyceum.example/api/v1/telephony/vapi/t-1/events");

        assertThat(created.accepted()).isTrue();
        assertThat(created.id()).isEqualTo("3f1c1b4e-6a0d-4c5e-9d8f-2b7a1e0c9d11");
        assertThat(created.status()).isEqualTo("queued");
        wiremock.verify(postRequestedFor(urlEqualTo("/call"))
                .withHeader("Authorization", equalTo("Bearer vapi-private-key"))
                .withRequestBody(matchingJsonPath("$.phoneNumberId", equalTo("5b6c7d8e-9f00-4a1b-8c2d-3e4f5a6b7c8d")))
                .withRequestBody(matchingJsonPath("$.customer.number", equalTo("+447700900123")))
                .withRequestBody(matchingJsonPath(
                        "$.assistant.firstMessage",
                        equalTo("Your lesson starts in one hour and is not confirmed yet.")))
                .withRequestBody(matchingJsonPath("$.assistant.firstMessageMode", equalTo("assistant-speaks-first")))
                .withRequestBody(matchingJsonPath("$.assistant.model.provider", equalTo("openai")))
                .withRequestBody(matchingJsonPath(
                        "$.assistant.server.url", equalTo("https://lyceum.example/api/v1/telephony/vapi/t-1/events")))
                .withRequestBody(matchingJsonPath("$.assistant.serverMessages[1]", equalTo("end-of-call-report")))
                .withRequestBody(matchingJsonPath("$.metadata.reference", equalTo("n-42"))));
    }

    @Test
    void vapisErrorBodyIsARefusalAndAFiveHundredIsTheProviderUnavailable() {
        wiremock.stubFor(post(urlEqualTo("/call"))
                .willReturn(aResponse().withStatus(400).withBody(recorded("vapi/error-400.json"))));
        var refused = provider().place("+1", "Hi", Map.of(), "https://lyceum.example/e");
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.errorCode()).isEqualTo("http_400");
        assertThat(refused.errorMessage()).contains("E.164");

        wiremock.resetAll();
        wiremock.stubFor(post(urlEqualTo("/call")).willReturn(aResponse().withStatus(502)));
        assertThat(provider()
                        .place("+447700900123", "Hi", Map.of(), "https://lyceum.example/e")
                        .errorCode())
                .isEqualTo("provider_unavailable");
    }

    @Test
    void webhookCredentialsAreCheckedExactlyAndTimestampsMustBeFresh() {
        Instant now = Instant.parse("2026-12-06T08:30:00Z");
        String body = "{\"message\":{\"type\":\"status-update\"}}";
        String secret = "webhook-secret-0123456789abcdef";
        long ts = now.getEpochSecond();
        String signature = VapiSignature.sign(secret, ts, body);
        Duration tolerance = Duration.ofMinutes(5);

        assertThat(VapiSignature.hmacMatches(secret, Long.toString(ts), signature, body, now, tolerance))
                .isTrue();
        assertThat(VapiSignature.hmacMatches(secret, Long.toString(ts), signature, body + " ", now, tolerance))
                .isFalse();
        assertThat(VapiSignature.hmacMatches("other-secret", Long.toString(ts), signature, body, now, tolerance))
                .isFalse();
        assertThat(VapiSignature.hmacMatches(
                        secret, Long.toString(ts), signature, body, now.plus(Duration.ofMinutes(6)), tolerance))
                .isFalse();
        assertThat(VapiSignature.hmacMatches(secret, "soon", signature, body, now, tolerance))
                .isFalse();
        assertThat(VapiSignature.secretMatches(secret, secret)).isTrue();
        assertThat(VapiSignature.secretMatches(secret, secret + "x")).isFalse();
        assertThat(VapiSignature.secretMatches(secret, null)).isFalse();
        assertThat(VapiSignature.secretMatches(null, "")).isFalse();
    }

    @Test
    void vapisEndedReasonsMapToOutcomes() {
        assertThat(VapiCalls.outcome("customer-ended-call")).isEqualTo("completed");
        assertThat(VapiCalls.outcome("assistant-ended-call")).isEqualTo("completed");
        assertThat(VapiCalls.outcome("customer-did-not-answer")).isEqualTo("no_answer");
        assertThat(VapiCalls.outcome("customer-busy")).isEqualTo("busy");
        assertThat(VapiCalls.outcome("voicemail")).isEqualTo("voicemail");
        assertThat(VapiCalls.outcome("pipeline-error-openai-llm-failed")).isEqualTo("failed");
        assertThat(VapiCalls.outcome(null)).isEqualTo("failed");
    }
}
