package io.lyceum.billing.offers;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.billing.RefundRequestDecided;
import io.lyceum.billing.ledger.Ledger.Line;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.offers.EnrollmentStore.Enrollment;
import io.lyceum.billing.offers.EnrollmentStore.RefundRequest;
import io.lyceum.billing.offers.EnrollmentStore.Status;
import io.lyceum.billing.payments.Order;
import io.lyceum.billing.payments.Orders;
import io.lyceum.billing.payments.Refunds;
import io.lyceum.scheduling.BookingState;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enrollment refund requests (seed 002) and the admin refund of any order.
 *
 * <p>A student (or their guardian) may ask once per enrollment, and only while exactly one lesson is completed: the
 * request is then approved automatically and refunds the unused lessons pro rata. When the first lesson did not take
 * place as planned (the tutor did not show, or it is disputed) and none is completed, the request is stored PENDING
 * for an admin to approve or reject; any other time is 409 {@code refund.not_eligible}. The enrollment row lock
 * serialises parallel requests and the unique key on the enrollment keeps one.
 */
@Service
class RefundRequests {

    private static final Set<BookingState> FIRST_LESSON_TROUBLE =
            EnumSet.of(BookingState.NO_SHOW_TUTOR, BookingState.DISPUTED);

    enum Decision {
        APPROVE,
        REJECT
    }

    private final EnrollmentStore store;
    private final Enrollments enrollments;
    private final Packages packages;
    private final Orders orders;
    private final Refunds refunds;
    private final BillingParties parties;
    private final AccountsApi accounts;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    RefundRequests(
            EnrollmentStore store,
            Enrollments enrollments,
            Packages packages,
            Orders orders,
            Refunds refunds,
            BillingParties parties,
            AccountsApi accounts,
            TransactionTemplate transactions,
            Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.enrollments = enrollments;
        this.packages = packages;
        this.orders = orders;
        this.refunds = refunds;
        this.parties = parties;
        this.accounts = accounts;
        this.transactions = transactions;
        this.clock = clock;
    }

    static LyceumException notFound() {
        return LyceumException.notFound("refund.not_found", "No such refund request.");
    }

    RefundRequest request(CurrentUser user, UUID enrollmentId, String reason) {
        try {
            return transactions.execute(status -> requestInTransaction(user, enrollmentId, reason));
        } catch (DuplicateKeyException e) {
            throw alreadyRequested();
        }
    }

    private static LyceumException alreadyRequested() {
        return LyceumException.conflict(
                "refund.already_requested", "A refund has already been requested for this enrollment.");
    }

    private RefundRequest requestInTransaction(CurrentUser user, UUID enrollmentId, String reason) {
        Enrollment enrollment = store.lock(enrollmentId).orElseThrow(Enrollments::notFound);
        if (!parties.actsFor(user, enrollment.studentId())) {
            throw Enrollments.notFound();
        }
        if (store.requestOf(enrollmentId).isPresent()) {
            throw alreadyRequested();
        }
        if (enrollment.status() != Status.ACTIVE) {
            throw LyceumException.conflict(
                    Enrollments.REFUND_NOT_ELIGIBLE, "Only an active enrollment can be refunded.");
        }
        List<Enrollments.LessonState> lessons = enrollments.lessonStates(enrollment);
        long completed =
                lessons.stream().filter(l -> Enrollments.completed(l.state())).count();
        boolean firstTroubled = completed == 0
                && !lessons.isEmpty()
                && FIRST_LESSON_TROUBLE.contains(lessons.getFirst().state());
        if (completed != 1 && !firstTroubled) {
            throw LyceumException.conflict(
                    Enrollments.REFUND_NOT_ELIGIBLE,
                    completed == 0
                            ? "A refund can be requested once the first lesson has been completed."
                            : "A refund can no longer be requested: more than one lesson has been completed.");
        }
        Instant now = clock.instant();
        RefundRequest request = new RefundRequest(
                Ids.newId(),
                enrollmentId,
                user.userId().value(),
                completed == 1 ? "AUTO_APPROVED" : "PENDING",
                reason,
                completed == 1,
                Money.zero(enrollment.price().currency()),
                null,
                null,
                null,
                now,
                null);
        store.insertRequest(request);
        if (completed == 1) {
            Enrollments.RefundOutcome outcome =
                    enrollments.refundUnused(enrollment, null, "refund request: " + reason, BillingParties.actor(user));
            store.processRequest(
                    request.id(),
                    "AUTO_APPROVED",
                    outcome.amount(),
                    outcome.refund() == null ? null : outcome.refund().id(),
                    null,
                    null,
                    now);
        } else {
            store.setRefundStatus(enrollmentId, "PENDING_REVIEW", now);
        }
        RefundRequest made = store.request(request.id(), false).orElseThrow();
        if (completed == 1) {
            decided(made, enrollment, user.userId().value(), now);
        }
        return made;
    }

