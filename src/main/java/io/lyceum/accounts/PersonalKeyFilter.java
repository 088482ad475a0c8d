package io.lyceum.accounts;

import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.Tenant;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Authenticates {@code Authorization: Bearer lyk_...} (a personal API key) on the routes {@link PersonalKeys#ROUTES}
 * names; on any other route such a key is 401 {@code auth.api_key_not_allowed}. The context is also saved as a request
 * attribute, so a response finished in an ASYNC dispatch (a streamed MCP answer) still sees the caller.
 */
final class PersonalKeyFilter extends OncePerRequestFilter {

    private static final String BEARER = "bearer ";
    private static final RequestMatcher KEY_ROUTES = new OrRequestMatcher(PersonalKeys.ROUTES.stream()
            .map(route ->
                    (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(route))
            .toList());

    private final ObjectProvider<PersonalKeys> keys;
    private final UserStore users;
    private final TenancyApi tenancy;
    private final HandlerExceptionResolver errors;
    private final RequestAttributeSecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();

    PersonalKeyFilter(
            ObjectProvider<PersonalKeys> keys, UserStore users, TenancyApi tenancy, HandlerExceptionResolver errors) {
        this.keys = keys;
        this.users = users;
        this.tenancy = tenancy;
        this.errors = errors;
    }

    /** The personal key in the Authorization header, or null when the header carries something else. */
    static @Nullable String presentedKey(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null
                || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        return token.startsWith(PersonalKeys.PREFIX) ? token : null;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return presentedKey(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            // shouldNotFilter skipped every request without a key
            authenticate(request, response, Objects.requireNonNull(presentedKey(request)));
        } catch (LyceumException e) {
            errors.resolveException(request, response, null, e);
            return;
        }
        chain.doFilter(request, response);
    }

    private void authenticate(HttpServletRequest request, HttpServletResponse response, String key) {
        if (!KEY_ROUTES.matches(request)) {
            throw new LyceumException(
                    ErrorKind.UNAUTHORIZED,
                    "auth.api_key_not_allowed",
                    "A personal API key works only for /mcp and the agents' tool gateway; use an access token here.");
        }
        PersonalKeys store = keys.getIfAvailable();
        Optional<TenantId> tenant = PersonalKeys.tenantOf(key);
        if (store == null || tenant.isEmpty()) {
            throw invalidKey();
        }
        TenantContext.bindForRequest(tenant.get());
        if (!tenancy.findById(tenant.get()).map(Tenant::isActive).orElse(false)) {
            throw tenancy.findById(tenant.get()).isPresent() ? Tenant.inactive() : invalidKey();
        }
        PersonalKeys.Holder holder = store.verify(key).orElseThrow(PersonalKeyFilter::invalidKey);
        User user = users.findById(holder.userId().value())
                .filter(u -> u.status() == UserStatus.ACTIVE)
                .orElseThrow(PersonalKeyFilter::invalidKey);
        var principal = new CurrentUser(UserId.of(user.id()), user.tenantId(), user.role(), holder.keyId());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new PersonalKeyAuthentication(principal, holder.readOnly()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    private static LyceumException invalidKey() {
        return new LyceumException(
                ErrorKind.UNAUTHORIZED,
                "auth.invalid_api_key",
                "The API key is unknown, revoked, or its user is no longer active.");
    }
}
