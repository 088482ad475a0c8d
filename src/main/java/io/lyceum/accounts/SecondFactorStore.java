package io.lyceum.accounts;

import static io.lyceum.accounts.UserStore.utc;
import static io.lyceum.platform.SqlValues.instant;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Second-factor settings, recovery codes and sign-in challenges of the current tenant's users. */
@Repository
class SecondFactorStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    SecondFactorStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A user's second-factor row; {@code totpSecret} is in its stored (possibly encrypted) form. */
    record Settings(
            @Nullable UUID userId,
            @Nullable String totpSecret,
            @Nullable Instant totpEnabledAt,
            @Nullable Long totpLastUsedStep,
            @Nullable Instant emailEnabledAt,
            int failures,
            @Nullable Instant blockedUntil) {

        static final Settings NONE = new Settings(null, null, null, null, null, 0, null);

        boolean totpEnabled() {
            return totpEnabledAt != null;
        }

        /** The TOTP secret of a pending or enabled authenticator (both have one). */
        String requireTotpSecret() {
            return java.util.Objects.requireNonNull(totpSecret, "a pending or enabled authenticator has a secret");
        }

        boolean totpPending() {
            return totpSecret != null && totpEnabledAt == null;
        }

        boolean emailEnabled() {
            return emailEnabledAt != null;
        }

        boolean anyEnabled() {
            return totpEnabled() || emailEnabled();
        }
    }

    record Challenge(
            UUID id,
            UUID userId,
            int attempts,
            Instant expiresAt,
            @Nullable Instant consumedAt) {}

    Settings settings(UUID userId) {
        return jdbc.sql("""
                SELECT user_id, totp_secret, totp_enabled_at, totp_last_used_step, email_enabled_at, failures,
                       blocked_until
                  FROM user_second_factors WHERE user_id = :user
                """)
                .param("user", userId)
                .query((rs, row) -> new Settings(
                        rs.getObject("user_id", UUID.class),
                        rs.getString("totp_secret"),
                        instant(rs, "totp_enabled_at"),
                        rs.getObject("totp_last_used_step", Long.class),
                        instant(rs, "email_enabled_at"),
                        rs.getInt("failures"),
                        instant(rs, "blocked_until")))
                .optional()
                .orElse(Settings.NONE);
    }

    /** Stores a new pending TOTP secret; false when TOTP is already enabled (a pending one is replaced). */
    boolean savePendingTotp(UUID userId, String sealedSecret) {
        return jdbc.sql("""
                INSERT INTO user_second_factors (user_id, tenant_id, totp_secret, created_at, updated_at)
                VALUES (:user, :tenant, :secret, :now, :now)
                ON CONFLICT (user_id) DO UPDATE SET totp_secret = excluded.totp_secret, updated_at = excluded.updated_at
                 WHERE user_second_factors.totp_enabled_at IS NULL
                """)
                        .param("user", userId)
                        .param("tenant", TenantContext.require().value())
                        .param("secret", sealedSecret)
                        .param("now", utc(clock.instant()))
                        .update()
                == 1;
    }

    /**
     * Enables the pending TOTP secret the code was checked against, recording the code's step; false when another
     * request got there first or the secret changed meanwhile.
     */
    boolean enableTotp(UUID userId, String sealedSecret, long step) {
        return jdbc.sql("""
                UPDATE user_second_factors SET totp_enabled_at = :now, totp_last_used_step = :step, updated_at = :now
                 WHERE user_id = :user AND totp_enabled_at IS NULL AND totp_secret = :secret
                   AND (totp_last_used_step IS NULL OR totp_last_used_step < :step)
                """)
                        .param("now", utc(clock.instant()))
                        .param("step", step)
                        .param("user", userId)
                        .param("secret", sealedSecret)
                        .update()
                == 1;
    }

    /** Records a TOTP step as used; false when it (or a later one) was used already: the code is being replayed. */
    boolean claimTotpStep(UUID userId, long step) {
        return jdbc.sql("""
                UPDATE user_second_factors SET totp_last_used_step = :step, updated_at = :now
                 WHERE user_id = :user AND totp_enabled_at IS NOT NULL
                   AND (totp_last_used_step IS NULL OR totp_last_used_step < :step)
                """)
                        .param("step", step)
                        .param("now", utc(clock.instant()))
                        .param("user", userId)
                        .update()
                == 1;
    }

    void enableEmail(UUID userId) {
        jdbc.sql("""
                INSERT INTO user_second_factors (user_id, tenant_id, email_enabled_at, created_at, updated_at)
                VALUES (:user, :tenant, :now, :now, :now)
                ON CONFLICT (user_id) DO UPDATE
                   SET email_enabled_at = coalesce(user_second_factors.email_enabled_at, excluded.email_enabled_at),
                       updated_at = excluded.updated_at
                """)
                .param("user", userId)
                .param("tenant", TenantContext.require().value())
                .param("now", utc(clock.instant()))
                .update();
    }

    /** Turns every second factor off, drops the recovery codes and ends open challenges. */
    void disableAll(UUID userId) {
        Instant now = clock.instant();
        jdbc.sql("""
                UPDATE user_second_factors SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_used_step = NULL,
                                               email_enabled_at = NULL, updated_at = :now
                 WHERE user_id = :user
                """).param("now", utc(now)).param("user", userId).update();
        jdbc.sql("DELETE FROM recovery_codes WHERE user_id = :user")
                .param("user", userId)
                .update();
        jdbc.sql("UPDATE two_factor_challenges SET consumed_at = :now WHERE user_id = :user AND consumed_at IS NULL")
                .param("now", utc(now))
                .param("user", userId)
                .update();
    }

    /** Counts a wrong second factor; from the fifth in a row each further try must wait longer (as for passwords). */
    void recordFailure(UUID userId) {
        Instant now = clock.instant();
        int failures = jdbc.sql("""
                UPDATE user_second_factors SET failures = failures + 1, updated_at = :now
                 WHERE user_id = :user RETURNING failures
                """)
                .param("now", utc(now))
                .param("user", userId)
                .query(Integer.class)
                .optional()
                .orElse(0);
        if (failures >= LoginThrottle.FREE_FAILURES) {
            jdbc.sql("UPDATE user_second_factors SET blocked_until = :until WHERE user_id = :user")
                    .param("until", utc(now.plus(LoginThrottle.delayAfter(failures))))
                    .param("user", userId)
                    .update();
        }
    }

    void clearFailures(UUID userId) {
        jdbc.sql("""
                UPDATE user_second_factors SET failures = 0, blocked_until = NULL
                 WHERE user_id = :user AND (failures > 0 OR blocked_until IS NOT NULL)
                """).param("user", userId).update();
    }

    /** Replaces a user's recovery codes with new ones (given as hashes). */
    void replaceRecoveryCodes(UUID userId, List<String> hashes) {
        jdbc.sql("DELETE FROM recovery_codes WHERE user_id = :user")
                .param("user", userId)
                .update();
        Instant now = clock.instant();
        for (String hash : hashes) {
            jdbc.sql("""
                    INSERT INTO recovery_codes (id, tenant_id, user_id, code_hash, created_at)
                    VALUES (:id, :tenant, :user, :hash, :now)
                    """)
                    .param("id", Ids.newId())
                    .param("tenant", TenantContext.require().value())
                    .param("user", userId)
                    .param("hash", hash)
                    .param("now", utc(now))
                    .update();
        }
    }

    /** Marks an unused recovery code used; false when there is no such unused code. */
    boolean useRecoveryCode(UUID userId, String hash) {
        return jdbc.sql("""
                UPDATE recovery_codes SET used_at = :now
                 WHERE user_id = :user AND code_hash = :hash AND used_at IS NULL
                """)
                        .param("now", utc(clock.instant()))
                        .param("user", userId)
                        .param("hash", hash)
                        .update()
                == 1;
    }

    int recoveryCodesLeft(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM recovery_codes WHERE user_id = :user AND used_at IS NULL")
                .param("user", userId)
                .query(Integer.class)
                .single();
    }

    UUID createChallenge(UUID userId, String tokenHash, Duration ttl, String ip, String userAgent) {
        Instant now = clock.instant();
        // keep a user's history of challenges short
        jdbc.sql("DELETE FROM two_factor_challenges WHERE user_id = :user AND expires_at < :cutoff")
                .param("user", userId)
                .param("cutoff", utc(now.minus(Duration.ofDays(1))))
                .update();
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO two_factor_challenges (id, tenant_id, user_id, token_hash, created_at, expires_at,
                                                   ip_address, user_agent)
                VALUES (:id, :tenant, :user, :hash, :now, :expires, :ip, :agent)
                """)
                .param("id", id)
                .param("tenant", TenantContext.require().value())
                .param("user", userId)
                .param("hash", tokenHash)
                .param("now", utc(now))
                .param("expires", utc(now.plus(ttl)))
                .param("ip", ip)
                .param("agent", userAgent == null ? null : userAgent.substring(0, Math.min(400, userAgent.length())))
                .update();
        return id;
    }

    /** The challenge with this token hash; locked for the rest of the transaction when {@code lock} is set. */
    Optional<Challenge> challenge(String tokenHash, boolean lock) {
        return jdbc.sql("""
                SELECT id, user_id, attempts, expires_at, consumed_at FROM two_factor_challenges
                 WHERE token_hash = :hash
                """ + (lock ? " FOR UPDATE" : ""))
                .param("hash", tokenHash)
                .query((rs, row) -> new Challenge(
                        rs.getObject("id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getInt("attempts"),
                        requiredInstant(rs, "expires_at"),
                        instant(rs, "consumed_at")))
                .optional();
    }

    /** Counts a wrong code against a challenge and returns how many there have been. */
    int countWrongAttempt(UUID challengeId) {
        return jdbc.sql("UPDATE two_factor_challenges SET attempts = attempts + 1 WHERE id = :id RETURNING attempts")
                .param("id", challengeId)
                .query(Integer.class)
                .single();
    }

    /** Consumes a challenge; false when it was consumed already. */
    boolean consumeChallenge(UUID challengeId) {
        return jdbc.sql("""
                UPDATE two_factor_challenges SET consumed_at = :now WHERE id = :id AND consumed_at IS NULL
                """)
                        .param("now", utc(clock.instant()))
                        .param("id", challengeId)
                        .update()
                == 1;
    }
}
