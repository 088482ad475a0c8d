package io.lyceum.accounts;

import io.lyceum.platform.PublicRoutes;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Documents each operation's security requirement from the same {@link PublicRoutes} the filter chain enforces:
 * every {@code /api} operation that is not public requires a bearer access token.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiSecurity {

    static final String SCHEME = "bearer";

    @Bean
    OpenApiCustomizer bearerSecurity(List<PublicRoutes> publicRoutes) {
        var parser = PathPatternParser.defaultInstance;
        var routes = publicRoutes.stream()
                .flatMap(r -> r.routes().stream())
                .map(route -> route.split(" ", 2))
                .map(parts -> Map.entry(parts[0], parser.parse(parts[1])))
                .toList();
        return openApi -> {
            openApi.getComponents()
                    .addSecuritySchemes(
                            SCHEME,
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.HTTP)
                                    .scheme("bearer")
                                    .bearerFormat("JWT")
                                    .description("Access token from POST /api/v1/auth/login (15 minutes)."));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (!path.startsWith("/api/")) {
                    return;
                }
                item.readOperationsMap().forEach((method, operation) -> {
                    boolean isPublic = routes.stream()
                            .anyMatch(route -> route.getKey().equals(method.name())
                                    && route.getValue().matches(PathContainer.parsePath(path)));
                    if (!isPublic) {
                        secure(operation);
                    }
                });
            });
        };
    }

    private static void secure(Operation operation) {
        operation.setSecurity(List.of(new SecurityRequirement().addList(SCHEME)));
        operation.getResponses().computeIfAbsent("401", code -> new io.swagger.v3.oas.models.responses.ApiResponse()
                .description("No valid access token (problem+json, code auth.unauthenticated or auth.invalid_token)"));
    }
}
