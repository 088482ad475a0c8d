package io.lyceum.accounts;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.lyceum.platform.PublicRoutes;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.Tenant;
import io.lyceum.tenancy.TenantContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Web security for the whole application. Every {@code /api} route needs a valid access token except the routes
 * modules declare as {@link PublicRoutes}; documentation, health and JWKS are open. Tokens come from the
 * {@code Authorization: Bearer} header or, for browser apps in cookie mode, the {@code lyceum_access} cookie. A token
 * is accepted only while its session is live and its user active, so revoking a session or suspending a user takes
 * effect at once. Method security ({@code @PreAuthorize}) guards role-specific endpoints; OWNER includes ADMIN.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /** The form field that carries the double-submit CSRF token on the pages' form posts. */
    static final String CSRF_FORM_FIELD = "_csrf";

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            List<PublicRoutes> publicRoutes,
            JwtDecoder decoder,
            SessionStore sessions,
            TenancyApi tenancy,
            AuthProperties properties,
            org.springframework.core.env.Environment environment,
            org.springframework.beans.factory.ObjectProvider<PersonalKeys> personalKeys,
            UserStore users,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors)
            throws Exception {
        RequestMatcher publicMatcher = publicMatcher(publicRoutes);
        http.csrf(csrf -> csrf.disable()) // bearer tokens are not ambient; cookie mode uses the double-submit filter
                // below
                .cors(cors -> cors.configurationSource(corsSource(properties)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(publicMatcher)
                        .permitAll()
                        .requestMatchers("/api/**")
                        .authenticated()
                        // the MCP endpoint (agents module) runs tools as the caller: never anonymously
                        .requestMatchers("/mcp", "/mcp/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .oauth2ResourceServer(oauth -> oauth.bearerTokenResolver(tokenResolver(publicMatcher))
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(authentication(sessions, tenancy)))
                        .authenticationEntryPoint((request, response, e) ->
                                errors.resolveException(request, response, null, unauthenticated(e)))
                        .accessDeniedHandler(
                                (request, response, e) -> errors.resolveException(request, response, null, e)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint((request, response, e) ->
                                errors.resolveException(request, response, null, unauthenticated(e)))
                        .accessDeniedHandler(
                                (request, response, e) -> errors.resolveException(request, response, null, e)))
                .addFilterBefore(new CookieCsrfFilter(publicMatcher, errors), BearerTokenAuthenticationFilter.class)
                .addFilterBefore(
                        new PersonalKeyFilter(personalKeys, users, tenancy, errors),
                        BearerTokenAuthenticationFilter.class)
                .addFilterBefore(new MetricsScrapeCheck(environment, errors), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    PublicRoutes accountsPublicRoutes() {
        return PublicRoutes.of(
                "POST /api/v1/auth/register",
                "POST /api/v1/auth/login",
                "POST /api/v1/auth/refresh",
                "POST /api/v1/auth/email-verification/start",
                "POST /api/v1/auth/email-verification/complete",
                "GET /api/v1/auth/email-verification/confirm");
    }

    @Bean
    JwtDecoder accessTokenDecoder(SigningKeys keys, AuthProperties properties, Clock clock) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        // ES256, and RS256 for the tokens an earlier version's RSA key signed while that key is still published
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(Set.of(SigningKeys.ALGORITHM, JWSAlgorithm.RS256), keys));
        processor.setJWTClaimsSetVerifier((claims, context) -> {}); // Spring's validators below check the claims
        var signatures = new NimbusJwtDecoder(processor);
        signatures.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        // expiry is judged on the application's clock, the one TokenIssuer stamps exp with (Spring's default
        // validator reads the system clock)
        var timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        var claims = JwtValidators.createDefaultWithValidators(List.of(
                timestamps,
                new JwtIssuerValidator(properties.issuer()),
                new JwtClaimValidator<List<String>>(
                        JwtClaimNames.AUD, aud -> aud != null && aud.contains(properties.audience()))));
        return new AccessTokenDecoder(signatures, claims, properties.accessTokenTtl());
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("ROLE_OWNER > ROLE_ADMIN");
    }

    /**
     * Token to user: binds the token's tenant for the rest of the request and checks, on every request, that the
     * tenant is active (a suspended tenant's tokens stop working at once) and the session is live.
     */
    private static Converter<Jwt, AbstractAuthenticationToken> authentication(
            SessionStore sessions, TenancyApi tenancy) {
        return jwt -> {
            CurrentUser user;
            try {
                user = TokenIssuer.userOf(jwt);
            } catch (RuntimeException e) {
                throw new InvalidBearerTokenException("The access token is malformed");
            }
            TenantContext.bindForRequest(user.tenantId());
            if (!tenancy.findById(user.tenantId()).map(Tenant::isActive).orElse(false)) {
                throw new TenantInactiveException();
            }
            if (!sessions.isLive(user.requireSessionId(), user.userId().value())) {
                throw new InvalidBearerTokenException("The session has ended");
            }
            return new CurrentUserAuthentication(user, jwt);
        };
    }

    /** The token is genuine but its tenant is suspended or closed: 403 {@code tenant.inactive}, not a bad token. */
    static final class TenantInactiveException extends InvalidBearerTokenException {
        TenantInactiveException() {
            super("The token's tenant is not active");
        }
    }

    private static LyceumException unauthenticated(Exception cause) {
        if (cause instanceof TenantInactiveException) {
            return Tenant.inactive();
        }
        boolean badToken = cause instanceof InvalidBearerTokenException
                || cause instanceof org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
        return badToken
                ? new LyceumException(
                        ErrorKind.UNAUTHORIZED,
                        "auth.invalid_token",
                        "The access token is invalid, expired or its session has ended. Refresh it or sign in again.")
                : new LyceumException(
                        ErrorKind.UNAUTHORIZED, "auth.unauthenticated", "Sign in first: send an access token.");
    }

    private static RequestMatcher publicMatcher(List<PublicRoutes> publicRoutes) {
        List<RequestMatcher> matchers = publicRoutes.stream()
                .flatMap(routes -> routes.routes().stream())
                .map(route -> {
                    String[] parts = route.split(" ", 2);
                    return (RequestMatcher)
                            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.valueOf(parts[0]), parts[1]);
                })
                .toList();
        return matchers.isEmpty() ? request -> false : new OrRequestMatcher(matchers);
    }

    /**
     * The Authorization header, else the access cookie on the routes it authenticates; public routes ignore the cookie so
     * a stale one never blocks sign-in.
     */
    private static BearerTokenResolver tokenResolver(RequestMatcher publicMatcher) {
        return request -> {
            if (request.getRequestURI().startsWith("/actuator/")) {
                return null; // the metrics scrape token is not an access token (see MetricsScrapeCheck)
            }
            if (PersonalKeyFilter.presentedKey(request) != null) {
                return null; // a personal API key, authenticated by PersonalKeyFilter, is not a JWT
            }
            String token = HEADER_TOKENS.resolve(request);
            if (token != null || publicMatcher.matches(request) || !authenticatesByCookie(request)) {
                return token;
            }
            return AuthCookies.value(request, AuthCookies.ACCESS);
        };
    }

    /**
     * The routes the access cookie authenticates: the API (the hub's {@code /api/v1/ws} included) and the MCP endpoint.
     * Web pages do not read it: they authenticate through their own API calls and show a signed-out page when those
     * are refused, so an expired cookie (a browser clock behind the server's) never turns a page into a 401.
     */
    private static boolean authenticatesByCookie(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.equals("/mcp") || path.startsWith("/mcp/");
    }

    private static final DefaultBearerTokenResolver HEADER_TOKENS = new DefaultBearerTokenResolver();

    /**
     * Whether the request carries a bearer token in its Authorization header, as the token resolver reads it. Any
     * other Authorization header ({@code Basic x}) does not authenticate, so the cookie does, and the CSRF check must
     * follow the cookie. A malformed bearer header counts as a header token: it is refused as such.
     */
    static boolean hasHeaderToken(HttpServletRequest request) {
        try {
            return HEADER_TOKENS.resolve(request) != null;
        } catch (org.springframework.security.oauth2.core.OAuth2AuthenticationException e) {
            return true;
        }
    }

    private static CorsConfigurationSource corsSource(AuthProperties properties) {
        var source = new UrlBasedCorsConfigurationSource();
        if (!properties.corsAllowedOrigins().isEmpty()) {
            var config = new CorsConfiguration();
            config.setAllowedOrigins(properties.corsAllowedOrigins());
            config.setAllowCredentials(true);
            config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
            config.setAllowedHeaders(List.of(
                    "Authorization",
                    "Content-Type",
                    "Accept",
                    "Idempotency-Key",
                    "X-Request-Id",
                    "X-Tenant",
                    AuthCookies.CSRF_HEADER,
                    "X-Auth-Mode"));
            config.setExposedHeaders(List.of(
                    "X-Request-Id",
                    "Location",
                    "Retry-After",
                    "Idempotent-Replayed",
                    "ETag",
                    "X-RateLimit-Limit",
                    "X-RateLimit-Remaining"));
            config.setMaxAge(600L);
            source.registerCorsConfiguration("/**", config);
        }
        return source;
    }

    /**
     * Double-submit CSRF check for cookie mode: a state-changing request that authenticates with auth cookies (no
     * bearer token in the Authorization header) must repeat the {@code lyceum_csrf} cookie in {@code X-CSRF-Token} (or,
     * for a page's form, in the {@code _csrf} field). SameSite=Strict already
     * keeps the cookies off cross-site requests; this is the second wall.
     */
    static final class CookieCsrfFilter extends OncePerRequestFilter {

        private final RequestMatcher publicMatcher;
        private final HandlerExceptionResolver errors;

        CookieCsrfFilter(RequestMatcher publicMatcher, HandlerExceptionResolver errors) {
            this.publicMatcher = publicMatcher;
            this.errors = errors;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            // the CSRF decision follows what authenticates the request: cookies, unless a bearer header does
            boolean usesCookies = !hasHeaderToken(request)
                    && (AuthCookies.value(request, AuthCookies.ACCESS) != null
                            || AuthCookies.value(request, AuthCookies.REFRESH) != null);
            boolean exempt = SAFE_METHODS.contains(request.getMethod())
                    || (publicMatcher.matches(request)
                            && !request.getRequestURI().equals("/api/v1/auth/refresh"));
            if (usesCookies && !exempt && !csrfTokenMatches(request)) {
                errors.resolveException(
                        request,
                        response,
                        null,
                        LyceumException.forbidden(
                                "auth.csrf_failed", "Send the lyceum_csrf cookie's value in the X-CSRF-Token header."));
                return;
            }
            chain.doFilter(request, response);
        }

        private static boolean isForm(HttpServletRequest request) {
            String type = request.getContentType();
            return type != null
                    && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
        }

        private static boolean csrfTokenMatches(HttpServletRequest request) {
            String cookie = AuthCookies.value(request, AuthCookies.CSRF);
            String header = request.getHeader(AuthCookies.CSRF_HEADER);
            if (header == null && isForm(request)) {
                header = request.getParameter(CSRF_FORM_FIELD); // the pages' forms (no script to set a header)
            }
            return cookie != null && header != null && MessageDigest.isEqual(cookie.getBytes(), header.getBytes());
        }
    }
}
