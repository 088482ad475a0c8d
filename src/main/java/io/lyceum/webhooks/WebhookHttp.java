package io.lyceum.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client of deliveries (Apache HttpClient). Its resolver is the {@link EndpointPolicy}'s: the connection is
 * made to exactly the addresses that were checked for this delivery, so a host name that answers a public address to
 * the check and an internal one to the connection (DNS rebinding) cannot reach inside. No redirects are followed (a
 * redirect could point anywhere), no proxy, cookies or automatic retries; short connect and response timeouts.
 */
final class WebhookHttp implements AutoCloseable {

    /** What one POST came to: a status code and the start of the answer, or the error that stopped it. */
    record Result(
            @Nullable Integer statusCode,
            @Nullable String responseExcerpt,
            @Nullable String error,
            long durationMs) {

        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final CloseableHttpClient client;
    private final int excerptBytes;

    WebhookHttp(
            EndpointPolicy policy, Duration connectTimeout, Duration responseTimeout, int connections, int excerpt) {
        this.excerptBytes = excerpt;
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return policy.checkedAddresses(host);
            }

            @Override
            public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
                List<InetSocketAddress> addresses = new ArrayList<>();
                for (InetAddress address : policy.checkedAddresses(host)) {
                    addresses.add(new InetSocketAddress(address, port));
                }
                return addresses;
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(responseTimeout))
                                .setTimeToLive(Timeout.ofMinutes(5))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setResponseTimeout(Timeout.of(responseTimeout))
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Lyceum-Webhooks/1.0")
                .build();
    }

    Result post(String url, Map<String, String> headers, String body) {
        long started = System.nanoTime();
        try {
            HttpPost post = new HttpPost(url);
            headers.forEach(post::setHeader);
            post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
            return client.execute(
                    post,
                    response ->
                            new Result(response.getCode(), excerpt(response.getEntity()), null, millisSince(started)));
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Result(null, null, e.getClass().getSimpleName() + ": " + message, millisSince(started));
        }
    }

    private @Nullable String excerpt(HttpEntity entity) throws IOException {
        if (entity == null) {
            return null;
        }
        try (InputStream in = entity.getContent()) {
            byte[] start = in.readNBytes(excerptBytes);
            return start.length == 0 ? null : new String(start, StandardCharsets.UTF_8);
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
