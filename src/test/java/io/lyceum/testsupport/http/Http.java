package io.lyceum.testsupport.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the tests' requests go and what they remember: the application's address ({@link #baseURI}, {@link #port},
 * set by the test bases), one JDK HTTP client for every request, and each thread's last few exchanges, which
 * {@code RecentExchanges} prints when a test fails.
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

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

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

    /** The JDK HTTP client every request of the tests goes through. */
    public static HttpClient client() {
        return CLIENT;
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
