package io.lyceum.accounts;

import static io.lyceum.accounts.UserStore.utc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the erasure of archived accounts. Everything but {@link #tenantIds()} runs in one tenant (RLS). */
@Repository
class ErasureStore {

    private final JdbcClient jdbc;

    ErasureStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Ids of accounts archived before the cutoff, in id order after {@code after} (keyset paging). */
    List<UUID> archivedBefore(Instant cutoff, @Nullable UUID after, int limit) {
        return jdbc.sql("""
                SELECT id FROM users
                 WHERE status = 'ARCHIVED' AND archived_at < :cutoff AND (:after::uuid IS NULL OR id > :after)
                 ORDER BY id LIMIT :limit
                """)
                .param("cutoff", utc(cutoff))
                .param("after", after)
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** Locks the account and returns its normalized email if it is still archived before the cutoff. */
    Optional<String> lockIfDue(UUID userId, Instant cutoff) {
        return jdbc.sql("""
                SELECT email_normalized FROM users
                 WHERE id = :id AND status = 'ARCHIVED' AND archived_at < :cutoff
                   FOR UPDATE
                """)
                .param("id", userId)
                .param("cutoff", utc(cutoff))
                .query(String.class)
                .optional();
    }

    /** Deletes sessions, refresh tokens, verification codes and sign-in failures of the account. */
    void deleteCredentialsTrail(UUID userId, String emailNormalized, Instant now) {
        jdbc.sql("""
                DELETE FROM refresh_tokens
                 WHERE session_id IN (SELECT id FROM user_sessions WHERE user_id = :id)
                """).param("id", userId).update();
        jdbc.sql("DELETE FROM user_sessions WHERE user_id = :id")
                .param("id", userId)
                .update();
        jdbc.sql("DELETE FROM verification_codes WHERE user_id = :id")
                .param("id", userId)
                .update();
        jdbc.sql("DELETE FROM login_failures WHERE email_normalized = :email")
                .param("email", emailNormalized)
                .update();
        // second factors, external sign-in and guardian-link traces are personal data too
        for (String statement : List.of(
                "DELETE FROM recovery_codes WHERE user_id = :id",
                "DELETE FROM two_factor_challenges WHERE user_id = :id",
                "DELETE FROM user_second_factors WHERE user_id = :id",
                "DELETE FROM external_sign_in_states WHERE user_id = :id",
                "DELETE FROM external_identities WHERE user_id = :id",
                "DELETE FROM guardian_pairing_codes WHERE student_id = :id",
                "DELETE FROM guardian_link_code_attempts WHERE user_id = :id",
                "DELETE FROM guardian_link_invitations WHERE guardian_id = :id OR accepted_by = :id")) {
            jdbc.sql(statement).param("id", userId).update();
        }
        jdbc.sql("""
                UPDATE guardian_links SET status = 'REVOKED', revoked_at = :now, revoked_by = :id
                 WHERE (guardian_id = :id OR student_id = :id) AND status <> 'REVOKED'
                """).param("id", userId).param("now", utc(now)).update();
        jdbc.sql("DELETE FROM guardian_link_invitations WHERE student_email_normalized = :email")
                .param("email", emailNormalized)
                .update();
    }

    /** Replaces the personal data on the user row and marks it DELETED; the row stays so references still resolve. */
    void scrubUser(UUID userId, Instant now) {
        jdbc.sql("""
                UPDATE users
                   SET email = 'erased-' || id || '@invalid', email_normalized = 'erased-' || id || '@invalid',
                       full_name = 'Erased user', password_hash = NULL, mobile = NULL, mobile_verified_at = NULL,
                       email_verified_at = NULL, status = 'DELETED', erased_at = :now, updated_at = :now,
                       version = version + 1
                 WHERE id = :id
                """).param("now", utc(now)).param("id", userId).update();
    }
}
