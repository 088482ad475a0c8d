package io.lyceum.notifications;

import io.lyceum.tenancy.TenantContext;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Preferences per user and category, and each user's quiet hours and unsubscribe token. */
@Repository
class PreferenceStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    PreferenceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored choices; a category the user never chose is absent. */
    Map<NotificationCategory, CategoryPreference> chosen(UUID userId) {
        Map<NotificationCategory, CategoryPreference> result = new EnumMap<>(NotificationCategory.class);
        jdbc.sql("""
                        SELECT category, in_app, email, sms, voice, digest FROM notification_preferences
                         WHERE user_id = :user
                        """).param("user", userId).query(rs -> {
            NotificationCategory category;
            try {
                category = NotificationCategory.valueOf(rs.getString("category"));
            } catch (IllegalArgumentException retired) {
                return;
            }
            result.put(
                    category,
                    new CategoryPreference(
                            category,
                            rs.getBoolean("in_app"),
                            rs.getBoolean("email"),
                            rs.getBoolean("sms"),
                            rs.getBoolean("voice"),
                            rs.getBoolean("digest")));
        });
        return result;
    }

    Optional<QuietHours> quietHours(UUID userId) {
        return jdbc.sql("""
                        SELECT quiet_start, quiet_end FROM notification_settings
                         WHERE user_id = :user AND quiet_start IS NOT NULL
                        """)
                .param("user", userId)
                .query((rs, row) -> new QuietHours(
                        rs.getObject("quiet_start", LocalTime.class), rs.getObject("quiet_end", LocalTime.class)))
                .optional();
    }

    void save(UUID userId, List<CategoryPreference> preferences, Instant now) {
        for (CategoryPreference p : preferences) {
            jdbc.sql("""
                            INSERT INTO notification_preferences
                                   (tenant_id, user_id, category, in_app, email, sms, voice, digest, updated_at)
                            VALUES (:tenant, :user, :category, :inApp, :email, :sms, :voice, :digest, :now)
                            ON CONFLICT (tenant_id, user_id, category) DO UPDATE
                               SET in_app = excluded.in_app, email = excluded.email, sms = excluded.sms,
                                   voice = excluded.voice, digest = excluded.digest, updated_at = excluded.updated_at
                            """)
                    .param("tenant", TenantContext.require().value())
                    .param("user", userId)
                    .param("category", p.category().name())
                    .param("inApp", p.inApp())
                    .param("email", p.email())
                    .param("sms", p.sms())
                    .param("voice", p.voice())
                    .param("digest", p.digest())
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .update();
        }
    }

    /** Sets (or with null, clears) the quiet hours. */
    void saveQuietHours(UUID userId, @Nullable QuietHours quiet, Instant now) {
        ensureSettings(userId, now);
        jdbc.sql("""
                        UPDATE notification_settings SET quiet_start = :start, quiet_end = :end, updated_at = :now
                         WHERE user_id = :user
                        """)
                .param("start", quiet == null ? null : quiet.start())
                .param("end", quiet == null ? null : quiet.end())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("user", userId)
                .update();
    }

    /** The user's unsubscribe token (made on first use): it stands for them in List-Unsubscribe links. */
    String unsubscribeToken(UUID userId, Instant now) {
        ensureSettings(userId, now);
        return jdbc.sql("SELECT unsubscribe_token FROM notification_settings WHERE user_id = :user")
                .param("user", userId)
                .query(String.class)
                .single();
    }

    Optional<UUID> userOfToken(String token) {
        return jdbc.sql("SELECT user_id FROM notification_settings WHERE unsubscribe_token = :token")
                .param("token", token)
                .query(UUID.class)
                .optional();
    }

    private void ensureSettings(UUID userId, Instant now) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        jdbc.sql("""
                        INSERT INTO notification_settings (tenant_id, user_id, unsubscribe_token, updated_at)
                        VALUES (:tenant, :user, :token, :now) ON CONFLICT (tenant_id, user_id) DO NOTHING
                        """)
                .param("tenant", TenantContext.require().value())
                .param("user", userId)
                .param("token", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }
}
