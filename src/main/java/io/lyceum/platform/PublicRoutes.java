package io.lyceum.platform;

import java.util.List;

/**
 * Routes under {@code /api} that anyone may call without signing in. Every other {@code /api} route requires
 * authentication. Each module declares its own public routes as a bean, such as
 * {@code PublicRoutes.of("POST /api/v1/auth/login", "GET /api/v1/tutors/**")}.
 *
 * @param routes entries of the form {@code METHOD /path/pattern}
 */
public record PublicRoutes(List<String> routes) {

    public PublicRoutes {
        for (String route : routes) {
            if (!route.matches("(GET|POST|PUT|PATCH|DELETE) /\\S*")) {
                throw new IllegalArgumentException("A public route looks like 'GET /api/v1/path': " + route);
            }
        }
        routes = List.copyOf(routes);
    }

    public static PublicRoutes of(String... routes) {
        return new PublicRoutes(List.of(routes));
    }
}
