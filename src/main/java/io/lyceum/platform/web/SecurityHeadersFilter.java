package io.lyceum.platform.web;

import io.lyceum.platform.ContentSecurityPolicy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes the browser security headers on every response, error dispatches included: the Content-Security-Policy
 * (see {@link ContentSecurityPolicy}), {@code Referrer-Policy}, {@code Permissions-Policy}, {@code
 * X-Content-Type-Options} and {@code X-Frame-Options}. Responses Tomcat writes itself, before any filter (a malformed
 * request line), get the same headers from {@link TomcatSecurityHeaders}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class SecurityHeadersFilter extends OncePerRequestFilter {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> DOCS_PATHS = List.of("/docs", "/swagger-ui", "/redoc", "/webjars/swagger-ui");

    private final Properties properties;

    SecurityHeadersFilter(Properties properties) {
        this.properties = properties;
    }

    /**
     * {@code lyceum.http.*}: the policies, with {@code {nonce}} standing for the request's nonce.
     *
     * @param contentSecurityPolicy every response but the documentation pages
     * @param docsContentSecurityPolicy Swagger UI and ReDoc, which inject styles and start workers at run time
     * @param referrerPolicy sent on every response
     * @param permissionsPolicy sent on every response
     */
    @ConfigurationProperties("lyceum.http")
    record Properties(
            @DefaultValue(STRICT) String contentSecurityPolicy,
            @DefaultValue(DOCS) String docsContentSecurityPolicy,
            @DefaultValue("no-referrer") String referrerPolicy,
            @DefaultValue(PERMISSIONS) String permissionsPolicy) {

        static final String STRICT = "default-src 'self'; script-src 'self' 'nonce-{nonce}'; "
                + "style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
        static final String DOCS = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; "
                + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
        static final String PERMISSIONS =
                "camera=(), microphone=(), geolocation=(), payment=(), usb=(), " + "interest-cohort=()";
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String nonce = (String) request.getAttribute(ContentSecurityPolicy.NONCE_ATTRIBUTE);
        if (nonce == null) {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            nonce = Base64.getEncoder().encodeToString(bytes);
            request.setAttribute(ContentSecurityPolicy.NONCE_ATTRIBUTE, nonce);
        }
        headersFor(request.getRequestURI(), nonce).forEach(response::setHeader);
        chain.doFilter(request, response);
    }

    Map<String, String> headersFor(String path, String nonce) {
        boolean docs = DOCS_PATHS.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
        String policy = docs ? properties.docsContentSecurityPolicy() : properties.contentSecurityPolicy();
        return Map.of(
                ContentSecurityPolicy.HEADER,
                policy.replace("{nonce}", nonce),
                "Referrer-Policy",
                properties.referrerPolicy(),
                "Permissions-Policy",
                properties.permissionsPolicy(),
                "X-Content-Type-Options",
                "nosniff",
                "X-Frame-Options",
                "DENY");
    }
}
