package io.lyceum.platform.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Request rate limits (DESIGN.md section 5). Each request under {@code /api} counts against the first matching route
 * rule, else against the read limit (GET, HEAD) or the write limit (every other method). Defaults: registration 5,
 * sign-in 10, token refresh 30 and password-reset requests 5 a minute per client address; reads 300 and writes 60 a
 * minute per caller (the signed-in user, else the client address). The seed's 60 reads and 10 to 30 writes a minute are
 * the floor; front ends that load several resources per screen need the higher defaults.
 *
 * @param enabled turn rate limiting off entirely (on by default)
 * @param reads limit of GET and HEAD requests per caller
 * @param writes limit of other requests per caller
 * @param routes named rules for single routes; a rule given here overrides the default of the same name field by field
 *     ({@code lyceum.rate-limits.routes.login.limit=20}), a new name adds a rule
 * @param purgeInterval how often buckets that have filled up again are deleted
 * @param instances how many application instances share the read limits: reads are counted in each instance's memory,
 *     each allowing its share ({@code limit / instances}); 1 by default
 */
@ConfigurationProperties("lyceum.rate-limits")
record RateLimitProperties(
        Boolean enabled,
        Limit reads,
        Limit writes,
        Map<String, Route> routes,
        Duration purgeInterval,
        Integer instances) {

    static final Duration MINUTE = Duration.ofMinutes(1);

    /** The default route rules, merged under whatever is configured. */
    static Map<String, Route> defaultRoutes() {
        Map<String, Route> routes = new LinkedHashMap<>();
        routes.put("register", new Route("POST", "/api/v1/auth/register", 5L, MINUTE, Scope.IP));
        routes.put("login", new Route("POST", "/api/v1/auth/login", 10L, MINUTE, Scope.IP));
        routes.put("refresh", new Route("POST", "/api/v1/auth/refresh", 30L, MINUTE, Scope.IP));
        routes.put("password-reset", new Route("POST", "/api/v1/auth/password/reset-request", 5L, MINUTE, Scope.IP));
        // providers deliver signed webhooks in bursts from a few addresses; the signature, not the rate, guards them
        routes.put("payment-webhook", new Route("POST", "/api/v1/payments/webhook", 6000L, MINUTE, Scope.IP));
        return routes;
    }

    RateLimitProperties {
        enabled = enabled == null || enabled;
        reads = Limit.orDefault(reads, 300, "reads");
        writes = Limit.orDefault(writes, 60, "writes");
        Map<String, Route> merged = defaultRoutes();
        if (routes != null) {
            routes.forEach((name, route) -> merged.merge(name, route, (base, override) -> override.over(base)));
        }
        merged.forEach((name, route) -> route.validate(name));
        routes = java.util.Collections.unmodifiableMap(merged);
        purgeInterval = purgeInterval != null ? purgeInterval : Duration.ofMinutes(10);
        instances = instances == null ? 1 : instances;
        if (instances < 1) {
            throw new IllegalArgumentException("lyceum.rate-limits.instances must be at least 1");
        }
    }

    /** Whose requests share a bucket. */
    enum Scope {
        /** the client address */
        IP,
        /** the signed-in user, else the client address */
        CALLER
    }

    /**
     * @param limit requests allowed per period
     * @param period the period; tokens come back evenly over it
     */
    record Limit(Long limit, Duration period) {

        static Limit orDefault(Limit configured, long limit, String name) {
            Limit result = new Limit(
                    configured == null || configured.limit() == null ? limit : configured.limit(),
                    configured == null || configured.period() == null ? MINUTE : configured.period());
            if (result.limit() < 1
                    || result.period().isNegative()
                    || result.period().isZero()) {
                throw new IllegalArgumentException("lyceum.rate-limits." + name + " needs a limit >= 1 and a period");
            }
            return result;
        }
    }

    /**
     * @param method HTTP method the rule applies to; empty for all
     * @param path path pattern such as {@code /api/v1/auth/login} or {@code /api/v1/search/**}
     * @param limit requests allowed per period
     * @param period the period; tokens come back evenly over it
     * @param per whose requests share a bucket (IP by default)
     */
    record Route(String method, String path, Long limit, Duration period, Scope per) {

        Route over(Route base) {
            return new Route(
                    method != null ? method : base.method(),
                    path != null ? path : base.path(),
                    limit != null ? limit : base.limit(),
                    period != null ? period : base.period(),
                    per != null ? per : base.per());
        }

        void validate(String name) {
            if (path == null
                    || !path.startsWith("/")
                    || limit == null
                    || limit < 1
                    || period == null
                    || period.isNegative()
                    || period.isZero()) {
                throw new IllegalArgumentException(
                        "lyceum.rate-limits.routes." + name + " needs a path, a limit >= 1 and a period");
            }
        }

        Scope scope() {
            return per != null ? per : Scope.IP;
        }
    }
}
