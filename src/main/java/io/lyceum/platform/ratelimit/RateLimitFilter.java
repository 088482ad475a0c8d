package io.lyceum.platform.ratelimit;

import io.lyceum.shared.TooManyRequestsException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Applies the rate limits to every request under {@code /api}. Runs after Spring Security's filter chain, so a signed-in
 * caller is counted by user rather than by address. Every limited response carries {@code X-RateLimit-Limit} and
 * {@code X-RateLimit-Remaining}; a request over the limit is answered 429 {@code request.rate_limited} with
 * {@code Retry-After}. Should the database not answer, requests pass unlimited rather than fail.
 */
class RateLimitFilter extends OncePerRequestFilter {

    static final String LIMIT_HEADER = "X-RateLimit-Limit";
    static final String REMAINING_HEADER = "X-RateLimit-Remaining";
    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimiter limiter;
    private final HandlerExceptionResolver errors;

    RateLimitFilter(RateLimiter limiter, HandlerExceptionResolver errors) {
        this.limiter = limiter;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/") || "OPTIONS".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimiter.Decision decision;
        try {
            decision = limiter.check(request);
        } catch (RuntimeException e) {
            log.warn("Rate limit not applied to {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(LIMIT_HEADER, String.valueOf(decision.rule().limit()));
        response.setHeader(REMAINING_HEADER, String.valueOf(decision.remaining()));
        if (!decision.allowed()) {
            var limited = new TooManyRequestsException(
                    "request.rate_limited",
                    "Too many requests: at most " + decision.rule().limit() + " per "
                            + describe(decision.rule().period())
                            + (decision.rule().scope() == RateLimitProperties.Scope.IP
                                    ? " from one address"
                                    : " per user or address")
                            + " here. Wait as long as Retry-After says.",
                    decision.retryAfter());
            errors.resolveException(request, response, null, limited);
            return;
        }
        chain.doFilter(request, response);
    }

    static String describe(Duration period) {
        if (period.equals(Duration.ofMinutes(1))) {
            return "minute";
        }
        if (period.toSeconds() % 60 == 0) {
            return period.toMinutes() + " minutes";
        }
        return period.toSeconds() == 1 ? "second" : period.toMillis() / 1000.0 + " seconds";
    }
}
