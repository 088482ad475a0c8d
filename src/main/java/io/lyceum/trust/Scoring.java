package io.lyceum.trust;

import io.lyceum.catalog.CatalogApi;
import io.lyceum.reviews.ReviewsApi;
import io.lyceum.scheduling.SchedulingApi;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Computes scores from the owning modules' answers (seed 000's {@code CaaSService.calculate_caas}), keeps the queue
 * and drains it: each batch is one transaction that takes subjects off the queue, recalculates them, stores the
 * breakdowns and reports tutors' scores to the catalog. A subject enqueued again while its batch runs waits behind the
 * claimed row and is recalculated by the next pass.
 */
@Service
class Scoring {

    private static final Logger log = LoggerFactory.getLogger(Scoring.class);
    private static final int MAX_BATCHES_PER_TENANT = 50;

    private final TrustStore store;
    private final CatalogApi catalog;
    private final SchedulingApi scheduling;
    private final ReviewsApi reviews;
    private final TenancyApi tenancy;
    private final TrustProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Scoring(
            TrustStore store,
            CatalogApi catalog,
            SchedulingApi scheduling,
            ReviewsApi reviews,
            TenancyApi tenancy,
            TrustProperties properties,
            TransactionTemplate transactions,
            Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.scheduling = scheduling;
        this.reviews = reviews;
        this.tenancy = tenancy;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The subject's score computed now from its inputs, not stored; empty for a tutor without a profile. */
    Optional<Breakdown> compute(SubjectKind kind, UUID subjectId) {
        Instant now = clock.instant();
        return switch (kind) {
            case TUTOR ->
                catalog.tutorProfileFacts(TutorId.of(subjectId))
                        .map(profile -> TutorStrategy.score(
                                new TutorStrategy.Inputs(
                                        profile,
                                        reviews.tutorRatings(TutorId.of(subjectId)),
                                        scheduling.tutorRecord(TutorId.of(subjectId)),
                                        now),
                                properties.tutorWeights()));
            case CLIENT ->
                Optional.of(ClientStrategy.score(
                        new ClientStrategy.Inputs(
                                scheduling.clientRecord(UserId.of(subjectId)),
                                reviews.studentRatings(UserId.of(subjectId))),
                        properties.clientWeights()));
        };
    }

    void enqueue(SubjectKind kind, UUID subjectId, String reason) {
        store.enqueue(kind, subjectId, reason, clock.instant());
    }

    /**
     * Tenure grows with the calendar, not with events: enqueues every scored tutor of every tenant (the daily job);
     * returns how many were enqueued.
     */
    int enqueueScoredTutors() {
        int enqueued = 0;
        for (TenantId tenant : tenancy.tenantIds()) {
            Integer count = TenantContext.callAs(
                    tenant,
                    () -> transactions.execute(
                            status -> store.enqueueStored(SubjectKind.TUTOR, "daily tenure", clock.instant())));
            enqueued += count == null ? 0 : count;
        }
        return enqueued;
    }

    /** What a drain did: subjects recalculated, and what is still queued. */
    record Drained(int recalculated, long remaining) {}

    /** Drains the queue of every tenant that has subjects queued, batch by batch. */
    Drained drainAll() {
        int done = 0;
        long remaining = 0;
        for (TenantId tenant : store.tenantsWithQueuedSubjects()) {
            try {
                Drained drained = TenantContext.callAs(tenant, this::drainTenant);
                done += drained.recalculated();
                remaining += drained.remaining();
            } catch (RuntimeException e) {
                // one tenant's failure must not starve the others; its batch stays queued for the next pass
                log.error("Trust score recalculation failed in tenant {}", tenant, e);
            }
        }
        if (done > 0) {
            log.info("Recalculated {} trust scores", done);
        }
        return new Drained(done, remaining);
    }

    private Drained drainTenant() {
        int done = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_TENANT; batch++) {
            Integer count = transactions.execute(status -> {
                List<TrustStore.Queued> claimed = store.claim(properties.batchSize());
                // the tutors' scores go to the catalog together at the end: every tutor's rows, then the tenant's
                // search version once (a batch taking the version after its first tutor deadlocked with a rating)
                java.util.Map<java.util.UUID, BigDecimal> tutorScores = new java.util.HashMap<>();
                Instant now = clock.instant();
                for (TrustStore.Queued subject : claimed) {
                    Optional<Breakdown> breakdown = compute(subject.kind(), subject.subjectId());
                    breakdown.ifPresent(b -> {
                        store.save(subject.kind(), subject.subjectId(), b, now);
                        if (subject.kind() == SubjectKind.TUTOR) {
                            tutorScores.put(subject.subjectId(), BigDecimal.valueOf(b.score()));
                        }
                    });
                }
                if (!tutorScores.isEmpty()) {
                    catalog.recordTutorScores(tutorScores);
                }
                return claimed.size();
            });
            done += count == null ? 0 : count;
            if (count == null || count < properties.batchSize()) {
                break;
            }
        }
        Long left = transactions.execute(status -> store.queued());
        return new Drained(done, left == null ? 0 : left);
    }
}
