package io.lyceum.testsupport;

import io.lyceum.platform.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The test-only platform endpoints are public, so convention tests need no sign-in. */
@Configuration(proxyBeanMethods = false)
class TestPublicRoutes {

    @Bean
    PublicRoutes testEndpointRoutes() {
        return PublicRoutes.of(
                "GET /api/v1/test/**", "POST /api/v1/test/**", "PUT /api/v1/test/**", "DELETE /api/v1/test/**");
    }
}
