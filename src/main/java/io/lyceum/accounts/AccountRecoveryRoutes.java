package io.lyceum.accounts;

import io.lyceum.platform.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Password reset works signed out; the mobile-number routes need a signed-in user. */
@Configuration(proxyBeanMethods = false)
class AccountRecoveryRoutes {

    @Bean
    PublicRoutes passwordResetPublicRoutes() {
        return PublicRoutes.of(
                "POST /api/v1/auth/password/reset-request",
                "POST /api/v1/auth/password/verify-token",
                "POST /api/v1/auth/password/reset-confirm");
    }
}
