package io.lyceum.scheduling;

import io.lyceum.platform.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Anyone may see an approved tutor's free slots. */
@Configuration(proxyBeanMethods = false)
class AvailabilityPublicRoutes {

    @Bean
    PublicRoutes availableSlotsPublicRoutes() {
        return PublicRoutes.of("GET /api/v1/tutors/*/available-slots");
    }
}
