package io.lyceum.platform.web;

import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Caps request bodies that are not multipart uploads (those have {@code spring.servlet.multipart.*}): 1 MB unless
 * {@code lyceum.http.body-limits} says otherwise for a route. A declared {@code Content-Length} above the cap is
 * refused before anything is read; a body without one (chunked) is counted as it is read and refused once it passes
 * the cap. Either way the answer is 413 {@code request.too_large}, and nothing was handled.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final Limits limits;
    private final List<CompiledRoute> routes;
    private final HandlerExceptionResolver errors;

    RequestBodyLimitFilter(Limits limits, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        this.limits = limits;
        this.routes = limits.routes().stream()
                .map(r -> new CompiledRoute(PathPatternParser.defaultInstance.parse(r.path()), r.max()))
                .toList();
        this.errors = errors;
    }

    /**
     * {@code lyceum.http.body-limits}.
     *
     * @param max the cap of every other non-multipart body
     * @param routes larger (or smaller) caps for path patterns such as {@code /api/v1/transcripts/**}
     */
    @ConfigurationProperties("lyceum.http.body-limits")
    record Limits(
            @DefaultValue("1MB") DataSize max, @DefaultValue List<Route> routes) {}

    record Route(String path, DataSize max) {}

    private record CompiledRoute(PathPattern pattern, DataSize max) {}

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = maxFor(request.getRequestURI());
        if (request.getContentLengthLong() > max) {
            errors.resolveException(request, response, null, tooLarge(max));
            return;
        }
        chain.doFilter(request.getContentLengthLong() >= 0 ? request : new Counted(request, max), response);
    }

    private long maxFor(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return routes.stream()
                .filter(r -> r.pattern().matches(container))
                .findFirst()
                .map(r -> r.max().toBytes())
                .orElse(limits.max().toBytes());
    }

    static LyceumException tooLarge(long max) {
        return new LyceumException(
                ErrorKind.PAYLOAD_TOO_LARGE,
                "request.too_large",
                "The request body is larger than this route accepts (" + max + " bytes).");
    }

    /** A body of unknown length, read through a counter that refuses to go past the cap. */
    private static final class Counted extends HttpServletRequestWrapper {

        private final long max;
        private @Nullable ServletInputStream stream;

        Counted(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), max);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long max;
        private long read;

        CountingStream(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw tooLarge(max);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
