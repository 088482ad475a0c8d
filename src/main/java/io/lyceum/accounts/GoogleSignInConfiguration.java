package io.lyceum.accounts;

import io.lyceum.platform.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Google sign-in's public routes: starting and finishing a sign-in need no account yet. */
@Configuration(proxyBeanMethods = false)
class GoogleSignInConfiguration {

    @Bean
    PublicRoutes googleSignInPublicRoutes() {
        return PublicRoutes.of("GET /api/v1/auth/google/login", "GET /api/v1/auth/google/callback");
    }
}
