package io.lyceum.accounts;

import io.lyceum.platform.ProductionMode;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * {@code /actuator/prometheus} in production mode answers only a scraper presenting
 * {@code Authorization: Bearer <lyceum.metrics.scrape-token>}, or any caller on a separate management port
 * ({@code management.server.port}, kept off the public network). Without either it answers no one (401
 * {@code metrics.scrape_token_required}). With the embedded database (development) it stays open. Part of the main
 * security filter chain (see {@link SecurityConfiguration}), not a servlet filter of its own.
 */
class MetricsScrapeCheck extends OncePerRequestFilter {

    static final String PATH = "/actuator/prometheus";

    private final boolean production;
    private final byte @Nullable [] tokenDigest;
    private final @Nullable Integer managementPort;
    private final HandlerExceptionResolver errors;

    MetricsScrapeCheck(Environment environment, HandlerExceptionResolver errors) {
        this.production = ProductionMode.isProduction(environment);
        String token = environment.getProperty("lyceum.metrics.scrape-token", "");
        this.tokenDigest = token.isBlank() ? null : digest(token.trim());
        Integer port = environment.getProperty("management.server.port", Integer.class);
        Integer serverPort = environment.getProperty("server.port", Integer.class);
        this.managementPort = port != null && port > 0 && !port.equals(serverPort) ? port : null;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !production || !request.getRequestURI().startsWith(PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean onManagementPort = managementPort != null && request.getLocalPort() == managementPort;
        if (onManagementPort || presentsToken(request)) {
            chain.doFilter(request, response);
            return;
        }
        errors.resolveException(
                request,
                response,
                null,
                new LyceumException(
                        ErrorKind.UNAUTHORIZED,
                        "metrics.scrape_token_required",
                        "Metrics need the scrape token (Authorization: Bearer <lyceum.metrics.scrape-token>)."));
    }

    /** Compares digests in constant time, as {@link PlatformOperator} does. */
    private boolean presentsToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (tokenDigest == null || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, digest(header.substring(7).trim()));
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
