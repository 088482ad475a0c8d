package io.lyceum.tenancy;

import io.lyceum.shared.LyceumException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Binds the tenant of a request: the {@code X-Tenant} header (a tenant slug) when present, otherwise the first label
 * of the host name when it is a tenant's slug ({@code harbour.example.com}), otherwise the default tenant. An unknown
 * {@code X-Tenant} is a 404 and an inactive tenant a 403, so a typo never silently lands in another tenant.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class TenantResolutionFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Tenant";

    private final TenancyApi tenants;
    private final HandlerExceptionResolver exceptionResolver;

    TenantResolutionFilter(
            TenancyApi tenants, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
        this.tenants = tenants;
        this.exceptionResolver = exceptionResolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Tenant tenant;
        try {
            tenant = resolve(request);
        } catch (LyceumException e) {
            exceptionResolver.resolveException(request, response, null, e);
            return;
        }
        TenantContext.bindForRequest(tenant.id());
        try {
            chain.doFilter(request, response);
        } finally {
            TenantContext.clear();
        }
    }

    private Tenant resolve(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        Tenant tenant;
        if (header != null && !header.isBlank()) {
            tenant = tenants.findBySlug(header)
                    .orElseThrow(() -> LyceumException.notFound(
                            "tenant.not_found", "No tenant with the slug given in " + HEADER + "."));
        } else {
            tenant = tenants.findBySlug(firstHostLabel(request.getServerName()))
                    .or(() -> tenants.findById(TenantId.DEFAULT))
                    .orElseThrow(() -> new IllegalStateException("The default tenant is missing"));
        }
        return tenant.requireActive();
    }

    private static @Nullable String firstHostLabel(@Nullable String host) {
        if (host == null || host.isBlank() || Character.isDigit(host.charAt(0)) || host.startsWith("[")) {
            return null;
        }
        int dot = host.indexOf('.');
        return dot > 0 ? host.substring(0, dot) : null;
    }
}
