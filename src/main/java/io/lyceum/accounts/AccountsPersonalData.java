package io.lyceum.accounts;

import static io.lyceum.platform.SqlValues.instant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The accounts module's part of a personal-data export: profile and preferences, avatar metadata, every session
 * (signed-in devices, with IP address and user agent), the history of verification codes sent (where to and when,
 * never the codes) and failed sign-ins. Password and token hashes are never included.
 */
@Component
class AccountsPersonalData implements PersonalDataContributor {

    private final UserStore users;
    private final AvatarStore avatars;
    private final JdbcClient jdbc;

    AccountsPersonalData(UserStore users, AvatarStore avatars, JdbcClient jdbc) {
        this.users = users;
        this.avatars = avatars;
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "accounts";
    }

    @Override
    public Map<String, Object> collect(UUID userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        users.findById(userId).ifPresent(user -> data.put("profile", profile(user)));
        avatars.find(userId).ifPresent(avatar -> data.put("avatar", avatar(avatar)));
        data.put("sessions", sessions(userId));
        data.put("verificationHistory", verificationHistory(userId));
        data.put("signInFailures", signInFailures(userId));
        return data;
    }

    private static Map<String, Object> profile(User user) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", user.id());
        profile.put("email", user.email());
        profile.put("fullName", user.fullName());
        profile.put("role", user.role().name());
        profile.put("status", user.status().name());
        profile.put("emailVerifiedAt", user.emailVerifiedAt());
        profile.put("mobile", user.mobile());
        profile.put("mobileVerifiedAt", user.mobileVerifiedAt());
        profile.put("timeZone", user.timeZone());
        profile.put("language", user.locale());
        profile.put("displayCurrency", user.displayCurrency());
        profile.put("archivedAt", user.archivedAt());
        profile.put("createdAt", user.createdAt());
        return profile;
    }

    private static Map<String, Object> avatar(Avatar avatar) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", avatar.id());
        map.put("url", "/api/v1/users/" + avatar.userId() + "/avatar");
        map.put("contentType", avatar.contentType());
        map.put("size", avatar.sizeBytes());
        map.put("sha256", avatar.sha256());
        map.put("uploadedAt", avatar.createdAt());
        return map;
    }

    private List<Map<String, Object>> sessions(UUID userId) {
        return jdbc.sql("""
                SELECT id, created_at, last_used_at, ip_address, user_agent, revoked_at, revoked_reason
                  FROM user_sessions WHERE user_id = :user ORDER BY created_at
                """)
                .param("user", userId)
                .query((rs, row) -> {
                    Map<String, Object> session = new LinkedHashMap<>();
                    session.put("id", rs.getObject("id", UUID.class));
                    session.put("createdAt", instant(rs, "created_at"));
                    session.put("lastUsedAt", instant(rs, "last_used_at"));
                    session.put("ipAddress", rs.getString("ip_address"));
                    session.put("userAgent", rs.getString("user_agent"));
                    session.put("revokedAt", instant(rs, "revoked_at"));
                    session.put("revokedReason", rs.getString("revoked_reason"));
                    return session;
                })
                .list();
    }

    private List<Map<String, Object>> verificationHistory(UUID userId) {
        return jdbc.sql("""
                SELECT purpose, sent_to, attempts, created_at, expires_at, consumed_at
                  FROM verification_codes WHERE user_id = :user ORDER BY created_at
                """)
                .param("user", userId)
                .query((rs, row) -> {
                    Map<String, Object> code = new LinkedHashMap<>();
                    code.put("purpose", rs.getString("purpose"));
                    code.put("sentTo", rs.getString("sent_to"));
                    code.put("wrongAttempts", rs.getInt("attempts"));
                    code.put("createdAt", instant(rs, "created_at"));
                    code.put("expiresAt", instant(rs, "expires_at"));
                    code.put("consumedAt", instant(rs, "consumed_at"));
                    return code;
                })
                .list();
    }

    private List<Map<String, Object>> signInFailures(UUID userId) {
        return jdbc.sql("""
                SELECT f.failures, f.last_failure_at, f.blocked_until
                  FROM login_failures f JOIN users u ON u.email_normalized = f.email_normalized
                 WHERE u.id = :user
                """)
                .param("user", userId)
                .query((rs, row) -> {
                    Map<String, Object> failures = new LinkedHashMap<>();
                    failures.put("failures", rs.getInt("failures"));
                    failures.put("lastFailureAt", instant(rs, "last_failure_at"));
                    failures.put("blockedUntil", instant(rs, "blocked_until"));
                    return failures;
                })
                .list();
    }
}
