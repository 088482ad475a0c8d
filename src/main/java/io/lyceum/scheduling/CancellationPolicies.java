package io.lyceum.scheduling;

import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The effective cancellation and reschedule policies: the configured default, replaced by the tenant's own when its
 * admins set one, with a tutor's non-null overrides on top.
 */
@Service
class CancellationPolicies {

    private final PolicyStore store;
    private final BookingProperties properties;
    private final Clock clock;

    CancellationPolicies(PolicyStore store, BookingProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    CancellationPolicy tenantPolicy() {
        return store.tenantPolicy().orElseGet(() -> properties.defaultPolicy().policy());
    }

    @Transactional(readOnly = true)
    CancellationPolicy effective(UUID tutorId) {
        PolicyStore.Policies both = store.policies(tutorId);
        PolicyStore.Override override = both.tutor();
        return both.tenant()
                .orElseGet(() -> properties.defaultPolicy().policy())
                .with(
                        override.freeCancellationHours(),
                        override.lateFeePercent(),
                        override.rescheduleUntilHours(),
                        override.maxReschedules());
    }

    @Transactional(readOnly = true)
    PolicyStore.Override override(UUID tutorId) {
        return store.tutorOverride(tutorId);
    }

    @Transactional
    CancellationPolicy replaceTenantPolicy(CancellationPolicy policy, UUID adminId) {
        store.saveTenantPolicy(policy, adminId, clock.instant());
        return policy;
    }

    @Transactional
    void replaceTutorOverride(UUID tutorId, PolicyStore.Override override) {
        // validates the combination before storing it
        tenantPolicy()
                .with(
                        override.freeCancellationHours(),
                        override.lateFeePercent(),
                        override.rescheduleUntilHours(),
                        override.maxReschedules());
        store.saveTutorOverride(tutorId, override, clock.instant());
    }
}
