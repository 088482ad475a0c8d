package io.lyceum.accounts;

import io.lyceum.mail.Outbox;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Admin user management within the caller's tenant.
 *
 * <p>Rules: only an OWNER grants or removes the ADMIN and OWNER roles and acts on admin or owner accounts; admins
 * manage STUDENT, TUTOR and GUARDIAN accounts only ({@code admin.insufficient_role}); nobody changes their own role
 * ({@code admin.own_role}); the tenant's last active OWNER cannot be demoted, suspended, banned or deleted
 * ({@code admin.last_owner}). The last rule holds under concurrency: every change locks the tenant's active owner
 * rows before it counts them.
 *
 * <p>Suspending, banning, deleting, changing the role and sending a password reset revoke all the user's sessions in
 * the same transaction; access tokens stop working at once because every request checks its session is live and
 * its user active. Every change publishes {@link AccountAdministered} in its transaction for the audit log.
 */
@Service
class AdminUserService {

    /** Shared with the public password-reset confirmation: codes of this purpose reset a password. */
    static final String PASSWORD_RESET = "PASSWORD_RESET";

    static final Duration PASSWORD_RESET_TTL = Duration.ofMinutes(30);

    private static final Set<UserStatus> SUSPENDABLE = EnumSet.of(UserStatus.ACTIVE, UserStatus.ARCHIVED);
    private static final Set<UserStatus> BANNABLE =
            EnumSet.of(UserStatus.ACTIVE, UserStatus.ARCHIVED, UserStatus.SUSPENDED);
    private static final Set<UserStatus> REINSTATABLE = EnumSet.of(UserStatus.SUSPENDED, UserStatus.BANNED);
    private static final Set<UserStatus> DELETABLE =
            EnumSet.of(UserStatus.ACTIVE, UserStatus.ARCHIVED, UserStatus.SUSPENDED, UserStatus.BANNED);

