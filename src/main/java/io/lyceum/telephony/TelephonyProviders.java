package io.lyceum.telephony;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** Chooses the SMS and voice adapters by configuration ({@code lyceum.telephony.sms.provider}, {@code voice.provider}). */
@Configuration(proxyBeanMethods = false)
class TelephonyProviders {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Bean
    SmsProvider smsProvider(
            TelephonyProperties properties,
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            SandboxWebhooks webhooks,
            SandboxSecrets secrets,
            JsonMapper json,
            Clock clock) {
        if (properties.usesTwilio()) {
            return new TwilioSmsProvider(properties.twilio(), http(), json);
        }
        return new SandboxSmsProvider(jdbc, transactions, webhooks, secrets, json, properties, clock);
    }

    @Bean
    CallProvider callProvider(
            TelephonyProperties properties,
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            SandboxWebhooks webhooks,
            SandboxSecrets secrets,
            JsonMapper json,
            Clock clock) {
        if (properties.usesVapi()) {
            return new VapiCallProvider(properties.vapi(), http(), json);
        }
        return new SandboxCallProvider(jdbc, transactions, webhooks, secrets, json, clock);
    }

    static RestClient.Builder http() {
        var factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build());
        factory.setReadTimeout(TIMEOUT);
        return RestClient.builder().requestFactory(factory);
    }
}
