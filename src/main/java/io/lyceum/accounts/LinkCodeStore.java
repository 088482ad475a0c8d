package io.lyceum.accounts;

import static io.lyceum.accounts.UserStore.utc;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Invitation codes (emailed by a guardian to a student) and pairing codes (handed by a student to a guardian). Codes
 * use an alphabet without look-alike characters (no 0/O, 1/I/L), are compared case-insensitively ignoring spaces and
 * dashes, and are stored only as a SHA-256 hash that includes the tenant, so a code never matches in another tenant.
 */
@Repository
class LinkCodeStore {

    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int PAIRING_CODE_LENGTH = 8;
    static final int INVITATION_CODE_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    record Invitation(UUID id, UUID guardianId, String studentEmailNormalized, Instant expiresAt) {}

    record PairingCode(UUID id, UUID studentId, Instant expiresAt) {}

    private final JdbcClient jdbc;

    LinkCodeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String newCode(int length) {
        var code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    static String normalize(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    static String hash(String kind, String code) {
        return SessionStore.hash(TenantContext.require() + ":" + kind + ":" + normalize(code));
    }

    // ---- invitations

    /** Stores a new invitation (hash only), superseding the guardian's live invitations to the same address. */
    void insertInvitation(UUID guardianId, String emailNormalized, String code, Instant now, Instant expiresAt) {
        jdbc.sql("""
                UPDATE guardian_link_invitations SET consumed_at = :now
                 WHERE tenant_id = :tenant AND guardian_id = :guardian AND student_email_normalized = :email
                   AND consumed_at IS NULL
                """)
                .param("now", utc(now))
                .param("tenant", tenant())
                .param("guardian", guardianId)
                .param("email", emailNormalized)
                .update();
        jdbc.sql("""
                INSERT INTO guardian_link_invitations (id, tenant_id, guardian_id, student_email_normalized, code_hash,
                                                       created_at, expires_at)
                VALUES (:id, :tenant, :guardian, :email, :hash, :now, :expires)
                """)
                .param("id", Ids.newId())
                .param("tenant", tenant())
                .param("guardian", guardianId)
                .param("email", emailNormalized)
                .param("hash", hash("invitation", code))
                .param("now", utc(now))
                .param("expires", utc(expiresAt))
                .update();
    }

    long invitationsSince(UUID guardianId, Instant since) {
        return jdbc.sql("""
                SELECT count(*) FROM guardian_link_invitations
                 WHERE tenant_id = :tenant AND guardian_id = :guardian AND created_at > :since
                """)
                .param("tenant", tenant())
                .param("guardian", guardianId)
                .param("since", utc(since))
                .query(Long.class)
                .single();
    }

    /** The oldest invitation of the guardian after {@code since}: when the daily allowance frees up again. */
    Optional<Instant> oldestInvitationSince(UUID guardianId, Instant since) {
        return jdbc.sql("""
                SELECT min(created_at) AS oldest FROM guardian_link_invitations
                 WHERE tenant_id = :tenant AND guardian_id = :guardian AND created_at > :since
                HAVING min(created_at) IS NOT NULL
                """)
                .param("tenant", tenant())
                .param("guardian", guardianId)
                .param("since", utc(since))
                .query((rs, row) -> requiredInstant(rs, "oldest"))
                .optional();
    }

    /** An unused invitation with this code, locked for the rest of the transaction. */
    Optional<Invitation> lockInvitation(String code) {
        return jdbc.sql("""
                SELECT id, guardian_id, student_email_normalized, expires_at FROM guardian_link_invitations
                 WHERE tenant_id = :tenant AND code_hash = :hash AND consumed_at IS NULL
                   FOR UPDATE
                """)
                .param("tenant", tenant())
                .param("hash", hash("invitation", code))
                .query((rs, row) -> new Invitation(
                        rs.getObject("id", UUID.class),
                        rs.getObject("guardian_id", UUID.class),
                        rs.getString("student_email_normalized"),
                        requiredInstant(rs, "expires_at")))
                .optional();
    }

    void consumeInvitation(UUID id, UUID acceptedBy, Instant now) {
        jdbc.sql("""
                UPDATE guardian_link_invitations SET consumed_at = :now, accepted_by = :by
                 WHERE tenant_id = :tenant AND id = :id
                """)
                .param("now", utc(now))
                .param("by", acceptedBy)
                .param("tenant", tenant())
                .param("id", id)
                .update();
    }

    /** Withdraws every live invitation from a guardian to an address (the student declined, or the link ended). */
    void withdrawInvitations(UUID guardianId, String emailNormalized, Instant now) {
        jdbc.sql("""
                UPDATE guardian_link_invitations SET consumed_at = :now
                 WHERE tenant_id = :tenant AND guardian_id = :guardian AND student_email_normalized = :email
                   AND consumed_at IS NULL
                """)
                .param("now", utc(now))
                .param("tenant", tenant())
                .param("guardian", guardianId)
                .param("email", emailNormalized)
                .update();
    }

    // ---- pairing codes

    /**
     * Stores a new pairing code for a student (hash only), superseding the student's previous code. False in the
     * astronomically rare case that another live code has the same hash; the caller draws a new code.
     */
    boolean insertPairingCode(UUID studentId, String code, Instant now, Instant expiresAt) {
        jdbc.sql("""
                UPDATE guardian_pairing_codes SET consumed_at = :now
                 WHERE tenant_id = :tenant AND student_id = :student AND consumed_at IS NULL
                """)
                .param("now", utc(now))
                .param("tenant", tenant())
                .param("student", studentId)
                .update();
        return jdbc.sql("""
                INSERT INTO guardian_pairing_codes (id, tenant_id, student_id, code_hash, created_at, expires_at)
                VALUES (:id, :tenant, :student, :hash, :now, :expires)
                ON CONFLICT (code_hash) WHERE consumed_at IS NULL DO NOTHING
                """)
                        .param("id", Ids.newId())
                        .param("tenant", tenant())
                        .param("student", studentId)
                        .param("hash", hash("pairing", code))
                        .param("now", utc(now))
                        .param("expires", utc(expiresAt))
                        .update()
                == 1;
    }

    /** An unused pairing code, locked for the rest of the transaction. */
    Optional<PairingCode> lockPairingCode(String code) {
        return jdbc.sql("""
                SELECT id, student_id, expires_at FROM guardian_pairing_codes
                 WHERE tenant_id = :tenant AND code_hash = :hash AND consumed_at IS NULL
                   FOR UPDATE
                """)
                .param("tenant", tenant())
                .param("hash", hash("pairing", code))
                .query((rs, row) -> new PairingCode(
                        rs.getObject("id", UUID.class),
                        rs.getObject("student_id", UUID.class),
                        requiredInstant(rs, "expires_at")))
                .optional();
    }

    void consumePairingCode(UUID id, UUID redeemedBy, Instant now) {
        jdbc.sql("""
                UPDATE guardian_pairing_codes SET consumed_at = :now, redeemed_by = :by
                 WHERE tenant_id = :tenant AND id = :id
                """)
                .param("now", utc(now))
                .param("by", redeemedBy)
                .param("tenant", tenant())
                .param("id", id)
                .update();
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
