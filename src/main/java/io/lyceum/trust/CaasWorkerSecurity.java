package io.lyceum.trust;

import io.lyceum.platform.PublicRoutes;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * {@code POST /api/v1/internal/caas-worker} is seed 000's internal worker pattern: a scheduler (cron) calls it with
 * the shared secret as {@code Authorization: Bearer <secret>}, not a user's token. Its own filter chain, ahead of the
 * main one, checks the secret before anything else runs; anything else is 401 {@code trust.invalid_worker_secret}.
 */
@Configuration(proxyBeanMethods = false)
class CaasWorkerSecurity {

    static final String ROUTE = "/api/v1/internal/caas-worker";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 110)
    SecurityFilterChain caasWorkerFilterChain(
            HttpSecurity http,
            WorkerSecret secret,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors)
            throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, ROUTE))
                .csrf(csrf -> csrf.disable()) // no cookies: the caller sends a bearer secret
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .addFilterBefore(new SecretCheck(secret, errors), AuthorizationFilter.class);
        return http.build();
    }

    /** Documents the worker's bearer secret, the security scheme of the worker route. */
    @Bean
    org.springdoc.core.customizers.OpenApiCustomizer caasWorkerSecurityScheme() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new io.swagger.v3.oas.models.Components());
            }
            openApi.getComponents()
                    .addSecuritySchemes(
                            "caasWorker",
                            new io.swagger.v3.oas.models.security.SecurityScheme()
                                    .type(io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP)
                                    .scheme("bearer")
                                    .description("The internal worker's shared secret (lyceum.trust.worker-secret)."));
        };
    }

    /** Declared public so the OpenAPI document does not ask for a user's access token here. */
    @Bean
    PublicRoutes caasWorkerRoutes() {
        return PublicRoutes.of("POST " + ROUTE);
    }

    static final class SecretCheck extends OncePerRequestFilter {

        private final WorkerSecret secret;
        private final HandlerExceptionResolver errors;

        SecretCheck(WorkerSecret secret, HandlerExceptionResolver errors) {
            this.secret = secret;
            this.errors = errors;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (secret.presentedBy(request)) {
                chain.doFilter(request, response);
                return;
            }
            errors.resolveException(
                    request,
                    response,
                    null,
                    new LyceumException(
                            ErrorKind.UNAUTHORIZED,
                            "trust.invalid_worker_secret",
                            "This needs the worker secret (Authorization: Bearer <lyceum.trust.worker-secret>)."));
        }
    }
}
