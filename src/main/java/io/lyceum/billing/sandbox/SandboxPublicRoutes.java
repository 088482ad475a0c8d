package io.lyceum.billing.sandbox;

import io.lyceum.platform.PublicRoutes;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sandbox's public routes (tokenization, the 3-D Secure page and its JSON twin), declared only when the sandbox is
 * the provider. Listing the {@code /sandbox} pages also exempts their form posts from the cookie-mode CSRF check, as a
 * bank's page would be.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lyceum.payments.provider", havingValue = "sandbox", matchIfMissing = true)
class SandboxPublicRoutes {

    @Bean
    PublicRoutes sandboxRoutes() {
        return PublicRoutes.of(
                "POST /sandbox/v1/payment_methods",
                "GET /sandbox/3ds/*",
                "POST /sandbox/3ds/*",
                "POST /api/v1/sandbox/payment-intents/*/authenticate");
    }
}
