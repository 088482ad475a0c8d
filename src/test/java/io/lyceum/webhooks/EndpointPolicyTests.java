package io.lyceum.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The SSRF rules, without the application: which addresses are public, what production refuses when a subscription
 * is saved, and that the delivery client connects only to the addresses it checked (DNS rebinding).
 */
class EndpointPolicyTests {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void onlyPublicUnicastAddressesArePublic() {
        for (String blocked : List.of(
                "127.0.0.1",
                "10.1.2.3",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "0.0.0.0",
                "224.0.0.1",
                "255.255.255.255",
                "192.0.2.10",
                "198.18.0.1",
                "::1",
                "::",
                "fe80::1",
                "fd00:ec2::254",
                "fc00::1",
                "ff02::1",
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1",
                "64:ff9b::a9fe:a9fe",
                "2001:db8::1")) {
            assertThat(EndpointPolicy.isPublic(ip(blocked))).as(blocked).isFalse();
        }
        for (String open :
                List.of("93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "64:ff9b::808:808")) {
            assertThat(EndpointPolicy.isPublic(ip(open))).as(open).isTrue();
        }
    }

    @Test
    void productionRefusesPlainHttpAndHostsResolvingToInternalAddresses() {
        EndpointPolicy production = new EndpointPolicy(false, host -> switch (host) {
            case "hooks.example.com" -> new InetAddress[] {ip("93.184.215.14")};
            case "mixed.example.com" -> new InetAddress[] {ip("93.184.215.14"), ip("10.0.0.7")};
            case "metadata.example.com" -> new InetAddress[] {ip("169.254.169.254")};
            default -> InetAddress.getAllByName(host);
        });
        assertThat(production.problems("https://hooks.example.com/lyceum")).isEmpty();
        assertThat(production.problems("http://hooks.example.com/lyceum")).containsExactly("must use https");
        assertThat(production.problems("https://mixed.example.com/"))
                .singleElement()
                .asString()
                .contains("10.0.0.7");
        assertThat(production.problems("https://metadata.example.com/"))
                .singleElement()
                .asString()
                .contains("169.254.169.254");
        assertThat(production.problems("https://127.0.0.1:8443/")).hasSize(1);
        assertThat(production.problems("https://[::1]/")).hasSize(1);
        assertThat(production.problems("https://localhost/")).hasSize(1);

        EndpointPolicy development = new EndpointPolicy(true);
        assertThat(development.problems("http://localhost:9000/hooks")).isEmpty();
    }

    @Test
    void aDeliveryConnectsOnlyToTheAddressesItCheckedSoARebindingNameIsRefused() throws Exception {
        WireMockServer local = new WireMockServer(options().dynamicPort());
        local.start();
        try {
            local.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
            // the first lookup (when the subscription is saved) answers a public address, later ones loopback
            AtomicInteger lookups = new AtomicInteger();
            EndpointPolicy rebinding = new EndpointPolicy(false, host ->
                    new InetAddress[] {lookups.getAndIncrement() == 0 ? ip("93.184.215.14") : ip("127.0.0.1")});
            String url = "https://rebind.example.com:" + local.port() + "/hook";
            assertThat(rebinding.problems(url)).isEmpty();
            try (WebhookHttp http = new WebhookHttp(rebinding, Duration.ofSeconds(2), Duration.ofSeconds(2), 4, 1024)) {
                WebhookHttp.Result result = http.post(url, Map.of("webhook-id", "msg_1"), "{}");
                assertThat(result.succeeded()).isFalse();
                assertThat(result.error()).contains("refused").contains("127.0.0.1");
            }
            try (WebhookHttp http =
                    new WebhookHttp(new EndpointPolicy(false), Duration.ofSeconds(2), Duration.ofSeconds(2), 4, 1024)) {
                WebhookHttp.Result direct = http.post("http://localhost:" + local.port() + "/hook", Map.of(), "{}");
                assertThat(direct.error()).contains("refused");
            }
            assertThat(local.findAll(anyRequestedFor(anyUrl()))).isEmpty();

            // development allows the local receiver
            try (WebhookHttp http =
                    new WebhookHttp(new EndpointPolicy(true), Duration.ofSeconds(2), Duration.ofSeconds(2), 4, 1024)) {
                assertThat(http.post("http://localhost:" + local.port() + "/hook", Map.of(), "{}")
                                .statusCode())
                        .isEqualTo(200);
            }
        } finally {
            local.stop();
        }
    }
}
