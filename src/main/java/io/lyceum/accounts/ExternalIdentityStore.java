package io.lyceum.accounts;

import static io.lyceum.accounts.UserStore.utc;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Links between accounts and external sign-in identities (a provider and its subject) in the current tenant. */
@Repository
class ExternalIdentityStore {

    static final String GOOGLE = "GOOGLE";

    private final JdbcClient jdbc;
    private final Clock clock;

    ExternalIdentityStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record ExternalIdentity(UUID userId, String provider, String subject, String email, Instant linkedAt) {}

    Optional<ExternalIdentity> findBySubject(String provider, String subject) {
        return jdbc.sql("""
                SELECT user_id, provider, subject, email, linked_at FROM external_identities
                 WHERE provider = :provider AND subject = :subject
                """)
                .param("provider", provider)
                .param("subject", subject)
                .query(ExternalIdentityStore::map)
                .optional();
    }

    Optional<ExternalIdentity> findByUser(UUID userId, String provider) {
        return jdbc.sql("""
                SELECT user_id, provider, subject, email, linked_at FROM external_identities
                 WHERE user_id = :user AND provider = :provider
                """)
                .param("user", userId)
                .param("provider", provider)
                .query(ExternalIdentityStore::map)
                .optional();
    }

    /** Links; false when the subject is already linked or the user already has an identity of this provider. */
    boolean insert(UUID userId, String provider, String subject, String email) {
        return jdbc.sql("""
                INSERT INTO external_identities (id, tenant_id, user_id, provider, subject, email, linked_at)
                VALUES (:id, :tenant, :user, :provider, :subject, :email, :now)
                ON CONFLICT DO NOTHING
                """)
                        .param("id", Ids.newId())
                        .param("tenant", TenantContext.require().value())
                        .param("user", userId)
                        .param("provider", provider)
                        .param("subject", subject)
                        .param("email", email)
                        .param("now", utc(clock.instant()))
                        .update()
                == 1;
    }

    /** Keeps the email the provider last reported. */
    void updateEmail(UUID userId, String provider, String email) {
        jdbc.sql("""
                UPDATE external_identities SET email = :email
                 WHERE user_id = :user AND provider = :provider AND email IS DISTINCT FROM :email
                """)
                .param("email", email)
                .param("user", userId)
                .param("provider", provider)
                .update();
    }

    boolean delete(UUID userId, String provider) {
        return jdbc.sql("DELETE FROM external_identities WHERE user_id = :user AND provider = :provider")
                        .param("user", userId)
                        .param("provider", provider)
                        .update()
                == 1;
    }

    private static ExternalIdentity map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ExternalIdentity(
                rs.getObject("user_id", UUID.class),
                rs.getString("provider"),
                rs.getString("subject"),
                rs.getString("email"),
                requiredInstant(rs, "linked_at"));
    }
}
