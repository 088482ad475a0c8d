package io.lyceum.notifications;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Absolute links to the web app for messages read outside it (email, SMS). */
@Component
class Links {

    private final String base;

    Links(NotificationsProperties properties, Environment environment) {
        String configured = properties.publicBaseUrl() == null
                ? ""
                : properties.publicBaseUrl().trim();
        this.base = configured.isEmpty()
                ? "http://localhost:" + environment.getProperty("server.port", "8080")
                : configured.replaceAll("/+$", "");
    }

    String absolute(String path) {
        return path.startsWith("http://") || path.startsWith("https://") ? path : base + path;
    }
}
