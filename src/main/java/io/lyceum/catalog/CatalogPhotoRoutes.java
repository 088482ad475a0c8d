package io.lyceum.catalog;

import io.lyceum.platform.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The public tutor photo (only APPROVED tutors' photos are served). */
@Configuration(proxyBeanMethods = false)
class CatalogPhotoRoutes {

    @Bean
    PublicRoutes tutorPhotoPublicRoutes() {
        return PublicRoutes.of("GET /api/v1/tutors/*/photo");
    }
}
