package io.lyceum.scheduling;

import io.lyceum.platform.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BookingPublicRoutes {

    @Bean
    PublicRoutes bookingRoutes() {
        return PublicRoutes.of("GET /api/v1/tutors/*/cancellation-terms");
    }
}
