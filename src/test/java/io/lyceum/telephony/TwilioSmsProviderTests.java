package io.lyceum.telephony;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Twilio adapter against WireMock serving Twilio's response shapes: the request is Twilio's (form-encoded To, From
 * or MessagingServiceSid, Body, StatusCallback; basic authentication with the account SID and auth token), a created
 * Message resource gives its sid and status, an error body gives Twilio's code, a 5xx is the provider unavailable. The
 * request signature is checked against Twilio's documented example.
 */
class TwilioSmsProviderTests {

    static final String SID = "AC1234567890abcdef1234567890abcdef";
    static final String TOKEN = "test-auth-token-0123456789abcdef";
    static final String PATH = "/2010-04-01/Accounts/" + SID + "/Messages.json";

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

    private TwilioSmsProvider provider(String from, String messagingService) {
        return new TwilioSmsProvider(
                new TelephonyProperties.Twilio(SID, TOKEN, from, messagingService, wiremock.baseUrl()),
                TelephonyProviders.http(),
                json);
    }

    static String recorded(String name) {
        try (InputStream in = TwilioSmsProviderTests.class.getResourceAsStream("/wiremock/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void sendsTwiliosFormWithBasicAuthAndReadsTheCreatedMessage() {
        wiremock.stubFor(post(urlEqualTo(PATH))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(recorded("twilio/message-created.json"))));

        var sent = provider("+14155550100", null)
                .send("+447700900123", "Your lesson starts at 10:00.", "https://lyceum.example/cb/1");

        assertThat(sent.accepted()).isTrue();
        assertThat(sent.sid()).isEqualTo("SM0123456789abcdef0123456789abcdef");
        assertThat(sent.status()).isEqualTo("queued");
        String basic =
                "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        wiremock.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo(basic))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("To", equalTo("+447700900123"))
                .withFormParam("From", equalTo("+14155550100"))
                .withFormParam("Body", equalTo("Your lesson starts at 10:00."))
                .withFormParam("StatusCallback", equalTo("https://lyceum.example/cb/1")));
    }

    @Test
    void aMessagingServiceReplacesTheFromNumber() {
        wiremock.stubFor(post(urlEqualTo(PATH))
                .willReturn(aResponse().withStatus(201).withBody(recorded("twilio/message-created.json"))));

        provider(null, "MG0123456789abcdef0123456789abcdef").send("+447700900123", "Hi", null);

        var request = wiremock.getAllServeEvents().getFirst().getRequest();
        Map<String, List<String>> form = FormBody.parse(request.getBodyAsString());
        assertThat(form).containsEntry("MessagingServiceSid", List.of("MG0123456789abcdef0123456789abcdef"));
        assertThat(form).doesNotContainKeys("From", "StatusCallback");
    }

    @Test
    void twiliosErrorBodyGivesItsCodeAndAFiveHundredIsTheProviderUnavailable() {
        wiremock.stubFor(post(urlEqualTo(PATH))
                .willReturn(aResponse().withStatus(400).withBody(recorded("twilio/error-21211.json"))));
        var refused = provider("+14155550100", null).send("+15005550001", "Hi", null);
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.errorCode()).isEqualTo("21211");
        assertThat(refused.errorMessage()).contains("is not a valid phone number");

        wiremock.resetAll();
        wiremock.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        var down = provider("+14155550100", null).send("+447700900123", "Hi", null);
        assertThat(down.accepted()).isFalse();
        assertThat(down.errorCode()).isEqualTo("provider_unavailable");
    }

    /** The example of Twilio's "Webhooks security" page: its URL, parameters, auth token and expected signature. */
    @Test
    void theSignatureMatchesTwiliosDocumentedExample() {
        Map<String, List<String>> params = Map.of(
                "CallSid", List.of("CA1234567890ABCDE"),
                "Caller", List.of("+12349013030"),
                "Digits", List.of("1234"),
                "From", List.of("+12349013030"),
                "To", List.of("+18005551212"));
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        String token = "12345";
        assertThat(TwilioSignature.sign(token, url, params)).isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        assertThat(TwilioSignature.matches(token, url, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="))
                .isTrue();
        assertThat(TwilioSignature.matches(token, url + "&baz=3", params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="))
                .isFalse();
        assertThat(TwilioSignature.matches(token, url, params, null)).isFalse();
    }
}
