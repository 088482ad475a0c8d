package io.lyceum.catalog;

import io.lyceum.platform.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The public tutor search needs no token. */
@Configuration(proxyBeanMethods = false)
class CatalogSearchRoutes {

    @Bean
    PublicRoutes tutorSearchPublicRoutes() {
        return PublicRoutes.of("GET /api/v1/tutors");
    }
}
