package io.lyceum.telephony;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's Programmable Messaging API: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, form-encoded
 * ({@code To}, {@code From} or {@code MessagingServiceSid}, {@code Body}, {@code StatusCallback}), HTTP basic
 * authentication with the account SID and auth token. Twilio's SDK ({@code com.twilio.sdk:twilio}) resolves here but
 * fixes the host to {@code api.twilio.com} and brings Apache HttpClient 4, Jackson 2 and jjwt for one POST, so the
 * adapter speaks the REST API directly.
 */
final class TwilioSmsProvider implements SmsProvider {

    private final RestClient http;
    private final TelephonyProperties.Twilio config;
    private final JsonMapper json;

    TwilioSmsProvider(TelephonyProperties.Twilio config, RestClient.Builder http, JsonMapper json) {
        this.config = config;
        this.json = json;
        this.http = http.clone()
                .baseUrl(config.apiBase())
                .defaultHeaders(headers ->
                        headers.setBasicAuth(config.accountSid(), config.authToken(), StandardCharsets.UTF_8))
                .build();
    }

    @Override
    public String name() {
        return TelephonyProperties.TWILIO;
    }

    @Override
    public String authToken() {
        return config.authToken();
    }

    @Override
    public TwilioMessages.Sent send(String to, String body, String statusCallbackUrl) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", to);
        if (config.messagingServiceSid() != null
                && !config.messagingServiceSid().isBlank()) {
            form.add("MessagingServiceSid", config.messagingServiceSid());
        } else {
            form.add("From", config.fromNumber());
        }
        form.add("Body", body);
        if (statusCallbackUrl != null) {
            form.add("StatusCallback", statusCallbackUrl);
        }
        return http.post()
                .uri("/2010-04-01/Accounts/{sid}/Messages.json", config.accountSid())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.USER_AGENT, "lyceum")
                .body(form)
                .exchange((request, response) -> {
                    String answer = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                    int status = response.getStatusCode().value();
                    if (status / 100 == 2) {
                        return TwilioMessages.message(json, answer);
                    }
                    if (status / 100 == 4) {
                        return TwilioMessages.error(json, answer, status);
                    }
                    // 5xx: Twilio is in trouble, not the message
                    return TwilioMessages.Sent.error("provider_unavailable", "Twilio answered HTTP " + status);
                });
    }
}
