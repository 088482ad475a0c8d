package io.lyceum.accounts;

import io.lyceum.platform.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sign-in half of two-factor authentication is public: the challenge id stands in for the password. */
@Configuration(proxyBeanMethods = false)
class TwoFactorPublicRoutes {

    @Bean
    PublicRoutes twoFactorSignInRoutes() {
        return PublicRoutes.of("POST /api/v1/auth/2fa/challenge/email", "POST /api/v1/auth/2fa/verify");
    }
}
