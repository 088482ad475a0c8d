package io.lyceum.tenancy;

import io.lyceum.platform.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TenancyPublicRoutes {

    @Bean
    PublicRoutes tenancyRoutes() {
        return PublicRoutes.of("GET /api/v1/tenants/current");
    }
}
