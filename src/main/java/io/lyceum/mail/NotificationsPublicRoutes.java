package io.lyceum.mail;

import io.lyceum.platform.PublicRoutes;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NotificationsPublicRoutes {

    /** The development outbox is open so a newcomer can read their verification email; it is off in production. */
    @Bean
    @ConditionalOnBooleanProperty("lyceum.dev.outbox-enabled")
    PublicRoutes devOutboxRoutes() {
        return PublicRoutes.of("GET /api/v1/dev/outbox");
    }
}
