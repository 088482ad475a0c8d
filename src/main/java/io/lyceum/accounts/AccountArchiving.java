package io.lyceum.accounts;

import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closing one's own account. Archiving signs out every session at once; signing in again within
 * {@link #RESTORE_WINDOW} restores the account, after that {@link ArchivedAccountEraser} erases its personal data.
 */
@Service
class AccountArchiving {

    static final Duration RESTORE_WINDOW = Duration.ofDays(30);
    static final String CONFIRMATION = "ARCHIVE MY ACCOUNT";

    private final UserStore users;
    private final SessionStore sessions;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    AccountArchiving(
            UserStore users,
            SessionStore sessions,
            PasswordEncoder passwords,
            LoginThrottle throttle,
            JdbcClient jdbc,
            TransactionTemplate transactions) {
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.throttle = throttle;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** When an account archived at {@code archivedAt} can no longer be restored. */
    static Instant restorableUntil(Instant archivedAt) {
        return archivedAt.plus(RESTORE_WINDOW);
    }

    /**
     * Archives the caller's account after checking the typed confirmation and, when the account has one, the password.
     * Wrong passwords count towards the sign-in slow-down of the account.
     */
    User archive(CurrentUser current, @Nullable String password, String confirmation) {
        if (!CONFIRMATION.equals(confirmation)) {
            throw LyceumException.invalid(
                    "account.confirmation_mismatch",
                    "Type ARCHIVE MY ACCOUNT to confirm.",
                    List.of(new FieldError("confirmation", "must be exactly ARCHIVE MY ACCOUNT")));
        }
        User user = users.findById(current.userId().value())
                .orElseThrow(() -> LyceumException.notFound("user.not_found", "No such user."));
        if (user.passwordHash() != null) {
            throttle.checkAllowed(user.email());
            if (password == null || password.isEmpty() || !passwords.matches(password, user.passwordHash())) {
                throttle.recordFailure(user.email());
                throw LyceumException.invalid(
                        "auth.wrong_password",
                        "The password is wrong.",
                        List.of(new FieldError("password", password == null ? "is required" : "is wrong")));
            }
        }
        return transactions.execute(status -> {
            if (user.role() == Role.OWNER) {
                // all owners are locked in one order, so two owners archiving at once cannot both pass this check
                List<UUID> owners = jdbc.sql("""
                                SELECT id FROM users WHERE role = 'OWNER' AND status = 'ACTIVE' ORDER BY id FOR UPDATE
                                """).query(UUID.class).list();
                if (owners.stream().allMatch(id -> id.equals(user.id()))) {
                    throw LyceumException.conflict(
                            "account.last_owner",
                            "You are the tenant's only owner. Make someone else an owner before archiving your "
                                    + "account.");
                }
            }
            users.setStatus(user.id(), UserStatus.ARCHIVED);
            sessions.revokeAll(user.id(), null, "account archived");
            return users.findById(user.id()).orElseThrow();
        });
    }
}
