package io.lyceum.billing.payments;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.billing.payments.PaymentAttempts.Attempt;
import io.lyceum.billing.payments.PaymentAttempts.AttemptStatus;
import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.provider.PaymentProvider.PaymentRequest;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayment;
import io.lyceum.billing.provider.ProviderException;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.StateChange;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checkout: takes an order's money with one payment attempt at the provider, without holding a database connection or
 * lock while the provider works. The attempt is recorded ({@code STARTED}) under the order's row lock and committed
 * first; one live attempt per order is PostgreSQL's rule (a partial unique index), so two checkouts of one order
 * (double clicks, two tabs, a retry with a new idempotency key) charge once: the second waits for the first's outcome.
 * Each attempt's idempotency key at the provider is derived from the order and the attempt's number and stored with
 * it, so asking again after a crash gets the same payment intent back, not a second charge. The provider's answer is
 * applied by {@link PaymentOutcomes} in a second short transaction, the same path its webhooks and the recovery job
 * ({@link PaymentRecovery}) take.
 */
@Service
public class Checkout {

    /** How long a checkout waits for the outcome of another request's attempt of the same order (Stripe's timeout). */
    private static final Duration AWAIT_OTHER_ATTEMPT = Duration.ofSeconds(35);

    private static final Duration AWAIT_POLL = Duration.ofMillis(100);

    /** After this long a started attempt's request may be gone; a waiting checkout asks the provider about it. */
    private static final Duration TAKE_OVER_AFTER = Duration.ofSeconds(2);

    /** What a payer and the parties of an order see of its payment. */
    public record PaymentStatus(
            UUID orderId,
            OrderKind kind,
            UUID referenceId,
            String description,
            OrderStatus status,
            Money amount,
            Money refunded,
            @Nullable NextAction nextAction,
            @Nullable Failure failure,
            @Nullable Instant paidAt,
            @Nullable Instant expiresAt,
            Instant createdAt) {}

    /** What the payer must do next: open {@code url} to authenticate (3-D Secure). */
    record NextAction(String type, String url) {}

    /** Why the last attempt failed, in the provider's words. */
    record Failure(String code, @Nullable String message) {}

    private final Orders orders;
    private final OrderStore store;
    private final Refunds refunds;
    private final PaymentAttempts attempts;
    private final PaymentOutcomes outcomes;
    private final BookingOrders bookingOrders;
    private final PaymentProvider provider;
    private final PaymentMethods paymentMethods;
    private final AccountsApi accounts;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Checkout(
            Orders orders,
            OrderStore store,
            Refunds refunds,
            PaymentAttempts attempts,
            PaymentOutcomes outcomes,
            BookingOrders bookingOrders,
            PaymentProvider provider,
            PaymentMethods paymentMethods,
            AccountsApi accounts,
            TransactionTemplate transactions,
            Clock clock) {
        this.orders = orders;
        this.store = store;
        this.refunds = refunds;
        this.attempts = attempts;
        this.outcomes = outcomes;
        this.bookingOrders = bookingOrders;
        this.provider = provider;
        this.paymentMethods = paymentMethods;
        this.accounts = accounts;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Pays an order (or the order of the booking, package, enrollment or invoice with this id) with a payment method.
     * An order already paid answers its status without charging again; an order with an attempt under way (another
     * tab, a double click) answers that attempt's outcome once it is known.
     *
     * <p>Three steps, none holding a connection while the provider works: a short transaction records the attempt
     * ({@code STARTED}, with its idempotency key) under the order's row lock and commits; the provider is called; a
     * second short transaction applies its answer through {@link PaymentOutcomes}, as webhooks do.
     *
     * @throws LyceumException 402 {@code payment.declined} with the provider's reason when the card is declined (the
     *     order stays payable with another card)
     */
    public PaymentStatus pay(CurrentUser user, UUID id, String paymentMethodId, @Nullable String returnUrl) {
        Started started = transactions.execute(tx -> start(user, id, paymentMethodId));
        Attempt attempt = started.attempt();
        PaymentMethods.Resolved method = started.method();
        if (attempt == null || method == null) {
            PaymentStatus status = started.status() != null
                    ? started.status()
                    : awaitOutcome(user, id, started.orderId(), paymentMethodId, returnUrl);
            return answer(status);
        }
        Orders.Actor actor = new Orders.Actor(user.userId().value(), user.role().name());
        ProviderPayment payment = create(started.order(), attempt, method, returnUrl);
        PaymentStatus applied;
        try {
            applied = transactions.execute(tx -> {
                outcomes.apply(started.order().id(), payment, actor);
                return view(orders.find(started.order().id()).orElseThrow());
            });
        } catch (RuntimeException e) {
            // the answer could not be applied (refused, or the database failed): the attempt must not stay live, or
            // the order could not be paid again; the webhook or the recovery job applies the intent if it can be
            transactions.executeWithoutResult(tx -> attempts.close(
                    attempt.id(), AttemptStatus.UNKNOWN, "not_applied", e.getMessage(), clock.instant()));
            throw e;
        }
        return answer(applied);
    }

