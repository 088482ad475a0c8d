package io.lyceum.web;

import io.lyceum.platform.ContentSecurityPolicy;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;

/**
 * What a page that takes a card with Stripe Elements lets through its Content-Security-Policy: Stripe's script, its
 * frames (the card field and 3-D Secure) and its API. Every other page keeps the strict policy.
 */
final class StripeElements {

    private static final String STRIPE_JS = "https://js.stripe.com";

    private StripeElements() {}

    static void allow(HttpServletResponse response) {
        ContentSecurityPolicy.allow(response, "script-src", List.of(STRIPE_JS));
        ContentSecurityPolicy.allow(response, "frame-src", List.of(STRIPE_JS, "https://hooks.stripe.com"));
        ContentSecurityPolicy.allow(response, "connect-src", List.of("https://api.stripe.com"));
    }
}
