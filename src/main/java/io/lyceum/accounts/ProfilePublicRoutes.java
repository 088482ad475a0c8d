package io.lyceum.accounts;

import io.lyceum.platform.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Avatars are public within a tenant, so pages can show them without signing in. */
@Configuration(proxyBeanMethods = false)
class ProfilePublicRoutes {

    @Bean
    PublicRoutes avatarPublicRoutes() {
        return PublicRoutes.of("GET /api/v1/users/*/avatar");
    }
}
