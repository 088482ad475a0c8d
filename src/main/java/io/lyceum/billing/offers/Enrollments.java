package io.lyceum.billing.offers;

import static io.lyceum.billing.offers.Purchases.Account.PREPAYMENTS;
import static io.lyceum.billing.offers.Purchases.Account.studentCredit;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.billing.EnrollmentStarted;
import io.lyceum.billing.ledger.Ledger.Line;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.offers.EnrollmentStore.Enrollment;
import io.lyceum.billing.offers.EnrollmentStore.Lesson;
import io.lyceum.billing.offers.EnrollmentStore.RefundRequest;
import io.lyceum.billing.offers.EnrollmentStore.Status;
import io.lyceum.billing.payments.Order;
import io.lyceum.billing.payments.OrderKind;
import io.lyceum.billing.payments.Orders;
import io.lyceum.billing.payments.Refunds;
import io.lyceum.catalog.CatalogApi;
import io.lyceum.catalog.CoursePackFacts;
import io.lyceum.scheduling.BookingState;
import io.lyceum.scheduling.BookingSummary;
import io.lyceum.scheduling.SchedulingApi;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Course-pack enrollments. Enrolling books the pack's lessons through scheduling (all or nothing, PENDING_PAYMENT,
 * held until the payment deadline) and opens an ENROLLMENT order for the pack price; paying it makes the enrollment
 * ACTIVE and confirms the lessons; an unpaid enrollment is cancelled after the payment window and frees its slots.
 * Refunds are pro rata to the unused lessons.
 *
 * <p>Ledger: the payment credits the student's {@code STUDENT_CREDIT}; in the same transaction each lesson's share is
 * moved to {@code CUSTOMER_PREPAYMENTS} in an entry tagged with the lesson's booking ({@code
 * booking:<id>:enrollment-allocated}), so a pack lesson's money is held exactly like a paid booking's: the lines of
 * {@code CUSTOMER_PREPAYMENTS} with that booking id sum to its share. A refund moves each unused lesson's share back
 * ({@code booking:<id>:enrollment-released}) and pays the sum out of {@code STUDENT_CREDIT}.
 *
 * <p>Lock order: an order before its enrollment (the payment path locks the order, then calls the fulfilment), so
 * cancellations of a PENDING enrollment go through {@link Orders#cancel} first.
 */
@Service
class Enrollments implements OrderBackedPurchase {

    static final String REFUND_NOT_ELIGIBLE = "refund.not_eligible";

    /** A lesson and its booking's state (null when scheduling no longer knows the booking). */
    record LessonState(Lesson lesson, @Nullable BookingState state) {
        boolean is(java.util.function.Predicate<BookingState> category) {
            return state != null && category.test(state);
        }
    }

    record Detail(
            Enrollment enrollment,
            @Nullable String coursePackTitle,
            List<LessonState> lessons,
            @Nullable Order order,
            @Nullable RefundRequest refundRequest,
            List<PurchaseRows.Change> history) {}

    private final EnrollmentStore store;
    private final Orders orders;
    private final Purchases purchases;
    private final Refunds refunds;
    private final CatalogApi catalog;
    private final SchedulingApi scheduling;
    private final BillingParties parties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final EnrollmentProperties properties;
    private final Clock clock;

    Enrollments(
            EnrollmentStore store,
            Orders orders,
            Purchases purchases,
            Refunds refunds,
            CatalogApi catalog,
            SchedulingApi scheduling,
            BillingParties parties,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            EnrollmentProperties properties,
            Clock clock) {
        this.store = store;
        this.orders = orders;
        this.purchases = purchases;
        this.refunds = refunds;
        this.catalog = catalog;
        this.scheduling = scheduling;
        this.parties = parties;
        this.events = events;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    static LyceumException notFound() {
        return LyceumException.notFound("enrollment.not_found", "No such enrollment.");
    }

    private static LyceumException invalid(String code, String field, String message) {
        return LyceumException.invalid(code, message, List.of(new FieldError(field, message)));
    }

    // ---- enrolling

    Detail enroll(
            CurrentUser user, UUID packId, @Nullable List<Instant> requestedStarts, @Nullable UUID requestedStudent) {
        UUID studentId = parties.studentFor(user, requestedStudent, "enrollment");
        UUID id = retryingDeadlocks(
                () -> transactions.execute(status -> enrollInTransaction(user, packId, requestedStarts, studentId)));
        return get(user, id);
    }

    private UUID enrollInTransaction(
            CurrentUser user, UUID packId, @Nullable List<Instant> requestedStarts, UUID studentId) {
        CoursePackFacts pack = catalog.coursePack(CoursePackId.of(packId))
                .orElseThrow(() -> LyceumException.notFound("enrollment.pack_not_found", "No such course pack."));
        if (!pack.open()) {
            throw LyceumException.conflict("enrollment.pack_closed", "The course pack is not open for enrollment.");
        }
        if (pack.preliminaryMeetingRequired()
                && !scheduling.preliminaryMeetingApproved(UserId.of(studentId), CoursePackId.of(packId))) {
            throw LyceumException.conflict(
                    "enrollment.preliminary_meeting_required",
                    "This course pack needs an approved preliminary meeting with the tutor first.");
        }
        if (pack.lessonSubjectId() == null) {
            throw LyceumException.conflict(
                    "enrollment.pack_not_bookable", "The tutor no longer teaches this course pack's subject.");
        }
        List<Instant> starts = starts(pack, requestedStarts);
        if (store.liveExists(studentId, packId)) {
            throw alreadyEnrolled();
        }
        Instant now = clock.instant();
        Instant deadline = now.plus(properties.paymentWindow());
        List<Money> shares = shares(pack.price(), starts.size());
        boolean free = !pack.price().isPositive();
        Enrollment enrollment = new Enrollment(
                Ids.newId(),
                packId,
                pack.tutorId().value(),
                studentId,
                user.userId().value(),
                free ? Status.ACTIVE : Status.PENDING,
                free ? "NOT_PAID" : "PENDING",
                "NOT_REQUESTED",
                pack.price(),
                Money.zero(pack.price().currency()),
                starts.size(),
                null,
                deadline,
                free ? now : null,
                null,
                null,
                null,
                now);
        try {
            store.insert(enrollment);
        } catch (DuplicateKeyException e) {
            throw alreadyEnrolled();
        }
        List<BookingId> bookings = scheduling.placeCoursePackLessons(new SchedulingApi.CoursePackLessons(
                CoursePackId.of(packId),
                pack.tutorId(),
                UserId.of(studentId),
                user.userId().value(),
                pack.lessonSubjectId(),
                pack.level(),
                pack.lessonMinutes(),
                starts,
                shares,
                deadline));
        for (int i = 0; i < bookings.size(); i++) {
            store.insertLesson(
                    new Lesson(enrollment.id(), bookings.get(i).value(), i + 1, starts.get(i), shares.get(i)));
        }
        Orders.Actor actor = BillingParties.actor(user);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("priceAmount", pack.price().amount());
        details.put("lessons", starts.size());
        if (!free) {
            Order order = purchases.openOrder(
                    OrderKind.ENROLLMENT,
                    enrollment.id(),
                    user,
                    studentId,
                    pack.tutorId().value(),
                    "Course: " + pack.title(),
                    pack.price(),
                    deadline);
            store.setOrder(enrollment.id(), order.id());
            details.put("orderId", order.id().toString());
        }
        store.appendHistory(enrollment.id(), null, enrollment.status(), actor, "enrolled", details, now);
        if (free) {
            started(enrollment, now);
        }
        return enrollment.id();
    }

    private static LyceumException alreadyEnrolled() {
        return LyceumException.conflict(
                "enrollment.already_enrolled", "The student already has a live enrollment in this course pack.");
    }

    private static List<Instant> starts(CoursePackFacts pack, @Nullable List<Instant> requested) {
        List<Instant> starts;
        if ("STRICT".equals(pack.schedulingType())) {
            if (requested != null && !requested.isEmpty() && !requested.equals(pack.fixedDates())) {
                throw invalid(
                        "enrollment.fixed_dates",
                        "lessonStarts",
                        "This course pack has fixed dates; leave lessonStarts empty or send them unchanged.");
            }
            starts = pack.fixedDates();
            if (starts.size() != pack.numberOfLessons()) {
                throw LyceumException.conflict(
                        "enrollment.pack_not_bookable", "The course pack's fixed dates are incomplete.");
            }
        } else {
            if (requested == null || requested.size() != pack.numberOfLessons()) {
                throw invalid(
                        "enrollment.lesson_count",
                        "lessonStarts",
                        "This course pack has " + pack.numberOfLessons() + " lessons; pick a start for each.");
            }
            if (new HashSet<>(requested).size() != requested.size()) {
                throw invalid("enrollment.duplicate_start", "lessonStarts", "Each lesson needs its own start.");
            }
            starts = requested.stream().sorted().toList();
        }
        return starts;
    }

    /**
     * Each lesson's share of the price, in start order: the shares of the last k lessons sum to
     * {@code floor(price × k / n)}, so refunding the k unused lessons at the end refunds exactly price × unused /
     * total (rounded down) and the first lesson carries the rounding.
     */
    static List<Money> shares(Money price, int lessons) {
        List<Money> shares = new ArrayList<>();
        for (int position = 1; position <= lessons; position++) {
            long suffix = price.amount() * (lessons - position + 1) / lessons;
            long after = price.amount() * (lessons - position) / lessons;
            shares.add(Money.of(suffix - after, price.currencyCode()));
        }
        return shares;
    }

    // ---- payment (ENROLLMENT fulfilment, in the payment's transaction with the order locked)

    @Override
    public void paid(Order order, Instant at) {
        Enrollment enrollment = store.lock(order.referenceId()).orElseThrow();
        List<Lesson> lessons = store.lessons(enrollment.id(), enrollment.price().currencyCode());
        boolean held = lessons.stream().allMatch(l -> scheduling
                .findBooking(BookingId.of(l.bookingId()))
                .filter(b -> b.state() == BookingState.PENDING_PAYMENT && at.isBefore(b.startsAt()))
                .isPresent());
        if (enrollment.status() != Status.PENDING || !held) {
            // the lessons' hold ran out before the money arrived: give it all back
            for (Lesson lesson : lessons) {
                scheduling.releaseForBilling(BookingId.of(lesson.bookingId()), "enrollment payment arrived too late");
            }
            Refunds.Refund refund = refunds.refund(
                    order.id(),
                    List.of(Line.debit(LedgerAccountType.STUDENT_CREDIT, order.studentId(), order.amount())),
                    "enrollment:" + enrollment.id() + ":late-payment",
                    "payment arrived after the lessons were released",
                    Orders.Actor.SYSTEM);
            if (enrollment.status() == Status.PENDING) {
                transition(
                        enrollment,
                        Status.CANCELLED,
                        "REFUNDED",
                        enrollment.refundStatus(),
                        order.amount(),
                        Orders.Actor.SYSTEM,
                        "payment arrived after the lessons were released",
                        Map.of("refundId", refund.id().toString()),
                        at);
            }
            return;
        }
        for (Lesson lesson : lessons) {
            if (lesson.share().isPositive()) {
                purchases.move(
                        "ALLOCATION",
                        "booking:" + lesson.bookingId() + ":enrollment-allocated",
                        "Course pack lesson " + lesson.position() + " of " + enrollment.lessons(),
                        order.id(),
                        lesson.bookingId(),
                        at,
                        lesson.share(),
                        studentCredit(enrollment.studentId()),
                        PREPAYMENTS);
            }
            purchases.bookingPaid(lesson.bookingId(), "enrollment:" + enrollment.id(), at);
        }
        transition(
                enrollment,
                Status.ACTIVE,
                "PAID",
                enrollment.refundStatus(),
                enrollment.refunded(),
                Orders.Actor.PROVIDER,
                "paid",
                Map.of("orderId", order.id().toString()),
                at);
    }

    /** The order will never be paid (payment window passed, cancelled): the enrollment is cancelled, slots freed. */
    @Override
    public void abandoned(Order order, String reason, Instant at) {
        Enrollment enrollment = store.lock(order.referenceId()).orElseThrow();
        if (enrollment.status() != Status.PENDING) {
            return;
        }
        for (Lesson lesson : store.lessons(enrollment.id(), enrollment.price().currencyCode())) {
            scheduling.releaseForBilling(BookingId.of(lesson.bookingId()), "enrollment not paid: " + reason);
        }
        transition(
                enrollment,
                Status.CANCELLED,
                "NOT_PAID",
                enrollment.refundStatus(),
                enrollment.refunded(),
                Orders.Actor.SYSTEM,
                reason,
                null,
                at);
    }

    /** Cancels a PENDING enrollment through its order (so a payment racing with it is serialised on the order). */
    boolean cancelPending(UUID enrollmentId, String reason, Orders.Actor actor) {
        Enrollment enrollment = store.find(enrollmentId).orElseThrow(Enrollments::notFound);
        if (enrollment.status() != Status.PENDING || enrollment.orderId() == null) {
            return false;
        }
        return orders.cancel(enrollment.orderId(), actor, reason);
    }

    /** The payment cleanup: PENDING enrollments past their deadline, each cancelled in its own transaction. */
    int cancelOverdue() {
        int cancelled = 0;
        for (Enrollment e : store.overdue(clock.instant(), 100)) {
            Boolean done =
                    transactions.execute(s -> cancelPending(e.id(), "payment window passed", Orders.Actor.SYSTEM));
            if (Boolean.TRUE.equals(done)) {
                cancelled++;
            }
        }
        return cancelled;
    }

    // ---- lesson events

    /** A lesson was completed: the enrollment is COMPLETED once none of its lessons is still to come. */
    void lessonCompleted(UUID bookingId) {
        Optional<UUID> id = store.enrollmentOfBooking(bookingId);
        if (id.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(s -> {
            Enrollment enrollment = store.lock(id.get()).orElseThrow();
            if (enrollment.status() != Status.ACTIVE) {
                return;
            }
            List<LessonState> lessons = lessonStates(enrollment);
            boolean finished = lessons.stream().noneMatch(l -> l.is(BookingState::awaitingOutcome));
            if (finished && lessons.stream().anyMatch(l -> l.is(BookingState::done))) {
                Instant now = clock.instant();
                store.update(
                        enrollment.id(),
                        Status.COMPLETED,
                        enrollment.paymentStatus(),
                        enrollment.refundStatus(),
                        enrollment.refunded(),
                        enrollment.enrolledAt(),
                        now,
                        null,
                        null,
                        now);
                store.appendHistory(
                        enrollment.id(),
                        enrollment.status(),
                        Status.COMPLETED,
                        Orders.Actor.SYSTEM,
                        "all lessons completed",
                        null,
                        now);
            }
        });
    }

    /** A lesson's hold expired (scheduling's sweeper): its PENDING enrollment is cancelled with all its lessons. */
    void lessonExpired(UUID bookingId) {
        store.enrollmentOfBooking(bookingId)
                .ifPresent(id -> transactions.executeWithoutResult(
                        s -> cancelPending(id, "payment window passed", Orders.Actor.SYSTEM)));
    }

    /** The pack was removed: pending enrollments are cancelled, active ones refunded pro rata. */
    void packRemoved(UUID packId, String reason) {
        endAll(store.liveOfPack(packId), "course pack removed" + (reason == null ? "" : ": " + reason));
    }

    /**
     * A user was banned: the enrollments they are the student or the tutor of end as a removed pack's do (pending
     * ones cancelled, active ones refunded pro rata for the lessons not yet given).
     */
    void userBanned(UUID userId, @Nullable String reason) {
        endAll(store.liveOfUser(userId), "account banned" + (reason == null ? "" : ": " + reason));
    }

    /** Ends live enrollments one transaction each; a redelivery finds the ended ones no longer live. */
    private void endAll(List<Enrollment> live, String why) {
        for (Enrollment e : live) {
            transactions.executeWithoutResult(s -> {
                if (e.status() == Status.PENDING) {
                    cancelPending(e.id(), why, Orders.Actor.SYSTEM);
                    return;
                }
                Enrollment locked = store.lock(e.id()).orElseThrow();
                if (locked.status() == Status.ACTIVE) {
                    refundUnused(locked, null, why, Orders.Actor.SYSTEM);
                }
            });
        }
    }

    // ---- refunds

    /** What refunding an enrollment did. */
    record RefundOutcome(Refunds.@Nullable Refund refund, Money amount, int lessonsCancelled) {}

    /**
     * Cancels a locked ACTIVE enrollment's unused lessons (upcoming and not started) and refunds their shares, or
     * {@code amount} when an admin says so (less: the rest is kept as platform revenue; more: the platform pays the
     * difference). The enrollment becomes CANCELLED with its refund PROCESSED. Once per enrollment.
     */
    RefundOutcome refundUnused(Enrollment enrollment, @Nullable Money amount, String reason, Orders.Actor actor) {
        if (enrollment.status() != Status.ACTIVE) {
            throw LyceumException.conflict(
                    "enrollment.illegal_transition",
                    "An enrollment in status " + enrollment.status() + " cannot be refunded.");
        }
        Instant now = clock.instant();
        Money unused = Money.zero(enrollment.price().currency());
        int cancelled = 0;
        for (LessonState lesson : lessonStates(enrollment)) {
            if (!lesson.is(BookingState::upcoming)
                    || !now.isBefore(lesson.lesson().startsAt())) {
                continue;
            }
            BookingState after =
                    scheduling.releaseForBilling(BookingId.of(lesson.lesson().bookingId()), reason);
            if (after.occupiesSlot()) {
                continue;
            }
            cancelled++;
            Money share = lesson.lesson().share();
            unused = unused.plus(share);
            if (share.isPositive()) {
                purchases.move(
                        "ALLOCATION_RELEASED",
                        "booking:" + lesson.lesson().bookingId() + ":enrollment-released",
                        "Course pack lesson cancelled for a refund",
                        enrollment.orderId(),
                        lesson.lesson().bookingId(),
                        now,
                        share,
                        PREPAYMENTS,
                        studentCredit(enrollment.studentId()));
            }
        }
        Money refund = amount == null ? unused : amount;
        String owner = "enrollment:" + enrollment.id();
        Refunds.Refund made = null;
        if (refund.isPositive() && enrollment.orderId() != null) {
            made = purchases.refund(owner, enrollment.orderId(), enrollment.studentId(), unused, refund, reason, actor);
        }
        purchases.retainUnrefunded(owner, enrollment.orderId(), enrollment.studentId(), unused, refund, now);
        Money refunded = enrollment.refunded().plus(refund);
        String payment = !refunded.isPositive()
                ? enrollment.paymentStatus()
                : refunded.compareTo(enrollment.price()) >= 0 ? "REFUNDED" : "PARTIALLY_REFUNDED";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("refundAmount", refund.amount());
        details.put("lessonsCancelled", cancelled);
        if (made != null) {
            details.put("refundId", made.id().toString());
        }
        transition(enrollment, Status.CANCELLED, payment, "PROCESSED", refunded, actor, reason, details, now);
        return new RefundOutcome(made, refund, cancelled);
    }

    private void transition(
            Enrollment e,
            Status next,
            String paymentStatus,
            String refundStatus,
            Money refunded,
            Orders.Actor actor,
            String reason,
            @Nullable Map<String, Object> details,
            Instant now) {
        boolean cancelled = next == Status.CANCELLED;
        store.update(
                e.id(),
                next,
                paymentStatus,
                refundStatus,
                refunded,
                next == Status.ACTIVE && e.enrolledAt() == null ? now : e.enrolledAt(),
                e.completedAt(),
                cancelled ? now : e.cancelledAt(),
                cancelled ? reason : e.cancelReason(),
                now);
        store.appendHistory(e.id(), e.status(), next, actor, reason, details, now);
        if (next == Status.ACTIVE && e.status() != Status.ACTIVE) {
            started(e, now);
        }
    }

    private void started(Enrollment e, Instant at) {
        events.publishEvent(new EnrollmentStarted(
                TenantContext.require(),
                e.id(),
                CoursePackId.of(e.coursePackId()),
                TutorId.of(e.tutorId()),
                UserId.of(e.studentId()),
                e.enrolledBy(),
                e.price(),
                e.lessons(),
                at));
    }

    // ---- admin cancel

    Detail adminCancel(CurrentUser admin, UUID id, String reason) {
        Orders.Actor actor = BillingParties.actor(admin);
        transactions.executeWithoutResult(s -> {
            Enrollment enrollment = store.find(id).orElseThrow(Enrollments::notFound);
            switch (enrollment.status()) {
                case PENDING -> cancelPending(id, reason, actor);
                case ACTIVE -> refundUnused(store.lock(id).orElseThrow(), null, reason, actor);
                default ->
                    throw LyceumException.conflict(
                            "enrollment.illegal_transition",
                            "An enrollment in status " + enrollment.status() + " cannot be cancelled.");
            }
        });
        return get(admin, id);
    }

    // ---- reading

    PageResponse<Enrollment> list(CurrentUser user, Status status, UUID coursePackId, PageQuery page) {
        BillingParties.Scope scope = parties.scope(user, "student_id", "tutor_id");
        String sql = scope.sql();
        Map<String, Object> params = new LinkedHashMap<>(scope.params());
        if (coursePackId != null) {
            sql = "(" + sql + ") AND course_pack_id = :pack";
            params.put("pack", coursePackId);
        }
        return store.page(sql, params, status, page);
    }

    Detail get(CurrentUser user, UUID id) {
        Enrollment enrollment = visible(user, id);
        String title = catalog.coursePack(CoursePackId.of(enrollment.coursePackId()))
                .map(CoursePackFacts::title)
                .orElse(null);
        return new Detail(
                enrollment,
                title,
                lessonStates(enrollment),
                enrollment.orderId() == null
                        ? null
                        : orders.find(enrollment.orderId()).orElse(null),
                store.requestOf(id).orElse(null),
                store.history(id));
    }

    /** The enrollment if the caller is a party to it (its student, their guardian, its tutor, staff); else 404. */
    Enrollment visible(CurrentUser user, UUID id) {
        Enrollment enrollment = store.find(id).orElseThrow(Enrollments::notFound);
        if (!parties.isParty(user, enrollment.tutorId(), enrollment.studentId())) {
            throw notFound();
        }
        return enrollment;
    }

    List<LessonState> lessonStates(Enrollment enrollment) {
        return store.lessons(enrollment.id(), enrollment.price().currencyCode()).stream()
                .map(l -> new LessonState(
                        l,
                        scheduling
                                .findBooking(BookingId.of(l.bookingId()))
                                .map(BookingSummary::state)
                                .orElse(null)))
                .toList();
    }

    static boolean completed(@Nullable BookingState state) {
        return state != null && state.done();
    }

    /** Runs a write, retrying when PostgreSQL broke a deadlock between concurrent bookings (they then see the winner). */
    static <T> T retryingDeadlocks(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (DataAccessException e) {
                String state = null;
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof SQLException sql && sql.getSQLState() != null) {
                        state = sql.getSQLState();
                        break;
                    }
                }
                boolean retry = "40P01".equals(state) || "40001".equals(state);
                if (!retry || attempt >= 4) {
                    if ("23P01".equals(state)) {
                        throw LyceumException.conflict(
                                "booking.slot_unavailable", "One of the lesson times was taken meanwhile.");
                    }
                    throw e;
                }
            }
        }
    }
}
