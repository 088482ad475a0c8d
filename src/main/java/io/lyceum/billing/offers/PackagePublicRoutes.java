package io.lyceum.billing.offers;

import io.lyceum.platform.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PackagePublicRoutes {

    @Bean
    PublicRoutes packageOfferRoutes() {
        return PublicRoutes.of("GET /api/v1/tutors/*/package-offers");
    }
}
