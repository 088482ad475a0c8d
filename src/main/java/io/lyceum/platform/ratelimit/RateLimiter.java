package io.lyceum.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Picks the rule a request falls under and takes one token from the caller's bucket. Reads (GET, HEAD) draw from
 * buckets in this instance's memory, so no read writes to the database (DESIGN.md section 12); their limit is divided
 * among {@code lyceum.rate-limits.instances}. Writes and sign-in draw from buckets in PostgreSQL (Bucket4j's
 * advisory-lock proxy manager), so every application instance draws from the same ones.
 */
class RateLimiter {

    /** Read buckets kept in memory at most; a bucket idle for its rule's period is full again and may go. */
    static final long MAX_LOCAL_BUCKETS = 100_000;

    private final ProxyManager<String> buckets;
    private final Cache<String, Bucket> localBuckets;
    private final TimeMeter time;
    private final long instances;
    private final List<Rule> routes;
    private final Rule reads;
    private final Rule writes;

    RateLimiter(ProxyManager<String> buckets, RateLimitProperties properties) {
        this(buckets, properties, TimeMeter.SYSTEM_MILLISECONDS);
    }

    RateLimiter(ProxyManager<String> buckets, RateLimitProperties properties, TimeMeter time) {
        this.buckets = buckets;
        this.time = time;
        this.instances = properties.instances();
        this.localBuckets = Caffeine.newBuilder()
                .maximumSize(MAX_LOCAL_BUCKETS)
                .expireAfter(Expiry.accessing((String key, Bucket bucket) -> idleLimit(key)))
                .build();
        List<Rule> rules = new ArrayList<>();
        properties
                .routes()
                .forEach((name, route) -> rules.add(new Rule(
                        name,
                        route.method() == null || route.method().isBlank() ? null : route.method(),
                        PathPatternParser.defaultInstance.parse(route.path()),
                        route.limit(),
                        route.period(),
                        route.scope())));
        this.routes = List.copyOf(rules);
        this.reads = new Rule(
                "reads",
                null,
                null,
                properties.reads().limit(),
                properties.reads().period(),
                RateLimitProperties.Scope.CALLER);
        this.writes = new Rule(
                "writes",
                null,
                null,
                properties.writes().limit(),
                properties.writes().period(),
                RateLimitProperties.Scope.CALLER);
    }

    /** The outcome of one request: allowed or not, and what to tell the caller. */
    record Decision(Rule rule, boolean allowed, long remaining, Duration retryAfter) {}

    /** A limit: so many requests per period, per client address or per caller. */
    record Rule(
            String name,
            @Nullable String method,
            @Nullable PathPattern pattern,
            long limit,
            Duration period,
            RateLimitProperties.Scope scope) {

        Rule withLimit(long newLimit) {
            return newLimit == limit ? this : new Rule(name, method, pattern, newLimit, period, scope);
        }

        boolean matches(String requestMethod, PathContainer path) {
            return (method == null || method.equalsIgnoreCase(requestMethod))
                    && pattern != null
                    && pattern.matches(path);
        }

        BucketConfiguration configuration() {
            return BucketConfiguration.builder()
                    .addLimit(Bandwidth.builder()
                            .capacity(limit)
                            .refillGreedy(limit, period)
                            .build())
                    .build();
        }

        /** The rule's limit is part of the key, so a changed limit starts from a fresh bucket. */
        String key(String caller) {
            return name + ":" + limit + "/" + period.toMillis() + "ms:" + caller;
        }
    }

    Rule ruleFor(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        for (Rule rule : routes) {
            if (rule.matches(request.getMethod(), path)) {
                return rule;
            }
        }
        return switch (request.getMethod()) {
            case "GET", "HEAD" -> reads;
            default -> writes;
        };
    }

    /** Who the request counts for under a rule: the client address, or the signed-in user where the rule says so. */
    static String callerOf(HttpServletRequest request, RateLimitProperties.Scope scope) {
        if (scope == RateLimitProperties.Scope.CALLER) {
            Principal principal = request.getUserPrincipal();
            if (principal != null) {
                return "user:" + principal.getName();
            }
        }
        return "ip:" + request.getRemoteAddr();
    }

    Decision check(HttpServletRequest request) {
        Rule rule = ruleFor(request);
        String key = rule.key(callerOf(request, rule.scope()));
        return isRead(request.getMethod()) ? takeLocal(rule, key) : take(rule, key);
    }

    static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    /** One token from this instance's own bucket, holding the instance's share of the rule's limit. */
    Decision takeLocal(Rule rule, String key) {
        long share = Math.max(1, rule.limit() / instances);
        Bucket bucket = localBuckets.get(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(share).refillGreedy(share, rule.period()))
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new Decision(
                rule.withLimit(share),
                probe.isConsumed(),
                probe.getRemainingTokens(),
                probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** How long an untouched bucket is kept: its period (the key carries it), after which it would be full again. */
    private static Duration idleLimit(String key) {
        int ms = key.indexOf("ms:");
        int slash = key.lastIndexOf('/', ms);
        try {
            return Duration.ofMillis(Long.parseLong(key.substring(slash + 1, ms)));
        } catch (RuntimeException e) {
            return Duration.ofMinutes(1);
        }
    }

    Decision take(Rule rule, String key) {
        ConsumptionProbe probe =
                buckets.builder().build(key, rule::configuration).tryConsumeAndReturnRemaining(1);
        return new Decision(
                rule,
                probe.isConsumed(),
                probe.getRemainingTokens(),
                probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** A 64-bit advisory-lock id per key (Bucket4j's default, the 32-bit hash code, collides sooner). */
    static long lockId(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }

    Optional<Rule> rule(String name) {
        return routes.stream().filter(rule -> rule.name().equals(name)).findFirst();
    }
}
