package io.lyceum.testsupport;

import io.restassured.RestAssured;
import io.restassured.config.ObjectMapperConfig;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * RestAssured's set-up for the whole suite, and what it shows when a test fails: the test's last HTTP exchanges.
 *
 * <p>RestAssured's own "log if validation fails" pretty-prints every request and response of every test into a buffer
 * it throws away when the test passes (a sixth of RestAssured's CPU in a profile of ten API test classes), and shows
 * nothing when a test fails on an assertion about a value it extracted. Here each exchange is kept as it came (method,
 * address, request body, response) and written out only for a failed test. RestAssured also builds a new Jackson
 * mapper, scanning the class path for modules, for every body it writes; one mapper built the same way serves them all.
 */
public final class RecentExchanges implements Filter, BeforeAllCallback, BeforeEachCallback, TestWatcher {

    private static final int KEPT = 6;
    private static final int BODY_CHARS = 3_000;
    private static final ThreadLocal<Deque<Exchange>> RECENT = ThreadLocal.withInitial(ArrayDeque::new);
    private static final JsonMapper MAPPER =
            JsonMapper.builder().findAndAddModules().build();
    private static volatile boolean applied;

    private record Exchange(
            String method, String uri, @Nullable Object requestBody, Response response) {}

    /** Installs the filter and the shared mapper once per test JVM; later calls do nothing. */
    private static synchronized void apply() {
        if (applied) {
            return;
        }
        RestAssured.filters(new RecentExchanges());
        RestAssured.config = RestAssured.config()
                .objectMapperConfig(
                        ObjectMapperConfig.objectMapperConfig().jackson3ObjectMapperFactory((type, charset) -> MAPPER));
        applied = true;
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request, FilterableResponseSpecification expected, FilterContext context) {
        Response response = context.next(request, expected);
        Deque<Exchange> recent = RECENT.get();
        if (recent.size() == KEPT) {
            recent.removeFirst();
        }
        recent.addLast(new Exchange(request.getMethod(), request.getURI(), request.getBody(), response));
        return response;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        apply();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RECENT.get().clear();
    }

    @Override
    public void testFailed(ExtensionContext context, @Nullable Throwable cause) {
        Deque<Exchange> recent = RECENT.get();
        if (recent.isEmpty()) {
            return;
        }
        var out = new StringBuilder("Last HTTP exchanges of ")
                .append(context.getDisplayName())
                .append(" (oldest first):\n");
        for (Exchange exchange : recent) {
            out.append("> ")
                    .append(exchange.method())
                    .append(' ')
                    .append(exchange.uri())
                    .append('\n');
            if (exchange.requestBody() != null) {
                out.append(
                                exchange.requestBody() instanceof byte[] bytes
                                        ? "(" + bytes.length + " bytes)"
                                        : clip(String.valueOf(exchange.requestBody())))
                        .append('\n');
            }
            out.append("< ").append(exchange.response().getStatusLine()).append('\n');
            out.append(clip(exchange.response().asString())).append("\n\n");
        }
        System.out.print(out);
        recent.clear();
    }

    private static String clip(String text) {
        return text.length() <= BODY_CHARS
                ? text
                : text.substring(0, BODY_CHARS) + " ... (" + text.length() + " chars)";
    }
}
