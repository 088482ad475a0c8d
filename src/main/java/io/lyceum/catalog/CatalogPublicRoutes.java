package io.lyceum.catalog;

import io.lyceum.platform.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CatalogPublicRoutes {

    @Bean
    PublicRoutes catalogRoutes() {
        return PublicRoutes.of(
                "GET /api/v1/categories",
                "GET /api/v1/categories/*",
                "GET /api/v1/subjects",
                "GET /api/v1/subjects/*",
                "GET /api/v1/tutors/*",
                "GET /api/v1/tutors/*/public");
    }
}
