package io.lyceum.billing.offers;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.lyceum.billing.PackageCreditsExpiring;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Billing's package and enrollment jobs (db-scheduler, one instance runs each due execution): the daily warning and
 * expiry of package credits, and the cleanup of enrollments left unpaid past their payment window. Each asks which
 * tenants have such packages or enrollments due and goes through those with the tenant bound; expiry claims packages
 * with {@code FOR UPDATE SKIP LOCKED}, the cleanup cancels each enrollment through its order's row lock, so running
 * either twice at once handles nothing twice.
 */
@Configuration(proxyBeanMethods = false)
class PackageAndEnrollmentJobs {

    static final String CREDIT_EXPIRY = "package-credit-expiry";
    static final String ENROLLMENT_CLEANUP = "enrollment-payment-cleanup";
    private static final Logger log = LoggerFactory.getLogger(PackageAndEnrollmentJobs.class);
    private static final int BATCH = 100;

    @Bean
    RecurringTask<Void> packageCreditExpiry(Sweeps sweeps, PackageProperties properties) {
        // the warning first: a package whose credits expire today is warned (if it never was) before it expires
        return Tasks.recurring(CREDIT_EXPIRY, Schedules.daily(ZoneOffset.UTC, LocalTime.parse(properties.expiryTime())))
                .execute((instance, context) -> {
                    sweeps.warnExpiringCredits();
                    sweeps.expireCredits();
                });
    }

    @Bean
    RecurringTask<Void> enrollmentPaymentCleanup(Sweeps sweeps, EnrollmentProperties properties) {
        return Tasks.recurring(ENROLLMENT_CLEANUP, Schedules.fixedDelay(properties.cleanupInterval()))
                .execute((instance, context) -> sweeps.cancelUnpaidEnrollments());
    }

    /** The jobs' work, callable from tests. */
    @Component
    static class Sweeps {

        private final PackageStore packageStore;
        private final EnrollmentStore enrollmentStore;
        private final Packages packages;
        private final Enrollments enrollments;
        private final TransactionTemplate transactions;
        private final PackageProperties properties;
        private final ApplicationEventPublisher events;
        private final Clock clock;

        Sweeps(
                PackageStore packageStore,
                EnrollmentStore enrollmentStore,
                Packages packages,
                Enrollments enrollments,
                TransactionTemplate transactions,
                PackageProperties properties,
                ApplicationEventPublisher events,
                Clock clock) {
            this.packageStore = packageStore;
            this.enrollmentStore = enrollmentStore;
            this.packages = packages;
            this.enrollments = enrollments;
            this.transactions = transactions;
            this.properties = properties;
            this.events = events;
            this.clock = clock;
        }

        /**
         * Active packages whose unused credits expire within the warning period: {@link PackageCreditsExpiring} once
         * each (the row is marked in the transaction that publishes, and claimed with {@code SKIP LOCKED}).
         */
        int warnExpiringCredits() {
            return inEachTenant(
                    packageStore.tenantsWithExpiringPackages(clock.instant(), properties.expiryWarning()),
                    "Package credit expiry warning",
                    () -> inBatches(now -> {
                        List<PackageStore.Pack> due = packages.claimExpiring(now, properties.expiryWarning(), BATCH);
                        for (PackageStore.Pack pack : due) {
                            packages.markExpiryWarned(pack, now);
                            events.publishEvent(new PackageCreditsExpiring(
                                    TenantContext.require(),
                                    pack.id(),
                                    TutorId.of(pack.tutorId()),
                                    UserId.of(pack.studentId()),
                                    pack.buyerId(),
                                    pack.creditsLeft(),
                                    // claimed by its expires_at: an active package's credits expire
                                    Objects.requireNonNull(pack.expiresAt()),
                                    now));
                        }
                        return due.size();
                    }));
        }

        int expireCredits() {
            int expired = inEachTenant(
                    packageStore.tenantsWithExpiringPackages(clock.instant(), Duration.ZERO),
                    "Package credit expiry",
                    () -> inBatches(now -> {
                        List<PackageStore.Pack> due = packages.claimExpired(now, BATCH);
                        due.forEach(p -> packages.expire(p, now));
                        return due.size();
                    }));
            if (expired > 0) {
                log.info("Expired {} packages", expired);
            }
            return expired;
        }

        int cancelUnpaidEnrollments() {
            int cancelled = inEachTenant(
                    enrollmentStore.tenantsWithOverdueEnrollments(clock.instant()),
                    "Enrollment payment cleanup",
                    enrollments::cancelOverdue);
            if (cancelled > 0) {
                log.info("Cancelled {} unpaid enrollments", cancelled);
            }
            return cancelled;
        }

        /** Runs {@code work} with each tenant bound in turn; one tenant failing does not stop the others. */
        private static int inEachTenant(List<TenantId> tenants, String job, Supplier<Integer> work) {
            int done = 0;
            for (TenantId tenant : tenants) {
                try {
                    done += TenantContext.callAs(tenant, work);
                } catch (RuntimeException e) {
                    log.error("{} failed in tenant {}", job, tenant, e);
                }
            }
            return done;
        }

        /**
         * Claims and handles rows {@link #BATCH} at a time, each batch in its own transaction at its own now, until a
         * batch comes back short.
         */
        private int inBatches(Function<Instant, Integer> batch) {
            int count = 0;
            while (true) {
                Integer handled = transactions.execute(s -> batch.apply(clock.instant()));
                count += handled == null ? 0 : handled;
                if (handled == null || handled < BATCH) {
                    return count;
                }
            }
        }
    }
}
