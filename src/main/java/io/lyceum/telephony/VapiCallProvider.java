package io.lyceum.telephony;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vapi's API: {@code POST /call} with the private key as a bearer token, an outbound call from the configured phone
 * number to the customer with a transient assistant that speaks the script; Vapi then sends its server messages to
 * the assistant's {@code server.url}.
 */
final class VapiCallProvider implements CallProvider {

    private final RestClient http;
    private final TelephonyProperties.Vapi config;
    private final JsonMapper json;

    VapiCallProvider(TelephonyProperties.Vapi config, RestClient.Builder http, JsonMapper json) {
        this.config = config;
        this.json = json;
        this.http = http.clone()
                .baseUrl(config.apiBase())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + config.apiKey())
                .build();
    }

    @Override
    public String name() {
        return TelephonyProperties.VAPI;
    }

    @Override
    public String webhookSecret() {
        return config.webhookSecret();
    }

    @Override
    public VapiCalls.Created place(String to, String script, Map<String, String> metadata, String serverUrl) {
        String body = json.writeValueAsString(VapiCalls.createRequest(
                config.phoneNumberId(), to, script, metadata, serverUrl, config.modelProvider(), config.model()));
        return http.post()
                .uri("/call")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange((request, response) -> {
                    String answer = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                    int status = response.getStatusCode().value();
                    if (status / 100 == 2) {
                        return VapiCalls.call(json, answer);
                    }
                    if (status / 100 == 4) {
                        return VapiCalls.error(json, answer, status);
                    }
                    return VapiCalls.Created.error("provider_unavailable", "Vapi answered HTTP " + status);
                });
    }
}