    /** What the first transaction decided: an attempt to make, or an answer already (status, or wait for orderId). */
    private record Started(
            Order order,
            @Nullable Attempt attempt,
            PaymentMethods.@Nullable Resolved method,
            UUID orderId,
            @Nullable PaymentStatus status) {}

    private Started start(CurrentUser user, UUID id, String paymentMethodId) {
        Order order = orders.lock(payable(user, id).id());
        if (order.status() == OrderStatus.CANCELLED) {
            throw LyceumException.conflict("order.not_payable", "This order was cancelled and cannot be paid.");
        }
        if (order.status() != OrderStatus.OPEN) {
            return new Started(order, null, null, order.id(), view(order)); // paid, or a payment is under way
        }
        if (order.expiresAt() != null && !clock.instant().isBefore(order.expiresAt())) {
            throw LyceumException.conflict("order.expired", "The time to pay this order has run out.");
        }
        PaymentMethods.Resolved method = paymentMethods.resolve(user, paymentMethodId);
        String key = "checkout:" + TenantContext.require().value() + ":" + order.id() + ":"
                + (attempts.count(order.id()) + 1);
        Optional<Attempt> attempt = attempts.start(
                order.id(), provider.name(), key, order.amount(), method.providerMethodId(), clock.instant());
        // no attempt: another checkout of this order has one started; its outcome is this one's answer
        return attempt.map(a -> new Started(order, a, method, order.id(), null))
                .orElseGet(() -> new Started(order, null, null, order.id(), null));
    }

