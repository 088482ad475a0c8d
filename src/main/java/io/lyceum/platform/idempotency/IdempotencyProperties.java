package io.lyceum.platform.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param ttl how long a key and its stored response are kept (24 hours by default)
 * @param maxBodyBytes largest request body accepted together with an Idempotency-Key
 * @param lockTimeout after this long an unfinished first request (its instance crashed) no longer blocks retries
 */
@ConfigurationProperties("lyceum.idempotency")
record IdempotencyProperties(Duration ttl, long maxBodyBytes, Duration lockTimeout) {

    IdempotencyProperties {
        ttl = ttl != null ? ttl : Duration.ofHours(24);
        maxBodyBytes = maxBodyBytes > 0 ? maxBodyBytes : 32L * 1024 * 1024;
        lockTimeout = lockTimeout != null ? lockTimeout : Duration.ofMinutes(1);
    }
}
