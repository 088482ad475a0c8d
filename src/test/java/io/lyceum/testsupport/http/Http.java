package io.lyceum.testsupport.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the tests' requests go and what they remember: the application's address ({@link #baseURI}, {@link #port},
 * set by the test bases), one pooled HTTP/1.1 client for every request ({@link #exchange}), and each thread's last
 * few exchanges, which {@code RecentExchanges} prints when a test fails.
 */
public final class Http {

    /** Scheme and host of the application under test. */
    public static volatile String baseURI = "http://localhost";

    /** Port of the application under test: the test bases point it at their application before each test. */
    public static volatile int port = 8080;

    /** The content type of requests that do not choose one (null: chosen from the body, as RestAssured did). */
    public static volatile @Nullable String defaultContentType;

    /** Writes request bodies and maps answers to classes: Jackson with every module on the class path. */
    static final JsonMapper MAPPER = JsonMapper.builder().findAndAddModules().build();

    /**
     * Apache HttpClient's classic, blocking client: with the test JVMs' compiler flags thirteen API classes used 6–23%
     * less CPU through it than through the JDK's client, whose asynchronous machinery hands each exchange between
     * threads (BENCHMARKS.md, "Test suite time"). It sends what it is given and nothing else: no redirects followed, no
     * cookies kept, no retries, no compression asked for.
     */
    private static final CloseableHttpClient CLIENT = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(256)
                    .setMaxConnPerRoute(256) // the concurrency tests fire dozens of requests at once
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.ofSeconds(10))
                            // a connection idle for a second is checked before it is used again: the server may
                            // have closed it (Tomcat's keep-alive timeout), and no request is retried
                            .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                            .build())
                    .build())
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableAutomaticRetries()
            .disableContentCompression()
            .setUserAgent("Lyceum-tests")
            .build();

    /** What the application answered: status, headers (names in any case) and body. */
    public record Answer(int status, HttpHeaders headers, byte[] body) {}

    /**
     * Sends one request ({@code headers} as name and value pairs, a name may repeat) and reads the whole answer;
     * {@code timeout} bounds the wait for it.
     */
    public static Answer exchange(
            String method, URI uri, List<Map.Entry<String, String>> headers, byte @Nullable [] body, Duration timeout) {
        var request = new HttpUriRequestBase(method, uri);
        request.setConfig(
                RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
        headers.forEach(header -> request.addHeader(header.getKey(), header.getValue()));
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, null));
        }
        try {
            return CLIENT.execute(request, response -> {
                Map<String, List<String>> names = new LinkedHashMap<>();
                for (Header header : response.getHeaders()) {
                    names.computeIfAbsent(header.getName(), name -> new ArrayList<>())
                            .add(header.getValue());
                }
                byte[] content =
                        response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
                return new Answer(response.getCode(), HttpHeaders.of(names, (name, value) -> true), content);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri, e);
        }
    }

    private static final int KEPT = 6;
    private static final ThreadLocal<Deque<Exchange>> RECENT = ThreadLocal.withInitial(ArrayDeque::new);

    /** One request and its answer, as sent and received. */
    public record Exchange(
            String method, String uri, @Nullable Object requestBody, Response response) {}

    private Http() {}

    /** A new request to the application under test. */
    public static RequestSpecification given() {
        return new RequestSpecification();
    }

    /** The application under test's address, for clients other than this one. */
    public static String applicationUri() {
        return baseURI + ":" + port;
    }

    static void remember(Exchange exchange) {
        Deque<Exchange> recent = RECENT.get();
        if (recent.size() == KEPT) {
            recent.removeFirst();
        }
        recent.addLast(exchange);
    }

    /** This thread's last exchanges, oldest first, and forgets them. */
    public static List<Exchange> takeRecentExchanges() {
        Deque<Exchange> recent = RECENT.get();
        List<Exchange> taken = List.copyOf(recent);
        recent.clear();
        return taken;
    }
}
