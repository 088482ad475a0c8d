package io.lyceum.accounts;

import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases the personal data of accounts archived more than {@link AccountArchiving#RESTORE_WINDOW} ago: the email
 * becomes {@code erased-<id>@invalid}, the name "Erased user", mobile and password are removed, the avatar file is
 * deleted, sessions, refresh tokens and verification codes are deleted and the status becomes DELETED. Each account
 * is erased in its own transaction, which publishes {@link UserErased} so other modules scrub their data too. Runs
 * tenant by tenant with the tenant bound, as row-level security requires.
 */
@Component
class ArchivedAccountEraser {

    private static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(ArchivedAccountEraser.class);

    private final ErasureStore store;
    private final AvatarStore avatars;
    private final AvatarService avatarFiles;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TenancyApi tenancy;

    ArchivedAccountEraser(
            TenancyApi tenancy,
            ErasureStore store,
            AvatarStore avatars,
            AvatarService avatarFiles,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.tenancy = tenancy;
        this.store = store;
        this.avatars = avatars;
        this.avatarFiles = avatarFiles;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** Erases every account due, in every tenant; returns how many were erased. */
    int eraseExpired() {
        Instant cutoff = clock.instant().minus(AccountArchiving.RESTORE_WINDOW);
        int erased = 0;
        for (TenantId tenant : tenancy.tenantIds()) {
            erased += TenantContext.callAs(tenant, () -> eraseInTenant(tenant, cutoff));
        }
        return erased;
    }

    private int eraseInTenant(TenantId tenant, Instant cutoff) {
        int erased = 0;
        UUID after = null;
        List<UUID> due;
        do {
            due = store.archivedBefore(cutoff, after, BATCH);
            for (UUID userId : due) {
                try {
                    if (erase(tenant, userId, cutoff)) {
                        erased++;
                    }
                } catch (RuntimeException e) {
                    log.error("Could not erase archived account {} of tenant {}", userId, tenant, e);
                }
                after = userId;
            }
        } while (due.size() == BATCH);
        return erased;
    }

    /** Erases one account if it is still due (it may have been restored meanwhile); true if it was erased. */
    boolean erase(TenantId tenant, UUID userId, Instant cutoff) {
        Optional<Optional<String>> outcome = transactions.execute(status -> {
            Optional<String> email = store.lockIfDue(userId, cutoff);
            if (email.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> avatarKey = avatars.delete(userId);
            Instant now = clock.instant();
            store.deleteCredentialsTrail(userId, email.get(), now);
            store.scrubUser(userId, now);
            events.publishEvent(new UserErased(UserId.of(userId), tenant));
            return Optional.of(avatarKey);
        });
        if (outcome.isEmpty()) {
            return false;
        }
        outcome.get().ifPresent(avatarFiles::deleteQuietly); // after commit: a rollback never loses the image
        log.info("Erased the personal data of archived account {} of tenant {}", userId, tenant);
        return true;
    }
}
