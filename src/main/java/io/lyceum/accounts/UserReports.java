package io.lyceum.accounts;

import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link AccountsReporting} over the users table (one aggregate query per figure). */
@Component
class UserReports implements AccountsReporting {

    private final JdbcClient jdbc;

    UserReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<RoleCount> usersByRole() {
        Map<Role, RoleCount> counts = new EnumMap<>(Role.class);
        jdbc.sql("""
                        SELECT role, count(*) AS total, count(*) FILTER (WHERE status = :active) AS active
                        FROM users
                        WHERE tenant_id = :t AND status <> :deleted
                        GROUP BY role
                        """)
                .param("t", TenantContext.require().value())
                .param("active", UserStatus.ACTIVE.name())
                .param("deleted", UserStatus.DELETED.name())
                .query(rs -> {
                    Role role = Role.valueOf(rs.getString("role"));
                    counts.put(role, new RoleCount(role, rs.getLong("total"), rs.getLong("active")));
                });
        return Arrays.stream(Role.values())
                .map(role -> counts.getOrDefault(role, new RoleCount(role, 0, 0)))
                .toList();
    }

    @Override
    public List<MonthlySignups> signupsByMonth(Instant from, Instant to, ZoneId zone) {
        return jdbc.sql("""
                        SELECT to_char(created_at AT TIME ZONE :zone, 'YYYY-MM') AS month, role, count(*) AS n
                        FROM users
                        WHERE tenant_id = :t AND created_at >= :from AND created_at < :to
                        GROUP BY 1, 2 ORDER BY 1, 2
                        """)
                .param("zone", zone.getId())
                .param("t", TenantContext.require().value())
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, n) -> new MonthlySignups(
                        YearMonth.parse(rs.getString("month")), Role.valueOf(rs.getString("role")), rs.getLong("n")))
                .list();
    }

    @Override
    public List<Signup> signups(Instant from, Instant to, Role role) {
        return jdbc.sql("""
                        SELECT id, role, created_at FROM users
                        WHERE tenant_id = :t AND role = :role AND created_at >= :from AND created_at < :to
                        ORDER BY created_at, id
                        """)
                .param("t", TenantContext.require().value())
                .param("role", role.name())
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, n) -> signup(rs))
                .list();
    }

    @Override
    public List<Signup> recentSignups(int limit) {
        return jdbc.sql("""
                        SELECT id, role, created_at FROM users
                        WHERE tenant_id = :t
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit
                        """)
                .param("t", TenantContext.require().value())
                .param("limit", limit)
                .query((rs, n) -> signup(rs))
                .list();
    }

    @Override
    public Map<UUID, String> displayNames(Collection<UUID> userIds) {
        Map<UUID, String> names = new HashMap<>();
        if (userIds.isEmpty()) {
            return names;
        }
        jdbc.sql("SELECT id, full_name FROM users WHERE tenant_id = :t AND id = ANY(:ids)")
                .param("t", TenantContext.require().value())
                .param("ids", userIds.toArray(UUID[]::new))
                .query(rs -> {
                    names.put(rs.getObject("id", UUID.class), rs.getString("full_name"));
                });
        return names;
    }

    @Override
    public void forEachUser(Instant from, Instant to, Consumer<UserRow> sink) {
        jdbc.sql("""
                        SELECT id, full_name, email, role, status, email_verified_at IS NOT NULL AS verified,
                               created_at
                        FROM users
                        WHERE tenant_id = :t AND created_at >= :from AND created_at < :to
                        ORDER BY created_at, id
                        """)
                .param("t", TenantContext.require().value())
                .param("from", utc(from))
                .param("to", utc(to))
                .withFetchSize(1000) // streamed inside the caller's transaction
                .query(rs -> {
                    sink.accept(new UserRow(
                            UserId.of(rs.getObject("id", UUID.class)),
                            rs.getString("full_name"),
                            rs.getString("email"),
                            Role.valueOf(rs.getString("role")),
                            rs.getString("status"),
                            rs.getBoolean("verified"),
                            rs.getTimestamp("created_at").toInstant()));
                });
    }

    private static Signup signup(ResultSet rs) throws SQLException {
        return new Signup(
                UserId.of(rs.getObject("id", UUID.class)),
                Role.valueOf(rs.getString("role")),
                rs.getTimestamp("created_at").toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
