package io.lyceum.platform.idempotency;

import io.lyceum.platform.BoundedRead;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Stripe-style {@code Idempotency-Key} handling for every POST and PATCH under {@code /api/}: the first request with a
 * key runs and its response is stored; a retry with the same key and the same body gets the stored response (marked
 * {@code Idempotent-Replayed: true}); the same key with a different body is 422; a retry while the first request is
 * still running is 409. Keys are scoped to the caller and expire after {@code lyceum.idempotency.ttl}. Server errors
 * are not stored, so a request that failed on our side can be retried with the same key.
 *
 * <p>Multipart and form bodies are not covered: the container parses them from the raw stream. Uploads are
 * idempotent by their own design (a PUT of the same file).
 *
 * <p>Runs after authentication (order 0 is behind Spring Security's filter chain) so the scope is the signed-in user.
 */
@Component
@Order(0)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotencyStore store;
    private final IdempotencyProperties properties;
    private final HandlerExceptionResolver exceptionResolver;

    IdempotencyFilter(
            IdempotencyStore store,
            IdempotencyProperties properties,
            @org.springframework.beans.factory.annotation.Qualifier("handlerExceptionResolver")
                    HandlerExceptionResolver exceptionResolver) {
        this.store = store;
        this.properties = properties;
        this.exceptionResolver = exceptionResolver;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        String contentType = Objects.toString(request.getContentType(), "").toLowerCase(java.util.Locale.ROOT);
        return request.getHeader(HEADER) == null
                || !("POST".equals(method) || "PATCH".equals(method))
                || !request.getRequestURI().startsWith("/api/")
                // form and multipart bodies are parsed by the container from the raw stream, which replay cannot feed
                || contentType.startsWith("multipart/")
                || contentType.startsWith("application/x-www-form-urlencoded");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            handle(request, response, chain);
        } catch (LyceumException e) {
            // answer in the same problem+json shape as the controllers do
            exceptionResolver.resolveException(request, response, null, e);
        }
    }

    private void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!VALID_KEY.matcher(key).matches()) {
            throw new LyceumException(
                    ErrorKind.BAD_REQUEST,
                    "idempotency.invalid_key",
                    "Idempotency-Key must be 1 to 255 visible ASCII characters.");
        }
        byte[] body = readBody(request);
        String scope = scopeOf(request);
        String hash = hash(request, body);

        if (!store.claim(scope, key, hash, request.getMethod(), request.getRequestURI())) {
            if (store.releaseIfAbandoned(scope, key)
                    && store.claim(scope, key, hash, request.getMethod(), request.getRequestURI())) {
                runFirst(request, response, chain, body, scope, key);
                return;
            }
            replay(response, scope, key, hash);
            return;
        }
        runFirst(request, response, chain, body, scope, key);
    }

    private void runFirst(
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain,
            byte[] body,
            String scope,
            String key)
            throws ServletException, IOException {
        var cachingResponse = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(new CachedBodyRequest(request, body), cachingResponse);
            int status = cachingResponse.getStatus();
            if (status < 500) {
                store.complete(
                        scope,
                        key,
                        status,
                        cachingResponse.getContentType(),
                        cachingResponse.getHeader(HttpHeaders.LOCATION),
                        cachingResponse.getContentAsByteArray());
                stored = true;
            }
        } finally {
            if (!stored) {
                store.release(scope, key);
            }
            cachingResponse.copyBodyToResponse();
        }
    }

    private void replay(HttpServletResponse response, String scope, String key, String hash) throws IOException {
        var stored = store.find(scope, key)
                .orElseThrow(() -> new LyceumException(
                        ErrorKind.CONFLICT,
                        "idempotency.in_progress",
                        "A request with this Idempotency-Key is still being processed; retry shortly."));
        if (!stored.requestHash().equals(hash)) {
            throw new LyceumException(
                    ErrorKind.UNPROCESSABLE,
                    "idempotency.key_reused",
                    "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
        }
        if (!stored.completed()) {
            throw new LyceumException(
                    ErrorKind.CONFLICT,
                    "idempotency.in_progress",
                    "A request with this Idempotency-Key is still being processed; retry shortly.");
        }
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = Objects.requireNonNullElse(stored.body(), new byte[0]);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private byte[] readBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return BoundedRead.readAtMost(
                    in, request.getContentLengthLong(), properties.maxBodyBytes(), this::tooLarge);
        }
    }

    private LyceumException tooLarge() {
        return new LyceumException(
                ErrorKind.PAYLOAD_TOO_LARGE,
                "idempotency.body_too_large",
                "Requests with an Idempotency-Key may carry at most " + properties.maxBodyBytes() + " bytes.");
    }

    /** Keys belong to the caller: the signed-in user, or for anonymous calls the client address. */
    private static String scopeOf(HttpServletRequest request) {
        var principal = request.getUserPrincipal();
        return principal != null ? "user:" + principal.getName() : "anonymous:" + request.getRemoteAddr();
    }

    private static String hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "?"
                            + Objects.toString(request.getQueryString(), "") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Lets the controller read a body this filter already consumed for hashing. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            String encoding = getCharacterEncoding() != null ? getCharacterEncoding() : "UTF-8";
            return new java.io.BufferedReader(
                    new java.io.InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
