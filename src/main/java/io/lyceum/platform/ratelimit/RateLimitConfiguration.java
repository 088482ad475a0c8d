package io.lyceum.platform.ratelimit;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLadvisoryLockBasedProxyManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Rate limiting with Bucket4j: reads in each instance's memory (a GET never writes to the database), writes and
 * sign-in on PostgreSQL, buckets in {@code rate_limit_buckets}, each update serialized by a transaction-scoped
 * advisory lock, so all instances share one count per key. Off with {@code lyceum.rate-limits.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "lyceum.rate-limits.enabled", matchIfMissing = true)
class RateLimitConfiguration {

    /** After Spring Security's filter chain (-100), so the signed-in user is known; before idempotency keys (0). */
    static final int FILTER_ORDER = -50;

    static final String TABLE = "rate_limit_buckets";
    private static final int PURGE_BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

    @Bean
    PostgreSQLadvisoryLockBasedProxyManager<String> rateLimitBuckets(DataSource dataSource, Clock clock) {
        return proxyManager(dataSource, clock);
    }

    /** One instance's view of the shared buckets (tests build a second one to act as another instance). */
    static PostgreSQLadvisoryLockBasedProxyManager<String> proxyManager(DataSource dataSource, Clock clock) {
        return Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .lockIdSupplier(RateLimiter::lockId)
                .table(TABLE)
                .clientClock(timeMeter(clock))
                .requestTimeout(Duration.ofSeconds(5))
                // a bucket that has filled up again is as good as none: its row may go after another minute
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
    }

    @Bean
    RateLimiter rateLimiter(
            PostgreSQLadvisoryLockBasedProxyManager<String> rateLimitBuckets,
            RateLimitProperties properties,
            Clock clock) {
        return new RateLimiter(rateLimitBuckets, properties, timeMeter(clock));
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(
            RateLimiter limiter, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        var registration = new FilterRegistrationBean<>(new RateLimitFilter(limiter, errors));
        registration.setOrder(FILTER_ORDER);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** Housekeeping: deletes buckets that have filled up again. */
    @Bean
    RecurringTask<Void> rateLimitBucketPurge(
            PostgreSQLadvisoryLockBasedProxyManager<String> rateLimitBuckets, RateLimitProperties properties) {
        return Tasks.recurring("rate-limit-bucket-purge", Schedules.fixedDelay(properties.purgeInterval()))
                .execute((instance, context) -> {
                    int removed;
                    int total = 0;
                    do {
                        removed = rateLimitBuckets.removeExpired(PURGE_BATCH);
                        total += removed;
                    } while (removed == PURGE_BATCH);
                    if (total > 0) {
                        log.debug("Purged {} idle rate-limit buckets", total);
                    }
                });
    }

    /** Bucket4j reads time from the application's clock, like all other code (DESIGN.md section 7). */
    static TimeMeter timeMeter(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
