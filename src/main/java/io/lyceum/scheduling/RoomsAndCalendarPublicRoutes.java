package io.lyceum.scheduling;

import io.lyceum.platform.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RoomsAndCalendarPublicRoutes {

    /**
     * The Lessonspace webhook authenticates by its signature; a calendar feed by the secret token in its address
     * (calendar clients cannot send an access token).
     */
    @Bean
    PublicRoutes roomsAndCalendarRoutes() {
        return PublicRoutes.of("POST /api/v1/webhooks/lessonspace", "GET /api/v1/calendar/*.ics");
    }
}
