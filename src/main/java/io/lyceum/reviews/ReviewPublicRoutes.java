package io.lyceum.reviews;

import io.lyceum.platform.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReviewPublicRoutes {

    @Bean
    PublicRoutes reviewRoutes() {
        return PublicRoutes.of("GET /api/v1/reviews/*", "GET /api/v1/reviews/tutors/*");
    }
}
