package io.lyceum.accounts;

import static io.lyceum.accounts.UserStore.utc;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.shared.TooManyRequestsException;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows down guessing on one account without locking its owner out for good: after {@link #FREE_FAILURES} failed
 * sign-ins each further attempt must wait twice as long as the last (1 s, 2 s, 4 s, ... at most 15 minutes). A
 * successful sign-in clears the record. Failures are counted per account (email) in the database, so all instances
 * see the same count.
 */
@Component
class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void checkAllowed(String email) {
        Instant now = clock.instant();
        jdbc.sql(
                        "SELECT blocked_until FROM login_failures WHERE email_normalized = :email AND blocked_until IS NOT NULL")
                .param("email", UserStore.normalize(email))
                .query((rs, row) -> requiredInstant(rs, "blocked_until"))
                .optional()
                .filter(until -> until.isAfter(now))
                .ifPresent(until -> {
                    throw new TooManyRequestsException(
                            "auth.too_many_failures",
                            "Too many failed sign-ins for this account. Try again later.",
                            Duration.between(now, until));
                });
    }

    void recordFailure(String email) {
        Instant now = clock.instant();
        int failures = jdbc.sql("""
                INSERT INTO login_failures (tenant_id, email_normalized, failures, last_failure_at)
                VALUES (:tenant, :email, 1, :now)
                ON CONFLICT (tenant_id, email_normalized)
                DO UPDATE SET failures = login_failures.failures + 1, last_failure_at = :now
                RETURNING failures
                """)
                .param("tenant", TenantContext.require().value())
                .param("email", UserStore.normalize(email))
                .param("now", utc(now))
                .query(Integer.class)
                .single();
        if (failures >= FREE_FAILURES) {
            jdbc.sql("UPDATE login_failures SET blocked_until = :until WHERE email_normalized = :email")
                    .param("until", utc(now.plus(delayAfter(failures))))
                    .param("email", UserStore.normalize(email))
                    .update();
        }
    }

    void recordSuccess(String email) {
        jdbc.sql("DELETE FROM login_failures WHERE email_normalized = :email")
                .param("email", UserStore.normalize(email))
                .update();
    }

    static Duration delayAfter(int failures) {
        int doublings = Math.min(failures - FREE_FAILURES, 20);
        Duration delay = Duration.ofSeconds(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