    /** An admin approves (refund pro rata to the unused lessons) or rejects a PENDING request. */
    RefundRequest decide(CurrentUser admin, UUID requestId, Decision decision, String note) {
        return transactions.execute(status -> {
            RefundRequest found = store.request(requestId, false).orElseThrow(RefundRequests::notFound);
            Enrollment enrollment = store.lock(found.enrollmentId()).orElseThrow();
            RefundRequest request = store.request(requestId, true).orElseThrow();
            if (!"PENDING".equals(request.status())) {
                throw LyceumException.conflict(
                        "refund.not_pending",
                        "The request was already " + request.status().toLowerCase() + ".");
            }
            Instant now = clock.instant();
            if (decision == Decision.REJECT) {
                store.processRequest(
                        requestId, "REJECTED", null, null, note, admin.userId().value(), now);
                store.setRefundStatus(enrollment.id(), "INELIGIBLE", now);
            } else {
                Enrollments.RefundOutcome outcome = enrollments.refundUnused(
                        enrollment, null, "refund request approved: " + note, BillingParties.actor(admin));
                store.processRequest(
                        requestId,
                        "APPROVED",
                        outcome.amount(),
                        outcome.refund() == null ? null : outcome.refund().id(),
                        note,
                        admin.userId().value(),
                        now);
            }
            RefundRequest decided = store.request(requestId, false).orElseThrow();
            decided(decided, enrollment, admin.userId().value(), now);
            events.publishEvent(io.lyceum.platform.AdministrativeAction.of(
                    io.lyceum.tenancy.TenantContext.require().value(),
                    admin.userId().value(),
                    decision == Decision.APPROVE ? "REFUND_REQUEST_APPROVED" : "REFUND_REQUEST_REJECTED",
                    "REFUND_REQUEST",
                    requestId,
                    Map.of("status", request.status()),
                    Map.of(
                            "status",
                            decided.status(),
                            "enrollmentId",
                            enrollment.id().toString()),
                    note,
                    now));
            return decided;
        });
    }

    /** Tells the other modules (notifications) of a decision, in its transaction. */
    private void decided(RefundRequest request, Enrollment enrollment, UUID decidedBy, Instant now) {
        events.publishEvent(new RefundRequestDecided(
                io.lyceum.tenancy.TenantContext.require(),
                request.id(),
                enrollment.id(),
                UserId.of(enrollment.studentId()),
                request.requestedBy(),
                request.status(),
                request.amount() == null ? Money.zero(enrollment.price().currency()) : request.amount(),
                request.adminNote(),
                decidedBy,
                now));
    }

    PageResponse<RefundRequest> list(CurrentUser user, @Nullable String status, PageQuery page) {
        String scope;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("me", user.userId().value());
        switch (user.role()) {
            case STUDENT -> scope = "e.student_id = :me";
            case TUTOR -> scope = "e.tutor_id = :me";
            case GUARDIAN -> {
                List<UUID> linked = UserId.valuesOf(accounts.studentsOf(user.userId()));
                if (linked.isEmpty()) {
                    scope = "r.requested_by = :me";
                } else {
                    params.put("linked", linked);
                    scope = "r.requested_by = :me OR e.student_id IN (:linked)";
                }
            }
            default -> scope = "TRUE";
        }
        return store.requests(scope, params, status, page);
    }

    RefundRequest get(CurrentUser user, UUID id) {
        RefundRequest request = store.request(id, false).orElseThrow(RefundRequests::notFound);
        try {
            enrollments.visible(user, request.enrollmentId());
        } catch (LyceumException e) {
            throw notFound();
        }
        return request;
    }

    // ---- the admin refund of any order

    /** What an admin refund did. */
    record AdminRefund(Refunds.Refund refund, Order order) {}