    /**
     * Waits, holding no connection, until the order's attempt started by another request has an outcome, and answers
     * it. An attempt still {@code STARTED} after {@link #TAKE_OVER_AFTER} may belong to a request that died (a crash,
     * a killed instance): the provider is asked for its intent, which is applied if there is one; once no call for it
     * can still be in flight ({@link PaymentProvider#longestCall}) and the provider has none, the attempt is closed
     * {@code ABANDONED} and this checkout starts a new one.
     */
    private PaymentStatus awaitOutcome(
            CurrentUser user, UUID id, UUID orderId, String paymentMethodId, @Nullable String returnUrl) {
        long deadline = System.nanoTime() + AWAIT_OTHER_ATTEMPT.toNanos();
        while (true) {
            Optional<Attempt> started = attempts.live(orderId).filter(a -> a.status() == AttemptStatus.STARTED);
            if (started.isEmpty()) {
                return transactions.execute(tx -> view(orders.find(orderId).orElseThrow()));
            }
            Attempt attempt = started.get();
            Duration age = Duration.between(attempt.createdAt(), clock.instant());
            if (age.compareTo(TAKE_OVER_AFTER) > 0) {
                Optional<ProviderPayment> intent = intentOf(attempt);
                if (intent.isPresent()) {
                    Orders.Actor actor =
                            new Orders.Actor(user.userId().value(), user.role().name());
                    return transactions.execute(tx -> {
                        outcomes.apply(orderId, intent.get(), actor);
                        return view(orders.find(orderId).orElseThrow());
                    });
                }
                if (age.compareTo(provider.longestCall()) > 0) {
                    transactions.executeWithoutResult(tx -> attempts.close(
                            attempt.id(),
                            AttemptStatus.ABANDONED,
                            "no_intent",
                            "The provider made no payment for this attempt.",
                            clock.instant()));
                    return pay(user, id, paymentMethodId, returnUrl);
                }
            }
            if (System.nanoTime() > deadline) {
                throw LyceumException.conflict(
                        "payment.in_progress", "A payment of this order is under way; ask for its status shortly.");
            }
            try {
                Thread.sleep(AWAIT_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Optional<ProviderPayment> intentOf(Attempt attempt) {
        try {
            return provider.findPaymentOfAttempt(attempt.id().toString());
        } catch (ProviderException e) {
            return Optional.empty(); // ask again on the next poll
        }
    }

    private static PaymentStatus answer(PaymentStatus status) {
        if (status.status() == OrderStatus.OPEN && status.failure() != null) {
            throw declined(status.failure());
        }
        return status;
    }

    /** The payment status of an order, for its payer, the student, a guardian of the student, the tutor and staff. */
    PaymentStatus status(CurrentUser user, UUID id) {
        return transactions.execute(tx -> {
            Order order = resolve(id).orElseThrow(Orders::notFound);
            if (!mayView(user, order)) {
                throw Orders.notFound();
            }
            return view(order);
        });
    }

    /** An order with its history and refunds, for the same people who may see its status. */
    record OrderDetail(PaymentStatus payment, List<StateChange> history, List<Refunds.Refund> refunds) {}

    /** The provider's reason for refusing, or its code when it gave none. */
    private static String refusal(ProviderException e) {
        return e.getMessage() == null ? e.code() : e.getMessage();
    }

    private static StateChange stateChange(OrderStore.HistoryEntry e) {
        return new StateChange(
                StateChange.name(e.from()),
                e.to().name(),
                e.at(),
                e.actorId(),
                e.actorRole(),
                e.reason(),
                e.details() == null || e.details().isEmpty() ? null : e.details());
    }

    OrderDetail detail(CurrentUser user, UUID id) {
        return transactions.execute(tx -> {
            Order order = resolve(id).orElseThrow(Orders::notFound);
            if (!mayView(user, order)) {
                throw Orders.notFound();
            }
            return new OrderDetail(
                    view(order),
                    orders.history(order.id()).stream()
                            .map(Checkout::stateChange)
                            .toList(),
                    refunds.forOrder(order.id()));
        });
    }

    /** The orders the caller pays, newest first. */
    PageResponse<PaymentStatus> mine(CurrentUser user, PageQuery page) {
        return transactions.execute(tx -> PageResponse.of(
                store.pageForPayer(user.userId().value(), page).stream()
                        .map(this::view)
                        .toList(),
                page,
                store.countForPayer(user.userId().value())));
    }

    /**
     * Asks the provider for the attempt's intent, with no transaction open. When the provider makes no intent the
     * attempt is closed in a short transaction of its own: {@code ABANDONED} when it refused, {@code UNKNOWN} when it
     * could not be reached (it may have made one: its webhook or the recovery job finds out).
     */
    private ProviderPayment create(
            Order order, Attempt attempt, PaymentMethods.Resolved method, @Nullable String returnUrl) {
        String tenant = TenantContext.require().value().toString();
        try {
            return provider.createPayment(new PaymentRequest(
                    order.amount(),
                    method.customerId(),
                    method.providerMethodId(),
                    order.description(),
                    Map.of(
                            "tenantId", tenant,
                            "orderId", order.id().toString(),
                            "attemptId", attempt.id().toString(),
                            "kind", order.kind().name(),
                            "referenceId", order.referenceId().toString()),
                    returnUrl,
                    // start() gives every checkout attempt its key; only rows older than the column lack one
                    Objects.requireNonNull(attempt.idempotencyKey())));
        } catch (ProviderException e) {
            AttemptStatus closed = e.retryable() ? AttemptStatus.UNKNOWN : AttemptStatus.ABANDONED;
            transactions.executeWithoutResult(
                    tx -> attempts.close(attempt.id(), closed, e.code(), e.getMessage(), clock.instant()));
            if (e.retryable()) {
                throw new LyceumException(
                        ErrorKind.UNAVAILABLE,
                        "payment.provider_unavailable",
                        "The payment provider could not be reached; nothing was charged. Try again shortly.");
            }
            if (e.code().equals("amount_too_large") || e.code().equals("amount_too_small")) {
                // the provider's own refusal of the amount, under its code (nothing was charged)
                throw LyceumException.invalid(
                        "payment." + e.code(), refusal(e), List.of(new FieldError("amount", refusal(e))));
            }
            throw LyceumException.invalid(
                    "payment.invalid_payment_method", refusal(e), List.of(new FieldError("paymentMethodId", e.code())));
        } catch (RuntimeException e) {
            transactions.executeWithoutResult(tx -> attempts.close(
                    attempt.id(), AttemptStatus.UNKNOWN, "provider_error", e.getMessage(), clock.instant()));
            throw e;
        }
    }

    /**
     * The order the caller may pay: its payer's, or a linked guardian's of its student (parents pay). Someone who may
     * see it but not pay it (its student when a guardian pays, its tutor, staff) gets 403 {@code order.not_payer};
     * anyone else 404.
     */
    private Order payable(CurrentUser user, UUID id) {
        Order order = resolve(id).orElseThrow(Orders::notFound);
        boolean pays = order.payerId().equals(user.userId().value())
                || (order.studentId() != null
                        && user.role() == io.lyceum.accounts.Role.GUARDIAN
                        && accounts.mayActFor(user.userId(), UserId.of(order.studentId())));
        if (!pays) {
            if (mayView(user, order)) {
                throw LyceumException.forbidden("order.not_payer", "Only the payer of this order pays it.");
            }
            throw Orders.notFound();
        }
        return order;
    }

    /** The order with this id, or the order of the thing with this id (opening a booking's order if due). */
    private Optional<Order> resolve(UUID id) {
        return orders.findByIdOrReference(id).or(() -> bookingOrders.ensureOrder(id, null));
    }

    private boolean mayView(CurrentUser user, Order order) {
        UUID me = user.userId().value();
        return user.isStaff()
                || me.equals(order.payerId())
                || me.equals(order.studentId())
                || me.equals(order.tutorId())
                || (order.studentId() != null && accounts.mayActFor(UserId.of(me), UserId.of(order.studentId())));
    }

    private PaymentStatus view(Order order) {
        Optional<Attempt> latest = attempts.latest(order.id());
        NextAction next = latest.filter(a -> a.status() == AttemptStatus.REQUIRES_ACTION)
                .map(Attempt::nextActionUrl) // empty when the attempt has no url
                .map(url -> new NextAction("redirect_to_url", url))
                .orElse(null);
        Failure failure = order.status() == OrderStatus.OPEN && order.failureCode() != null
                ? new Failure(order.failureCode(), order.failureMessage())
                : null;
        return new PaymentStatus(
                order.id(),
                order.kind(),
                order.referenceId(),
                order.description(),
                order.status(),
                order.amount(),
                order.refunded(),
                next,
                failure,
                order.paidAt(),
                order.expiresAt(),
                order.createdAt());
    }

    private static LyceumException declined(Failure failure) {
        return new DeclinedException(failure);
    }

    /** 402 with the provider's decline code, so clients can tell "insufficient funds" from "lost card". */
    static final class DeclinedException extends LyceumException {

        private final Failure failure;

        DeclinedException(Failure failure) {
            super(
                    ErrorKind.PAYMENT_REQUIRED,
                    "payment.declined",
                    failure.message() == null ? "The payment was declined." : failure.message());
            this.failure = failure;
        }

        @Override
        public Map<String, Object> problemProperties() {
            return failure.code() == null ? Map.of() : Map.of("declineCode", failure.code());
        }
    }
}
