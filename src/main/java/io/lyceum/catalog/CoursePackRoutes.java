package io.lyceum.catalog;

import io.lyceum.platform.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The public course pack catalog; materials always need a signed-in reader. */
@Configuration(proxyBeanMethods = false)
class CoursePackRoutes {

    @Bean
    PublicRoutes coursePackPublicRoutes() {
        return PublicRoutes.of("GET /api/v1/course-packs", "GET /api/v1/course-packs/*");
    }
}