    /**
     * Refunds an order (or an enrollment's order) for an admin. ENROLLMENT: an active enrollment is cancelled and its
     * unused lessons refunded (or {@code amount}), recorded as an auto-approved refund request; PACKAGE: an active
     * package's unused credits (or {@code amount}); BOOKING: {@code amount} (default: all that is left) out of
     * customer prepayments. Anything else (a completed enrollment, a used-up package) needs an {@code amount}, paid
     * as goodwill out of platform revenue.
     */
    AdminRefund adminRefund(
            CurrentUser admin,
            @Nullable UUID orderId,
            @Nullable UUID enrollmentId,
            @Nullable Money requested,
            String reason) {
        if (requested != null && !requested.isPositive()) {
            throw LyceumException.invalid(
                    "refund.invalid_amount",
                    "A refund amount must be positive.",
                    List.of(new FieldError("amount.amount", "must be positive")));
        }
        if ((orderId == null) == (enrollmentId == null)) {
            String message = "Give either orderId or enrollmentId.";
            throw LyceumException.invalid(
                    "refund.target_required", message, List.of(new FieldError("orderId", message)));
        }
        return transactions.execute(status -> {
            UUID id = orderId != null
                    ? orderId
                    : store.find(enrollmentId)
                            .map(Enrollment::orderId)
                            .filter(o -> o != null)
                            .orElseThrow(
                                    () -> LyceumException.notFound("enrollment.not_found", "No such paid enrollment."));
            Order order = orders.lock(id);
            if (!order.status().paid()) {
                throw LyceumException.conflict("refund.not_paid", "The order has no payment to refund.");
            }
            if (requested != null && !requested.currency().equals(order.amount().currency())) {
                throw LyceumException.invalid(
                        "refund.invalid_amount",
                        "A refund is in the order's currency, " + order.amount().currencyCode() + ".",
                        List.of(new FieldError(
                                "amount.currency", "must be " + order.amount().currencyCode())));
            }
            Money amount = requested;
            if (amount != null && amount.compareTo(order.refundable()) > 0) {
                throw LyceumException.invalid(
                        "refund.exceeds_payment",
                        "Only " + order.refundable() + " of this payment is left to refund.",
                        List.of(new FieldError(
                                "amount",
                                "must not exceed " + order.refundable().amount())));
            }
            Orders.Actor actor = BillingParties.actor(admin);
            Refunds.Refund made =
                    switch (order.kind()) {
                        case ENROLLMENT -> refundEnrollment(admin, order, amount, reason, actor);
                        case PACKAGE -> refundPackage(admin, order, amount, reason);
                        case BOOKING ->
                            refunds.refund(
                                    order.id(),
                                    List.of(Line.debit(
                                            LedgerAccountType.CUSTOMER_PREPAYMENTS,
                                            null,
                                            amount == null ? order.refundable() : amount)),
                                    adminReference(order),
                                    reason,
                                    actor);
                        case INVOICE -> goodwill(order, amount, reason, actor);
                    };
            Order after = orders.find(order.id()).orElseThrow();
            events.publishEvent(io.lyceum.platform.AdministrativeAction.of(
                    io.lyceum.tenancy.TenantContext.require().value(),
                    admin.userId().value(),
                    "ORDER_REFUNDED",
                    "ORDER",
                    order.id(),
                    Map.of(
                            "status",
                            order.status().name(),
                            "refunded",
                            order.refunded().amount()),
                    Map.of(
                            "status",
                            after.status().name(),
                            "refunded",
                            after.refunded().amount(),
                            "refundId",
                            made.id().toString(),
                            "amount",
                            made.amount().amount()),
                    reason,
                    clock.instant()));
            return new AdminRefund(made, after);
        });
    }

    private Refunds.Refund refundEnrollment(
            CurrentUser admin, Order order, @Nullable Money amount, String reason, Orders.Actor actor) {
        Enrollment enrollment = store.lock(order.referenceId()).orElseThrow();
        if (enrollment.status() != Status.ACTIVE) {
            return goodwill(order, amount, reason, actor);
        }
        Instant now = clock.instant();
        RefundRequest existing = store.requestOf(enrollment.id()).orElse(null);
        UUID requestId = existing == null ? Ids.newId() : existing.id();
        if (existing == null) {
            store.insertRequest(new RefundRequest(
                    requestId,
                    enrollment.id(),
                    admin.userId().value(),
                    "AUTO_APPROVED",
                    reason,
                    enrollment.status() == Status.ACTIVE
                            && enrollments.lessonStates(enrollment).stream()
                                    .anyMatch(l -> Enrollments.completed(l.state())),
                    Money.zero(enrollment.price().currency()),
                    null,
                    null,
                    null,
                    now,
                    null));
        }
        Enrollments.RefundOutcome outcome = enrollments.refundUnused(enrollment, amount, reason, actor);
        if (existing == null || "PENDING".equals(existing.status())) {
            store.processRequest(
                    requestId,
                    existing == null ? "AUTO_APPROVED" : "APPROVED",
                    outcome.amount(),
                    outcome.refund() == null ? null : outcome.refund().id(),
                    reason,
                    admin.userId().value(),
                    now);
        }
        if (outcome.refund() == null) {
            throw LyceumException.conflict("refund.nothing_to_refund", "No lesson of the enrollment is left unused.");
        }
        return outcome.refund();
    }

    private Refunds.Refund refundPackage(CurrentUser admin, Order order, @Nullable Money amount, String reason) {
        PackageStore.Pack pack = packages.lockByOrder(order.id()).orElseThrow();
        if (pack.status() != PackageStore.Status.ACTIVE) {
            return goodwill(order, amount, reason, BillingParties.actor(admin));
        }
        return packages.refundLocked(pack, amount, reason, admin);
    }

    /** A refund beyond any prepaid value left: the platform pays it. Needs an explicit amount. */
    private Refunds.Refund goodwill(Order order, @Nullable Money amount, String reason, Orders.Actor actor) {
        if (amount == null) {
            throw LyceumException.conflict(
                    "refund.nothing_to_refund",
                    "Nothing of this " + order.kind().name().toLowerCase()
                            + " is unused; give an amount to refund it as goodwill.");
        }
        return refunds.refund(
                order.id(),
                List.of(Line.debit(LedgerAccountType.PLATFORM_REVENUE, null, amount)),
                adminReference(order),
                reason,
                actor);
    }

    private String adminReference(Order order) {
        return "order:" + order.id() + ":admin-refund:"
                + (refunds.forOrder(order.id()).size() + 1);
    }
}
