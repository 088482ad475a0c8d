package io.lyceum.catalog;

import io.lyceum.accounts.AccountAdministered;
import java.util.Objects;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A banned tutor's public profile disappears (APPROVED → SUSPENDED, audited like an admin's suspension). Runs after
 * the ban commits, on the event publication registry: retried until done, and idempotent (a profile already hidden
 * is left alone).
 */
@Component
class BannedTutorProfiles {

    private final TutorProfiles profiles;

    BannedTutorProfiles(TutorProfiles profiles) {
        this.profiles = profiles;
    }

    @ApplicationModuleListener
    void on(AccountAdministered event) {
        if (!AccountAdministered.BANNED.equals(event.action())) {
            return;
        }
        profiles.hideBy(
                // a ban is always an admin's action (only the owner created with a tenant has no actor)
                Objects.requireNonNull(event.actorId()),
                event.subjectUserId().value(),
                event.reason() == null ? "account banned" : "account banned: " + event.reason());
    }
}
