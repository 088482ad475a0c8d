package io.lyceum.accounts;

import io.lyceum.shared.UserId;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The accounts module's read-only figures for dashboards and reports, computed in SQL over the users of the current
 * tenant. Periods are half-open {@code [from, to)} on the registration time; months are calendar months in the zone
 * passed (the tenant's).
 */
public interface AccountsReporting {

    /** Users per role: all of them (erased ones excluded) and the active ones. Every role is listed. */
    List<RoleCount> usersByRole();

    record RoleCount(Role role, long total, long active) {}

    /** Registrations per month and role, oldest first; months and roles without any are left out. */
    List<MonthlySignups> signupsByMonth(Instant from, Instant to, ZoneId zone);

    record MonthlySignups(YearMonth month, Role role, long count) {}

    /** The users of a role registered in the period, oldest first. */
    List<Signup> signups(Instant from, Instant to, Role role);

    /** The latest registrations, newest first. */
    List<Signup> recentSignups(int limit);

    record Signup(UserId userId, Role role, Instant registeredAt) {}

    /** The display names of the users given that exist in this tenant (erased users have their placeholder). */
    Map<UUID, String> displayNames(Collection<UUID> userIds);

    /** Every user registered in the period, oldest first, handed to {@code sink} one by one. */
    void forEachUser(Instant from, Instant to, Consumer<UserRow> sink);

    record UserRow(
            UserId userId,
            String fullName,
            String email,
            Role role,
            String status,
            boolean emailVerified,
            Instant registeredAt) {}
}
