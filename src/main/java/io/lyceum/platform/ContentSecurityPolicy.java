package io.lyceum.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;

/**
 * The one place pages get their Content-Security-Policy from. Every response carries the policy configured in
 * {@code lyceum.http.content-security-policy} (strict: scripts and styles from this origin, or inline only with the
 * request's nonce; no plugins, no framing, forms post to this origin); the API documentation pages get
 * {@code lyceum.http.docs-content-security-policy}. A server-rendered page puts {@link #nonce} on its inline
 * {@code <script>} and {@code <style>} elements; htmx and Alpine load from {@code /webjars} on this origin (Alpine
 * needs its CSP build, which does not evaluate strings). The header is written by a filter before the page runs, so a
 * page that must post a form to another origin widens only its own response with {@link #allowFormTargets}.
 */
public final class ContentSecurityPolicy {

    /** The request attribute holding this request's nonce (base64, 128 random bits). */
    public static final String NONCE_ATTRIBUTE = ContentSecurityPolicy.class.getName() + ".nonce";

    public static final String HEADER = "Content-Security-Policy";

    private ContentSecurityPolicy() {}

    /** This request's nonce for inline scripts and styles; null outside a request the security headers saw. */
    public static String nonce(HttpServletRequest request) {
        return (String) request.getAttribute(NONCE_ATTRIBUTE);
    }

    /**
     * Replaces this response's policy with one whose {@code form-action} also allows {@code origins} (each a scheme,
     * host and port such as {@code https://app.example.com}), for a form whose answer redirects there.
     */
    public static void allowFormTargets(HttpServletResponse response, Collection<String> origins) {
        String policy = response.getHeader(HEADER);
        if (policy == null || origins.isEmpty()) {
            return;
        }
        String extra = String.join(" ", origins);
        response.setHeader(HEADER, policy.replace("form-action 'self'", "form-action 'self' " + extra));
    }

    /**
     * Widens this response's policy so that {@code directive} (such as {@code script-src} or {@code frame-src}) also
     * allows {@code origins}; a directive the policy lacks is added with {@code 'self'} and the origins. For a page
     * that embeds a third party's widget (Stripe Elements), so the rest of the site keeps the strict policy.
     */
    public static void allow(HttpServletResponse response, String directive, Collection<String> origins) {
        String policy = response.getHeader(HEADER);
        if (policy == null || origins.isEmpty()) {
            return;
        }
        String extra = String.join(" ", origins);
        StringBuilder widened = new StringBuilder();
        boolean found = false;
        for (String part : policy.split(";")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.equals(directive) || trimmed.startsWith(directive + " ")) {
                trimmed = trimmed + " " + extra;
                found = true;
            }
            widened.append(widened.isEmpty() ? "" : "; ").append(trimmed);
        }
        if (!found) {
            widened.append("; ").append(directive).append(" 'self' ").append(extra);
        }
        response.setHeader(HEADER, widened.toString());
    }
}
