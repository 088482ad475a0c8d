package io.lyceum.accounts;

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
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * {@code POST /api/v1/tenants} (and listing them, {@code GET}) authenticates with the platform operator's machine secret, not with a user's access
 * token, so it has its own filter chain ahead of the main one: the operator token (or, with
 * {@code lyceum.tenancy.self-service=true}, nobody) is checked before the request body is even read.
 */
@Configuration(proxyBeanMethods = false)
class TenantOnboardingSecurity {

    static final String ROUTE = "/api/v1/tenants";
    static final String[] OPERATOR_ROUTES = {"/api/v1/tenants/{id}/suspend", "/api/v1/tenants/{id}/reinstate"};

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 100)
    SecurityFilterChain tenantOnboardingFilterChain(
            HttpSecurity http,
            PlatformOperator operator,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors)
            throws Exception {
        var listing = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, ROUTE);
        // the operator's tenant controls (suspend, reinstate; in tenancy): the operator token only, never self-service
        var operatorOnly = new OrRequestMatcher(
                listing,
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, OPERATOR_ROUTES[0]),
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, OPERATOR_ROUTES[1]));
        http.securityMatcher(new OrRequestMatcher(
                        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, ROUTE), operatorOnly))
                .csrf(csrf -> csrf.disable()) // no cookies involved: the operator sends a bearer secret
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .addFilterBefore(new OperatorCheck(operator, errors, operatorOnly), AuthorizationFilter.class);
        return http.build();
    }

    /** Documents the operator's bearer secret, which {@code POST /api/v1/tenants} names as its security scheme. */
    @Bean
    org.springdoc.core.customizers.OpenApiCustomizer operatorSecurityScheme() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new io.swagger.v3.oas.models.Components());
            }
            openApi.getComponents()
                    .addSecuritySchemes(
                            "operator",
                            new io.swagger.v3.oas.models.security.SecurityScheme()
                                    .type(io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP)
                                    .scheme("bearer")
                                    .description("The platform operator token (lyceum.platform.operator-token)."));
        };
    }

    /** Declared public so the OpenAPI document does not ask for a user's access token here. */
    @Bean
    PublicRoutes tenantOnboardingRoutes() {
        return PublicRoutes.of(
                "POST " + ROUTE, "GET " + ROUTE, "POST /api/v1/tenants/*/suspend", "POST /api/v1/tenants/*/reinstate");
    }

    static final class OperatorCheck extends OncePerRequestFilter {

        private final PlatformOperator operator;
        private final HandlerExceptionResolver errors;
        private final org.springframework.security.web.util.matcher.RequestMatcher operatorOnly;

        OperatorCheck(
                PlatformOperator operator,
                HandlerExceptionResolver errors,
                org.springframework.security.web.util.matcher.RequestMatcher operatorOnly) {
            this.operator = operator;
            this.errors = errors;
            this.operatorOnly = operatorOnly;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            // self-service lets anyone create a tenant, never see the others
            if (operator.isOperator(request) || (operator.selfService() && !operatorOnly.matches(request))) {
                chain.doFilter(request, response);
                return;
            }
            var refusal = PlatformOperator.hasBearer(request)
                    ? new LyceumException(
                            ErrorKind.UNAUTHORIZED, "tenant.invalid_operator_token", "The operator token is not valid.")
                    : new LyceumException(
                            ErrorKind.UNAUTHORIZED,
                            "tenant.operator_token_required",
                            "This needs the platform operator token (Authorization: Bearer ...).");
            errors.resolveException(request, response, null, refusal);
        }
    }
}