    private final UserStore users;
    private final AdminUserStore store;
    private final SessionStore sessions;
    private final VerificationCodes codes;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AdminUserService(
            UserStore users,
            AdminUserStore store,
            SessionStore sessions,
            VerificationCodes codes,
            Outbox outbox,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.users = users;
        this.store = store;
        this.sessions = sessions;
        this.codes = codes;
        this.outbox = outbox;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    PageResponse<User> list(AdminUserStore.UserFilter filter, PageQuery page) {
        return store.search(filter, page.requireSortable(AdminUserStore.SORT_COLUMNS.keySet()));
    }

    User get(UUID id) {
        return users.findById(id).orElseThrow(AdminUserService::notFound);
    }

    User updateProfile(
            CurrentUser actor, UUID id, @Nullable String fullName, @Nullable String timeZone, @Nullable String locale) {
        String zone = timeZone == null ? null : AuthService.validTimeZone(timeZone);
        return administer(actor, id, target -> {
            requireNotDeleted(target);
            Map<String, Object> before = new LinkedHashMap<>();
            Map<String, Object> after = new LinkedHashMap<>();
            String name = fullName == null ? target.fullName() : fullName.trim();
            String newZone = zone == null ? target.timeZone() : zone;
            String newLocale = locale == null ? target.locale() : locale;
            diff("fullName", target.fullName(), name, before, after);
            diff("timeZone", target.timeZone(), newZone, before, after);
            diff("locale", target.locale(), newLocale, before, after);
            if (!after.isEmpty()) {
                users.updateProfile(target.id(), name, newZone, newLocale);
                publish(actor, AccountAdministered.PROFILE_UPDATED, target, before, after, null);
            }
        });
    }

    User changeRole(CurrentUser actor, UUID id, Role role, @Nullable String reason) {
        if (actor.userId().value().equals(id)) {
            throw LyceumException.forbidden("admin.own_role", "You cannot change your own role.");
        }
        if (actor.role() != Role.OWNER && role.isStaff()) {
            throw insufficientRole();
        }
        return administer(actor, id, role, null, target -> {
            requireNotDeleted(target);
            if (target.role() == role) {
                return;
            }
            store.updateRole(target.id(), role);
            sessions.revokeAll(target.id(), null, "role changed");
            publish(
                    actor,
                    AccountAdministered.ROLE_CHANGED,
                    target,
                    Map.of("role", target.role().name()),
                    Map.of("role", role.name()),
                    reason);
        });
    }

    User suspend(CurrentUser actor, UUID id, String reason) {
        return changeStatus(actor, id, UserStatus.SUSPENDED, SUSPENDABLE, AccountAdministered.SUSPENDED, reason);
    }

    User ban(CurrentUser actor, UUID id, String reason) {
        return changeStatus(actor, id, UserStatus.BANNED, BANNABLE, AccountAdministered.BANNED, reason);
    }

    User reinstate(CurrentUser actor, UUID id, @Nullable String reason) {
        return changeStatus(actor, id, UserStatus.ACTIVE, REINSTATABLE, AccountAdministered.REINSTATED, reason);
    }

    /** Soft delete: the account stays (status DELETED) for the records that point to it, and can no longer sign in. */
    void delete(CurrentUser actor, UUID id, String reason) {
        changeStatus(actor, id, UserStatus.DELETED, DELETABLE, AccountAdministered.DELETED, reason);
    }

    /**
     * Emails the user a code to choose a new password (purpose {@value #PASSWORD_RESET}, valid 30 minutes) and
     * signs them out everywhere. Their current password keeps working until they choose a new one.
     */
    Instant sendPasswordReset(CurrentUser actor, UUID id) {
        Instant[] expiresAt = new Instant[1];
        administer(actor, id, target -> {
            if (target.status() != UserStatus.ACTIVE && target.status() != UserStatus.ARCHIVED) {
                throw LyceumException.conflict(
                        "admin.invalid_transition",
                        "The account is " + target.status().name().toLowerCase()
                                + "; reinstate it before resetting its password.");
            }
            var issued = codes.issue(target.id(), PASSWORD_RESET, PASSWORD_RESET_TTL, target.email(), null, false);
            outbox.email(target.email(), "Reset your Lyceum password", """
                    Hello %s,

                    an administrator asked for your Lyceum password to be reset and signed you out on all devices.

                    Your Lyceum password reset code is %s. It is valid for 30 minutes.

                    Enter it with a new password where you reset your password. If you did not expect this, contact
                    your administrator.
                    """.formatted(target.fullName(), issued.code()));
            sessions.revokeAll(target.id(), null, "password reset by an administrator");
            publish(
                    actor,
                    AccountAdministered.PASSWORD_RESET_SENT,
                    target,
                    Map.of(),
                    Map.of(
                            "sentTo",
                            target.email(),
                            "expiresAt",
                            issued.expiresAt().toString()),
                    null);
            expiresAt[0] = issued.expiresAt();
        });
        return expiresAt[0];
    }

    private User changeStatus(
            CurrentUser actor,
            UUID id,
            UserStatus status,
            Set<UserStatus> allowedFrom,
            String action,
            @Nullable String reason) {
        return administer(actor, id, null, status, target -> {
            if (!allowedFrom.contains(target.status())) {
                throw LyceumException.conflict(
                        "admin.invalid_transition",
                        "The account is " + target.status().name().toLowerCase() + "; it cannot be "
                                + action.substring("USER_".length()).toLowerCase() + " now.");
            }
            users.setStatus(target.id(), status);
            if (status != UserStatus.ACTIVE) {
                sessions.revokeAll(
                        target.id(), null, action.substring("USER_".length()).toLowerCase());
            }
            publish(
                    actor,
                    action,
                    target,
                    Map.of("status", target.status().name()),
                    Map.of("status", status.name()),
                    reason);
        });
    }

    private User administer(CurrentUser actor, UUID id, java.util.function.Consumer<User> change) {
        return administer(actor, id, null, null, change);
    }

    /**
     * Runs a change on one user in a transaction: locks the tenant's active owners, then the user; checks the caller
     * may act on that user; refuses to remove the last active owner; applies the change.
     *
     * @param newRole the role the change gives the user, or null when it keeps it
     * @param newStatus the status the change gives the user, or null when it keeps it
     */
    private User administer(
            CurrentUser actor,
            UUID id,
            @Nullable Role newRole,
            @Nullable UserStatus newStatus,
            java.util.function.Consumer<User> change) {
        return transactions.execute(tx -> {
            List<UUID> activeOwners = store.lockActiveOwners();
            User target = store.lock(id).orElseThrow(AdminUserService::notFound);
            checkMayManage(actor.role(), target);
            boolean removesOwner = target.role() == Role.OWNER
                    && target.status() == UserStatus.ACTIVE
                    && ((newRole != null && newRole != Role.OWNER)
                            || (newStatus != null && newStatus != UserStatus.ACTIVE));
            if (removesOwner
                    && activeOwners.stream()
                                    .filter(owner -> !owner.equals(target.id()))
                                    .count()
                            == 0) {
                throw LyceumException.conflict(
                        "admin.last_owner", "This is the tenant's last active owner: make another user OWNER first.");
            }
            // the token's role may be stale (changed since sign-in): the caller's current role decides too
            User caller = users.findById(actor.userId().value())
                    .filter(u -> u.status() == UserStatus.ACTIVE && u.role().isStaff())
                    .orElseThrow(AdminUserService::insufficientRole);
            checkMayManage(caller.role(), target);
            if (caller.role() != Role.OWNER && newRole != null && newRole.isStaff()) {
                throw insufficientRole();
            }
            change.accept(target);
            return users.findById(id).orElseThrow();
        });
    }

    private static void checkMayManage(Role actorRole, User target) {
        if (actorRole != Role.OWNER && target.role().isStaff()) {
            throw insufficientRole();
        }
    }

    private static void requireNotDeleted(User target) {
        if (target.status() == UserStatus.DELETED) {
            throw LyceumException.conflict("admin.invalid_transition", "The account is deleted.");
        }
    }

    private void publish(
            CurrentUser actor,
            String action,
            User target,
            Map<String, Object> before,
            Map<String, Object> after,
            @Nullable String reason) {
        events.publishEvent(new AccountAdministered(
                TenantContext.require(),
                actor.userId().value(),
                action,
                UserId.of(target.id()),
                before,
                after,
                reason,
                clock.instant(),
                MDC.get("requestId")));
    }

    private static void diff(
            String field, Object current, Object requested, Map<String, Object> before, Map<String, Object> after) {
        if (!requested.equals(current)) {
            before.put(field, current);
            after.put(field, requested);
        }
    }

    static LyceumException notFound() {
        return LyceumException.notFound("user.not_found", "No such user.");
    }

    static LyceumException insufficientRole() {
        return LyceumException.forbidden(
                "admin.insufficient_role",
                "Only an owner manages admin and owner accounts and grants or removes the ADMIN and OWNER roles.");
    }
}
