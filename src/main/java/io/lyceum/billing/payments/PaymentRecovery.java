package io.lyceum.billing.payments;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.lyceum.billing.ledger.Withdrawals;
import io.lyceum.billing.payments.PaymentAttempts.Attempt;
import io.lyceum.billing.payments.PaymentAttempts.AttemptStatus;
import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayment;
import io.lyceum.billing.provider.ProviderException;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Repairs what a crash (or an unreachable provider) left between recording a provider call and applying its answer.
 * Checkout, refunds and withdrawals commit their row before asking the provider, so every unanswered call is a row:
 *
 * <ul>
 *   <li>a payment attempt still {@code STARTED} or {@code UNKNOWN}: the provider is asked for the intent made for it
 *       ({@link PaymentProvider#findPaymentOfAttempt}); its state is applied through {@link PaymentOutcomes}, as a
 *       webhook would, or the attempt is closed {@code ABANDONED} when the provider made none;
 *   <li>an intent waiting for the cardholder or the bank with no news for a long time: re-read
 *       ({@link PaymentProvider#retrievePayment}) and applied the same way (a webhook that never came);
 *   <li>a refund or a withdrawal without the provider's id: asked again with the same idempotency key, which returns
 *       the provider's first refund or payout if there was one.
 * </ul>
 *
 * Every step goes through the same idempotent paths as the live request and the webhooks, so the job, a late webhook
 * and a live request may meet in any order. Each provider call runs with no transaction open. The job visits only the
 * tenants that have such a row ({@link #tenantsToRecover}), each with the tenant bound.
 */
@Service
class PaymentRecovery {

    static final String JOB = "billing-payment-recovery";
    private static final Logger log = LoggerFactory.getLogger(PaymentRecovery.class);

    private final PaymentAttempts attempts;
    private final PaymentOutcomes outcomes;
    private final Refunds refunds;
    private final Withdrawals withdrawals;
    private final PaymentProvider provider;
    private final TransactionTemplate transactions;
    private final PaymentRecoveryProperties properties;
    private final Clock clock;

    PaymentRecovery(
            PaymentAttempts attempts,
            PaymentOutcomes outcomes,
            Refunds refunds,
            Withdrawals withdrawals,
            PaymentProvider provider,
            TransactionTemplate transactions,
            PaymentRecoveryProperties properties,
            Clock clock) {
        this.attempts = attempts;
        this.outcomes = outcomes;
        this.refunds = refunds;
        this.withdrawals = withdrawals;
        this.provider = provider;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** What one run did in one tenant. */
    record Recovered(int attempts, int refunds, int withdrawals) {

        int total() {
            return attempts + refunds + withdrawals;
        }
    }

    /** The tenants where a run has something to do now (a superset: each tenant's run decides). */
    List<TenantId> tenantsToRecover() {
        Instant now = clock.instant();
        return attempts.tenantsWithOpenProviderCalls(
                now.minus(properties.startedAfter()), now.minus(properties.underWayAfter()));
    }

    /** One run for the bound tenant. */
    Recovered run() {
        Instant now = clock.instant();
        Instant startedBefore = now.minus(properties.startedAfter());
        int attemptsDone = 0;
        for (Attempt attempt :
                attempts.open(startedBefore, now.minus(properties.underWayAfter()), properties.batch())) {
            try {
                recover(attempt);
                attemptsDone++;
            } catch (ProviderException e) {
                log.warn("Recovering payment attempt {}: the provider answered {}", attempt.id(), e.getMessage());
            }
        }
        int refundsDone = 0;
        for (UUID refund : refunds.unanswered(startedBefore, properties.batch())) {
            refunds.askProvider(refund);
            refundsDone++;
        }
        int withdrawalsDone = 0;
        for (UUID withdrawal : withdrawals.unanswered(startedBefore, properties.batch())) {
            withdrawals.askProvider(withdrawal, false);
            withdrawalsDone++;
        }
        return new Recovered(attemptsDone, refundsDone, withdrawalsDone);
    }

    private void recover(Attempt attempt) {
        Optional<ProviderPayment> payment = attempt.providerPaymentId() != null
                ? Optional.of(provider.retrievePayment(attempt.providerPaymentId()))
                : provider.findPaymentOfAttempt(attempt.id().toString());
        transactions.executeWithoutResult(tx -> {
            Instant now = clock.instant();
            payment.ifPresent(p -> outcomes.apply(attempt.orderId(), p, Orders.Actor.SYSTEM));
            // no intent, or one that could not become this attempt's (another attempt of the order is live)
            attempts.close(
                    attempt.id(),
                    AttemptStatus.ABANDONED,
                    payment.isPresent() ? "superseded" : "no_intent",
                    payment.isPresent()
                            ? "Another attempt of this order was under way."
                            : "The provider made no payment for this attempt.",
                    now);
            attempts.touch(attempt.id(), now);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Job {

        @Bean
        RecurringTask<Void> billingPaymentRecovery(PaymentRecovery recovery, PaymentRecoveryProperties properties) {
            return Tasks.recurring(JOB, Schedules.fixedDelay(properties.interval()))
                    .execute((instance, context) -> {
                        for (TenantId tenant : recovery.tenantsToRecover()) {
                            try {
                                Recovered done = TenantContext.callAs(tenant, recovery::run);
                                if (done.total() > 0) {
                                    log.info("Payment recovery in tenant {}: {}", tenant.value(), done);
                                }
                            } catch (RuntimeException e) {
                                log.error("Payment recovery failed in tenant {}", tenant.value(), e);
                            }
                        }
                    });
        }
    }
}
