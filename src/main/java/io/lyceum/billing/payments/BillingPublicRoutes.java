package io.lyceum.billing.payments;

import io.lyceum.platform.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BillingPublicRoutes {

    /**
     * The provider's webhook is authenticated by its signature, not a session; the payment configuration (a
     * publishable key) is public by nature.
     */
    @Bean
    PublicRoutes billingRoutes() {
        return PublicRoutes.of("POST /api/v1/payments/webhook", "GET /api/v1/payments/config");
    }
}
