package io.lyceum.accounts;

import static io.lyceum.accounts.UserStore.utc;
import static io.lyceum.platform.SqlValues.instant;

import io.lyceum.shared.Ids;
import io.lyceum.shared.TooManyRequestsException;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Limits guessing of link codes: at most {@link LinkProperties#maxWrongCodesPerHour()} wrong codes per user within a
 * sliding hour, then 429 with {@code Retry-After}. An attempt is recorded, in its own transaction and serialised per
 * user by an advisory lock, before the code is checked, and removed again when the code turns out right; so parallel
 * guesses cannot overrun the limit and the count survives the rollback of the failed request.
 */
@Component
class LinkCodeAttempts {

    static final Duration WINDOW = Duration.ofHours(1);
    /** First key of the advisory lock: the "link-code attempts" lock class. */
    private static final int LOCK_CLASS = 0x4c4e4b31; // "LNK1"

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LinkProperties properties;
    private final TransactionTemplate ownTransaction;

    LinkCodeAttempts(
            JdbcClient jdbc, Clock clock, LinkProperties properties, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Records an attempt of the user, or refuses with 429 when the hour's allowance of wrong codes is used up. */
    UUID reserve(UUID userId) {
        Object outcome = ownTransaction.execute(status -> {
            jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:lockClass, hashtext(:user))) AS locked")
                    .param("lockClass", LOCK_CLASS)
                    .param("user", userId.toString())
                    .query(Integer.class)
                    .single();
            Instant now = clock.instant();
            Instant windowStart = now.minus(WINDOW);
            jdbc.sql("DELETE FROM guardian_link_code_attempts WHERE user_id = :user AND attempted_at <= :start")
                    .param("user", userId)
                    .param("start", utc(windowStart))
                    .update();
            var recent = jdbc.sql("""
                    SELECT count(*) AS attempts, min(attempted_at) AS oldest FROM guardian_link_code_attempts
                     WHERE user_id = :user AND attempted_at > :start
                    """)
                    .param("user", userId)
                    .param("start", utc(windowStart))
                    .query((rs, row) -> new Recent(rs.getLong("attempts"), instant(rs, "oldest")))
                    .single();
            if (recent.attempts() >= properties.maxWrongCodesPerHour()) {
                return new TooManyRequestsException(
                        "link.too_many_attempts",
                        "Too many wrong codes. Try again later.",
                        Duration.between(
                                now,
                                // attempts were counted in the window, so its oldest one exists
                                Objects.requireNonNull(recent.oldest()).plus(WINDOW)));
            }
            UUID id = Ids.newId();
            jdbc.sql("""
                    INSERT INTO guardian_link_code_attempts (id, tenant_id, user_id, attempted_at)
                    VALUES (:id, :tenant, :user, :now)
                    """)
                    .param("id", id)
                    .param("tenant", TenantContext.require().value())
                    .param("user", userId)
                    .param("now", utc(now))
                    .update();
            return id;
        });
        if (outcome instanceof TooManyRequestsException e) {
            throw e;
        }
        return (UUID) outcome;
    }

    /** The attempt was not a wrong code after all: it no longer counts. */
    void release(UUID attemptId) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("DELETE FROM guardian_link_code_attempts WHERE id = :id")
                .param("id", attemptId)
                .update());
    }

    private record Recent(long attempts, @Nullable Instant oldest) {}
}
