package io.lyceum.accounts;

import static io.lyceum.accounts.UserStore.utc;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.TooManyRequestsException;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-time codes for verification, password reset and second factors: a 6-digit code and, where a link is sent, a
 * long link token; both stored hashed. At most one live code per user and purpose; a new one may be issued no sooner
 * than {@link #RESEND_AFTER} after the last; five wrong tries lock the code. Wrong codes also count per account
 * across codes and purposes: after {@link #FREE_FAILURES} of them each further try waits twice as long as the last
 * (1 minute, 2, 4, ... at most {@link #MAX_DELAY}), so asking for new codes does not buy new guesses, and the account's
 * owner is emailed once. A right code clears the count.
 */
@Component
class VerificationCodes {

    static final Duration RESEND_AFTER = Duration.ofSeconds(60);
    static final int MAX_ATTEMPTS = 5;
    static final int FREE_FAILURES = 10;
    static final Duration MAX_DELAY = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate ownTransaction;
    private final org.springframework.context.ApplicationEventPublisher events;

    VerificationCodes(
            JdbcClient jdbc,
            Clock clock,
            org.springframework.transaction.PlatformTransactionManager transactionManager,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
        // a wrong code must count even though the caller's transaction rolls back on the error it raises
        this.ownTransaction = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(
                org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A freshly issued code, in clear for sending; only hashes are stored. */
    record Issued(String code, @Nullable String linkToken, Instant expiresAt) {}

    /** What a code was checked for, once accepted. */
    record Accepted(
            UUID userId, @Nullable UUID sessionId, @Nullable String sentTo) {}

    /**
     * Issues a code, superseding any live one. Refused with 429 when the previous one is younger than the resend
     * interval.
     */
    Issued issue(
            UUID userId,
            String purpose,
            Duration ttl,
            @Nullable String sentTo,
            @Nullable UUID sessionId,
            boolean withLink) {
        Instant now = clock.instant();
        Optional<Instant> lastIssued = jdbc.sql("""
                SELECT created_at FROM verification_codes
                 WHERE user_id = :user AND purpose = :purpose ORDER BY created_at DESC LIMIT 1
                """)
                .param("user", userId)
                .param("purpose", purpose)
                .query((rs, row) -> requiredInstant(rs, "created_at"))
                .optional();
        if (lastIssued.isPresent() && lastIssued.get().plus(RESEND_AFTER).isAfter(now)) {
            long wait =
                    Duration.between(now, lastIssued.get().plus(RESEND_AFTER)).toSeconds() + 1;
            throw new LyceumException(
                    ErrorKind.TOO_MANY_REQUESTS,
                    "verification.resend_too_soon",
                    "A code was sent less than a minute ago; wait " + wait + " seconds before asking again.");
        }
        jdbc.sql("""
                UPDATE verification_codes SET consumed_at = :now
                 WHERE user_id = :user AND purpose = :purpose AND consumed_at IS NULL
                """)
                .param("now", utc(now))
                .param("user", userId)
                .param("purpose", purpose)
                .update();
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        String link = withLink ? randomToken() : null;
        jdbc.sql("""
                INSERT INTO verification_codes (id, tenant_id, user_id, purpose, code_hash, link_hash, session_id,
                                                sent_to, created_at, expires_at)
                VALUES (:id, :tenant, :user, :purpose, :code, :link, :session, :sentTo, :now, :expires)
                """)
                .param("id", Ids.newId())
                .param("tenant", TenantContext.require().value())
                .param("user", userId)
                .param("purpose", purpose)
                .param("code", SessionStore.hash(userId + ":" + code))
                .param("link", link == null ? null : SessionStore.hash(link))
                .param("session", sessionId)
                .param("sentTo", sentTo)
                .param("now", utc(now))
                .param("expires", utc(now.plus(ttl)))
                .update();
        return new Issued(code, link, now.plus(ttl));
    }

    /**
     * Checks a 6-digit code and consumes it on success. Wrong codes count towards the lock; every failure is the
     * same {@code verification.invalid_code} so callers learn nothing about which part was wrong.
     */
    Accepted acceptCode(UUID userId, String purpose, String code, @Nullable UUID sessionId) {
        return inOwnTransaction(() -> checkCode(userId, purpose, code, sessionId, true));
    }

    /**
     * Checks a 6-digit code like {@link #acceptCode} but leaves it live, for flows that validate a code before using
     * it. A wrong code still counts towards the lock, so this is no free guessing oracle.
     */
    Accepted verifyCode(UUID userId, String purpose, String code) {
        return inOwnTransaction(() -> checkCode(userId, purpose, code, null, false));
    }

    /**
     * Consumes a code inside the caller's transaction, so the code is used up if and only if the change it allows
     * commits. A wrong code here rolls back with the caller and so does not count: check it with {@link #verifyCode}
     * first. Of two parallel callers with one code, the second finds it consumed.
     */
    Accepted consumeCode(UUID userId, String purpose, String code) {
        return checkCode(userId, purpose, code, null, true);
    }

    private Accepted inOwnTransaction(java.util.function.Supplier<Accepted> check) {
        Object outcome = ownTransaction.execute(status -> {
            try {
                return check.get();
            } catch (LyceumException e) {
                return e;
            }
        });
        if (outcome instanceof LyceumException e) {
            throw e;
        }
        return (Accepted) outcome;
    }

    private Accepted checkCode(UUID userId, String purpose, String code, @Nullable UUID sessionId, boolean consume) {
        Instant now = clock.instant();
        refuseWhileBlocked(userId, now);
        var live = jdbc.sql("""
                SELECT id, code_hash, attempts, expires_at, session_id, sent_to FROM verification_codes
                 WHERE user_id = :user AND purpose = :purpose AND consumed_at IS NULL
                   FOR UPDATE
                """)
                .param("user", userId)
                .param("purpose", purpose)
                .query((rs, row) -> new Live(
                        rs.getObject("id", UUID.class),
                        rs.getString("code_hash"),
                        rs.getInt("attempts"),
                        requiredInstant(rs, "expires_at"),
                        rs.getObject("session_id", UUID.class),
                        rs.getString("sent_to")))
                .optional()
                .orElseThrow(VerificationCodes::invalid);
        if (live.attempts() >= MAX_ATTEMPTS) {
            throw new LyceumException(
                    ErrorKind.UNPROCESSABLE, "verification.locked", "Too many wrong codes. Ask for a new code.");
        }
        if (live.expiresAt().isBefore(now)) {
            throw new LyceumException(
                    ErrorKind.UNPROCESSABLE, "verification.expired", "The code has expired. Ask for a new code.");
        }
        boolean sessionMatches = sessionId == null || sessionId.equals(live.sessionId());
        if (!sessionMatches
                || code == null
                || !SessionStore.hash(userId + ":" + code).equals(live.codeHash())) {
            jdbc.sql("UPDATE verification_codes SET attempts = attempts + 1 WHERE id = :id")
                    .param("id", live.id())
                    .update();
            recordFailure(userId, now);
            throw invalid();
        }
        if (consume) {
            consume(live.id());
        }
        jdbc.sql("DELETE FROM verification_failures WHERE user_id = :user")
                .param("user", userId)
                .update();
        return new Accepted(userId, live.sessionId(), live.sentTo());
    }

    private void refuseWhileBlocked(UUID userId, Instant now) {
        jdbc.sql("SELECT blocked_until FROM verification_failures WHERE user_id = :user AND blocked_until IS NOT NULL")
                .param("user", userId)
                .query((rs, row) -> requiredInstant(rs, "blocked_until"))
                .optional()
                .filter(until -> until.isAfter(now))
                .ifPresent(until -> {
                    throw new TooManyRequestsException(
                            "verification.too_many_failures",
                            "Too many wrong codes for this account. Wait before trying again.",
                            Duration.between(now, until));
                });
    }

    /** Counts a wrong code against the account; the owner hears of it when the waiting starts. */
    private void recordFailure(UUID userId, Instant now) {
        int failures = jdbc.sql("""
                INSERT INTO verification_failures (user_id, tenant_id, failures, last_failure_at)
                VALUES (:user, :tenant, 1, :now)
                ON CONFLICT (user_id)
                DO UPDATE SET failures = verification_failures.failures + 1, last_failure_at = :now
                RETURNING failures
                """)
                .param("user", userId)
                .param("tenant", TenantContext.require().value())
                .param("now", utc(now))
                .query(Integer.class)
                .single();
        if (failures < FREE_FAILURES) {
            return;
        }
        jdbc.sql("UPDATE verification_failures SET blocked_until = :until WHERE user_id = :user")
                .param("until", utc(now.plus(delayAfter(failures))))
                .param("user", userId)
                .update();
        if (failures == FREE_FAILURES) {
            // the owner hears of it from notifications (nothing secret in it); this runs in its own transaction
            events.publishEvent(new SecurityNotice(
                    io.lyceum.tenancy.TenantContext.require(),
                    io.lyceum.shared.Ids.newId(),
                    UserId.of(userId),
                    SecurityNotice.WRONG_CODES,
                    failures,
                    null,
                    now));
        }
    }

    /** 1 minute after the last free failure, then twice as long each time, at most {@link #MAX_DELAY}. */
    static Duration delayAfter(int failures) {
        int doublings = Math.min(failures - FREE_FAILURES, 20);
        Duration delay = Duration.ofMinutes(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    /** Checks a link token and consumes it; returns whose it was. */
    Accepted acceptLink(String purpose, String linkToken) {
        return checkLink(purpose, linkToken, true);
    }

    /** Checks a link token without consuming it; returns whose it is. */
    Accepted verifyLink(String purpose, String linkToken) {
        return checkLink(purpose, linkToken, false);
    }

    private Accepted checkLink(String purpose, String linkToken, boolean consume) {
        var row = jdbc.sql("""
                SELECT id, user_id, expires_at, attempts, session_id, sent_to FROM verification_codes
                 WHERE link_hash = :hash AND purpose = :purpose AND consumed_at IS NULL
                """ + (consume ? " FOR UPDATE" : ""))
                .param("hash", SessionStore.hash(linkToken == null ? "" : linkToken))
                .param("purpose", purpose)
                .query((rs, n) -> new Object[] {
                    rs.getObject("id", UUID.class),
                    rs.getObject("user_id", UUID.class),
                    requiredInstant(rs, "expires_at"),
                    rs.getInt("attempts"),
                    rs.getObject("session_id", UUID.class),
                    rs.getString("sent_to")
                })
                .optional()
                .orElseThrow(VerificationCodes::invalid);
        if (((Instant) row[2]).isBefore(clock.instant()) || (int) row[3] >= MAX_ATTEMPTS) {
            throw new LyceumException(
                    ErrorKind.UNPROCESSABLE, "verification.expired", "The link has expired. Ask for a new one.");
        }
        if (consume) {
            consume((UUID) row[0]);
        }
        return new Accepted((UUID) row[1], (UUID) row[4], (String) row[5]);
    }

    private void consume(UUID id) {
        jdbc.sql("UPDATE verification_codes SET consumed_at = :now WHERE id = :id")
                .param("now", utc(clock.instant()))
                .param("id", id)
                .update();
    }

    static LyceumException invalid() {
        return new LyceumException(
                ErrorKind.UNPROCESSABLE, "verification.invalid_code", "The code is not valid. Check it and try again.");
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private record Live(
            UUID id,
            String codeHash,
            int attempts,
            Instant expiresAt,
            @Nullable UUID sessionId,
            @Nullable String sentTo) {}
}
