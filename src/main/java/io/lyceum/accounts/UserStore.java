package io.lyceum.accounts;

import static io.lyceum.platform.SqlValues.instant;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users of the current tenant (row-level security confines every query to it). */
@Repository
class UserStore {

    static final String COLUMNS = """
            id, tenant_id, email, password_hash, full_name, role, status, email_verified_at, mobile,
            mobile_verified_at, time_zone, locale, display_currency, archived_at, created_at, version""";

    private final JdbcClient jdbc;
    private final Clock clock;

    UserStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    Optional<User> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .param("id", id)
                .query(UserStore::map)
                .optional();
    }

    /** Active users of the current tenant who verified this number (at most two: enough to see it is shared). */
    List<User> findByVerifiedMobile(String mobile) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE mobile = :mobile AND mobile_verified_at IS NOT NULL"
                        + " AND status = 'ACTIVE' ORDER BY id LIMIT 2")
                .param("mobile", mobile)
                .query(UserStore::map)
                .list();
    }

    /** The active admins and owners of the current tenant, oldest first (at most 100: a tenant's staff). */
    java.util.List<UUID> activeStaff() {
        return jdbc.sql("SELECT id FROM users WHERE role IN ('ADMIN', 'OWNER') AND status = 'ACTIVE' "
                        + "ORDER BY created_at, id LIMIT 100")
                .query(UUID.class)
                .list();
    }

    Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE email_normalized = :email")
                .param("email", normalize(email))
                .query(UserStore::map)
                .optional();
    }

    /** Inserts a new user; false when the email is already taken in this tenant. */
    boolean insert(User user) {
        return jdbc.sql("""
                INSERT INTO users (id, tenant_id, email, email_normalized, password_hash, full_name, role, status,
                                   email_verified_at, time_zone, locale, display_currency, created_at, updated_at)
                VALUES (:id, :tenant, :email, :normalized, :hash, :name, :role, :status, :verified, :tz, :locale,
                        :currency, :now, :now)
                ON CONFLICT (tenant_id, email_normalized) DO NOTHING
                """)
                        .param("id", user.id())
                        .param("tenant", TenantContext.require().value())
                        .param("email", user.email().trim())
                        .param("normalized", normalize(user.email()))
                        .param("hash", user.passwordHash())
                        .param("name", user.fullName())
                        .param("role", user.role().name())
                        .param("status", user.status().name())
                        .param("verified", utc(user.emailVerifiedAt()))
                        .param("tz", user.timeZone())
                        .param("locale", user.locale())
                        .param("currency", user.displayCurrency())
                        .param("now", utc(clock.instant()))
                        .update()
                == 1;
    }

    void updateProfile(UUID id, String fullName, String timeZone, String locale) {
        jdbc.sql("""
                UPDATE users SET full_name = :name, time_zone = :tz, locale = :locale, updated_at = :now,
                                 version = version + 1
                 WHERE id = :id
                """)
                .param("name", fullName)
                .param("tz", timeZone)
                .param("locale", locale)
                .param("now", utc(clock.instant()))
                .param("id", id)
                .update();
    }

    /**
     * The owner's own profile edit in one statement: a null name, zone or locale keeps the stored one, and the display
     * currency changes only when {@code setCurrency} (null: the tenant's default). Nothing is read first, so two edits
     * of different fields at once do not undo each other.
     */
    boolean updateOwnProfile(
            UUID id,
            @Nullable String fullName,
            @Nullable String timeZone,
            @Nullable String locale,
            boolean setCurrency,
            @Nullable String currency) {
        return jdbc.sql("""
                        UPDATE users SET full_name = COALESCE(CAST(:name AS text), full_name),
                                         time_zone = COALESCE(CAST(:tz AS text), time_zone),
                                         locale = COALESCE(CAST(:locale AS text), locale),
                                         display_currency = CASE WHEN :setCurrency THEN CAST(:currency AS char(3))
                                                                 ELSE display_currency END,
                                         updated_at = :now, version = version + 1
                         WHERE id = :id
                        """)
                        .param("name", fullName)
                        .param("tz", timeZone)
                        .param("locale", locale)
                        .param("setCurrency", setCurrency)
                        .param("currency", currency)
                        .param("now", utc(clock.instant()))
                        .param("id", id)
                        .update()
                == 1;
    }

    void updatePassword(UUID id, @Nullable String hash) {
        jdbc.sql("UPDATE users SET password_hash = :hash, updated_at = :now, version = version + 1 WHERE id = :id")
                .param("hash", hash)
                .param("now", utc(clock.instant()))
                .param("id", id)
                .update();
    }

    void markEmailVerified(UUID id) {
        jdbc.sql("""
                UPDATE users SET email_verified_at = coalesce(email_verified_at, :now), updated_at = :now,
                                 version = version + 1
                 WHERE id = :id
                """).param("now", utc(clock.instant())).param("id", id).update();
    }

    void setStatus(UUID id, UserStatus status) {
        jdbc.sql("""
                UPDATE users SET status = :status, updated_at = :now, version = version + 1,
                                 archived_at = CASE WHEN :status = 'ARCHIVED' THEN :now ELSE NULL END
                 WHERE id = :id
                """)
                .param("status", status.name())
                .param("now", utc(clock.instant()))
                .param("id", id)
                .update();
    }

    boolean ownerExists() {
        return jdbc.sql("SELECT count(*) FROM users WHERE role = 'OWNER' AND status = 'ACTIVE'")
                        .query(Long.class)
                        .single()
                > 0;
    }

    static java.time.@Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static User map(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getObject("id", UUID.class),
                new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getString("email"),
                rs.getString("password_hash"),
                rs.getString("full_name"),
                Role.valueOf(rs.getString("role")),
                UserStatus.valueOf(rs.getString("status")),
                instant(rs, "email_verified_at"),
                rs.getString("mobile"),
                instant(rs, "mobile_verified_at"),
                rs.getString("time_zone"),
                rs.getString("locale"),
                rs.getString("display_currency"),
                instant(rs, "archived_at"),
                requiredInstant(rs, "created_at"),
                rs.getLong("version"));
    }
}
