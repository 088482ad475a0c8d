package io.lyceum.testsupport;

import io.lyceum.testsupport.http.Http;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * What a failed test shows besides its assertion: its last HTTP exchanges (method, address, request body, answer), as
 * they came. The tests' client keeps each thread's last few ({@link Http}); they are printed only when a test fails,
 * so a passing test pays nothing for them.
 */
public final class RecentExchanges implements BeforeEachCallback, TestWatcher {

    private static final int BODY_CHARS = 3_000;

    @Override
    public void beforeEach(ExtensionContext context) {
        Http.takeRecentExchanges();
    }

    @Override
    public void testFailed(ExtensionContext context, @Nullable Throwable cause) {
        List<Http.Exchange> recent = Http.takeRecentExchanges();
        if (recent.isEmpty()) {
            return;
        }
        var out = new StringBuilder("Last HTTP exchanges of ")
                .append(context.getDisplayName())
                .append(" (oldest first):\n");
        for (Http.Exchange exchange : recent) {
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
    }

    private static String clip(String text) {
        return text.length() <= BODY_CHARS
                ? text
                : text.substring(0, BODY_CHARS) + " ... (" + text.length() + " chars)";
    }
}
