package io.lyceum.billing.offers;

import static io.lyceum.billing.offers.Purchases.Account.PLATFORM;
import static io.lyceum.billing.offers.Purchases.Account.PREPAYMENTS;
import static io.lyceum.billing.offers.Purchases.Account.studentCredit;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.billing.ledger.Ledger;
import io.lyceum.billing.ledger.Ledger.Line;
import io.lyceum.billing.ledger.Ledger.Posting;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.offers.PackageStore.CreditUse;
import io.lyceum.billing.offers.PackageStore.Offer;
import io.lyceum.billing.offers.PackageStore.Pack;
import io.lyceum.billing.offers.PackageStore.Status;
import io.lyceum.billing.payments.Earnings;
import io.lyceum.billing.payments.Order;
import io.lyceum.billing.payments.OrderKind;
import io.lyceum.billing.payments.OrderStatus;
import io.lyceum.billing.payments.Orders;
import io.lyceum.billing.payments.Refunds;
import io.lyceum.catalog.CatalogApi;
import io.lyceum.catalog.LessonQuote;
import io.lyceum.catalog.Level;
import io.lyceum.catalog.TutorTerms;
import io.lyceum.scheduling.BookingState;
import io.lyceum.scheduling.BookingSummary;
import io.lyceum.scheduling.CancellationDecision;
import io.lyceum.scheduling.SchedulingApi;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.TutorId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lesson packages: tutors' offers of N lessons at a discount, bought as an order of kind PACKAGE; paying it grants N
 * credits valid for {@code lyceum.payments.packages.credit-validity}. A credit pays for one PENDING_PAYMENT booking
 * with the package's tutor and lesson length. Every change locks the package row, so two bookings racing for the last
 * credit run one after the other and the second finds none (a CHECK keeps credits at zero or more regardless).
 *
 * <p>Ledger: the payment credits the student's {@code STUDENT_CREDIT}; each credit spent moves its value (price /
 * lessons, the remainder on the last credit) to {@code CUSTOMER_PREPAYMENTS} tagged with the booking, where a paid
 * booking's money sits; a credit given back moves it back; expiry moves what is left to {@code PLATFORM_REVENUE}; a
 * refund pays what is left back to the payer.
 */
@Service
class Packages implements OrderBackedPurchase {

    static final int MAX_DISCOUNT_PERCENT = 50;

    record NewOffer(
            UUID subjectId,
            @Nullable String level,
            int lessons,
            int durationMinutes,
            @Nullable Integer discountPercent,
            @Nullable Money price) {}

    record Detail(
            Pack pack,
            Counts counts,
            @Nullable Money unusedValue,
            @Nullable List<PackageStore.HistoryEntry> history) {}

    /** Credits by fate: left to use, spent on bookings, expired, refunded. */
    record Counts(int left, int used, int expired, int refunded) {}

    private final PackageStore store;
    private final Orders orders;
    private final Purchases purchases;
    private final Ledger ledger;
    private final CatalogApi catalog;
    private final SchedulingApi scheduling;
    private final BillingParties parties;
    private final TransactionTemplate transactions;
    private final PackageProperties properties;
    private final ObjectProvider<Earnings> earnings;
    private final Clock clock;

    Packages(
            PackageStore store,
            Orders orders,
            Purchases purchases,
            Ledger ledger,
            CatalogApi catalog,
            SchedulingApi scheduling,
            BillingParties parties,
            TransactionTemplate transactions,
            PackageProperties properties,
            ObjectProvider<Earnings> earnings,
            Clock clock) {
        this.store = store;
        this.orders = orders;
        this.purchases = purchases;
        this.ledger = ledger;
        this.catalog = catalog;
        this.scheduling = scheduling;
        this.parties = parties;
        this.transactions = transactions;
        this.properties = properties;
        this.earnings = earnings;
        this.clock = clock;
    }

    static LyceumException notFound() {
        return LyceumException.notFound("package.not_found", "No such package.");
    }

    static LyceumException offerNotFound() {
        return LyceumException.notFound("package.offer_not_found", "No such package offer.");
    }

    private static LyceumException invalid(String code, String field, String message) {
        return LyceumException.invalid(code, message, List.of(new FieldError(field, message)));
    }

    // ---- offers

    Offer createOffer(CurrentUser tutor, NewOffer request) {
        TutorTerms terms = catalog.tutorTerms(tutor.userId().asTutor())
                .orElseThrow(() -> LyceumException.conflict(
                        "package.tutor_not_approved", "Only approved tutors with published terms offer packages."));
        // the single-lesson price of the one pricing model, as a booking of this subject and level charges it
        LessonQuote quote =
                terms.quote(request.subjectId(), level(request.level()), request.durationMinutes(), false, "package");
        Money single = quote.price();
        if ((request.discountPercent() == null) == (request.price() == null)) {
            throw invalid("package.price_required", "discountPercent", "Give either discountPercent or price.");
        }
        Money list = single.times(request.lessons());
        Money price;
        int discountBps;
        if (request.discountPercent() != null) {
            discountBps = request.discountPercent() * 100;
            price = list.basisPoints(10_000 - discountBps);
        } else {
            if (!request.price().currency().equals(list.currency())) {
                throw invalid("package.invalid_price", "price.currency", "must be " + list.currencyCode());
            }
            price = request.price();
            Money floor = list.basisPoints(10_000 - MAX_DISCOUNT_PERCENT * 100);
            if (price.compareTo(list) > 0 || price.compareTo(floor) < 0) {
                throw invalid(
                        "package.invalid_price",
                        "price.amount",
                        "must be between " + floor.amount() + " and " + list.amount() + " (at most "
                                + MAX_DISCOUNT_PERCENT + "% off " + request.lessons() + " single lessons)");
            }
            discountBps = (int) ((list.amount() - price.amount()) * 10_000 / list.amount());
        }
        if (!price.isPositive()) {
            throw invalid("package.invalid_price", "price.amount", "must be positive");
        }
        Offer offer = new Offer(
                Ids.newId(),
                tutor.userId().value(),
                quote.subjectId(),
                quote.level().name(),
                request.lessons(),
                request.durationMinutes(),
                discountBps,
                list,
                price,
                true,
                clock.instant());
        store.insertOffer(offer);
        return offer;
    }

    PageResponse<Offer> myOffers(CurrentUser tutor, PageQuery page) {
        return store.offers(tutor.userId().value(), false, page);
    }

    PageResponse<Offer> publicOffers(UUID tutorId, PageQuery page) {
        return store.offers(tutorId, true, page);
    }

    void withdrawOffer(CurrentUser tutor, UUID offerId) {
        Offer offer = store.findOffer(offerId)
                .filter(o -> o.tutorId().equals(tutor.userId().value()))
                .orElseThrow(Packages::offerNotFound);
        if (!offer.active() || !store.withdrawOffer(offerId, tutor.userId().value(), clock.instant())) {
            throw LyceumException.conflict("package.offer_withdrawn", "The offer has already been withdrawn.");
        }
    }

    // ---- purchase and payment

    /** Creates a PENDING_PAYMENT package and its PACKAGE order. */
    Detail purchase(CurrentUser user, UUID offerId, @Nullable UUID requestedStudent) {
        UUID studentId = parties.studentFor(user, requestedStudent, "package");
        return transactions.execute(status -> {
            Offer offer = store.findOffer(offerId).filter(Offer::active).orElseThrow(Packages::offerNotFound);
            if (catalog.tutorTerms(TutorId.of(offer.tutorId())).isEmpty()) {
                throw LyceumException.conflict(
                        "package.tutor_unavailable", "The tutor cannot be booked at the moment.");
            }
            Instant now = clock.instant();
            Pack pack = new Pack(
                    Ids.newId(),
                    offer.id(),
                    offer.tutorId(),
                    studentId,
                    user.userId().value(),
                    offer.subjectId(),
                    offer.durationMinutes(),
                    offer.lessons(),
                    0,
                    offer.price(),
                    Status.PENDING_PAYMENT,
                    null,
                    null,
                    null,
                    1,
                    now);
            store.insert(pack);
            Order order = purchases.openOrder(
                    OrderKind.PACKAGE,
                    pack.id(),
                    user,
                    studentId,
                    offer.tutorId(),
                    "Package of " + offer.lessons() + " lessons of " + offer.durationMinutes() + " minutes",
                    offer.price(),
                    null);
            store.setOrder(pack.id(), order.id());
            store.appendHistory(
                    pack.id(),
                    "PURCHASED",
                    null,
                    Status.PENDING_PAYMENT,
                    0,
                    BillingParties.actor(user),
                    null,
                    Map.of(
                            "orderId",
                            order.id().toString(),
                            "priceAmount",
                            offer.price().amount()),
                    now);
            return detail(store.find(pack.id()).orElseThrow());
        });
    }

    /** The PACKAGE order was paid (in its transaction): the package becomes ACTIVE with its credits. */
    @Override
    public void paid(Order order, Instant at) {
        Pack pack = store.lock(order.referenceId()).orElseThrow();
        if (pack.status() != Status.PENDING_PAYMENT) {
            return;
        }
        Instant expires = at.plus(properties.creditValidity());
        store.update(pack, Status.ACTIVE, pack.lessons(), at, expires, at);
        store.appendHistory(
                pack.id(),
                "PAID",
                pack.status(),
                Status.ACTIVE,
                pack.lessons(),
                Orders.Actor.PROVIDER,
                null,
                Map.of("orderId", order.id().toString(), "expiresAt", expires.toString()),
                at);
    }

    /** The PACKAGE order will never be paid. */
    @Override
    public void abandoned(Order order, String reason, Instant at) {
        Pack pack = store.lock(order.referenceId()).orElseThrow();
        if (pack.status() != Status.PENDING_PAYMENT) {
            return;
        }
        store.update(pack, Status.CANCELLED, 0, null, null, at);
        store.appendHistory(
                pack.id(), "CANCELLED", pack.status(), Status.CANCELLED, 0, Orders.Actor.SYSTEM, reason, null, at);
    }

    // ---- reading

    PageResponse<Detail> list(CurrentUser user, Status status, PageQuery page) {
        BillingParties.Scope scope = parties.scope(user, "student_id", "tutor_id");
        return store.page(scope.sql(), scope.params(), status, page).map(this::summary);
    }

    Detail get(CurrentUser user, UUID id) {
        return detail(visible(user, store.find(id)));
    }

    private Pack visible(CurrentUser user, Optional<Pack> found) {
        Pack pack = found.orElseThrow(Packages::notFound);
        if (!parties.isParty(user, pack.tutorId(), pack.studentId())) {
            throw notFound();
        }
        return pack;
    }

    private Detail summary(Pack pack) {
        return new Detail(pack, counts(pack), null, null);
    }

    private Detail detail(Pack pack) {
        return new Detail(pack, counts(pack), store.unusedValue(pack), store.history(pack.id()));
    }

    private Counts counts(Pack pack) {
        List<CreditUse> uses = store.uses(pack.id(), pack.price().currencyCode());
        int used = (int) uses.stream().filter(u -> u.restoredAt() == null).count();
        int gone = pack.status() == Status.PENDING_PAYMENT || pack.status() == Status.CANCELLED
                ? 0
                : pack.lessons() - used - pack.creditsLeft();
        return new Counts(
                pack.creditsLeft(),
                used,
                pack.status() == Status.EXPIRED ? gone : 0,
                pack.status() == Status.REFUNDED ? gone : 0);
    }

    // ---- spending a credit

    /**
     * Pays a PENDING_PAYMENT booking with one credit: the booking must be the package student's, with the package's
     * tutor and lesson length. The booking's own order (if the booking flow opened one) is cancelled so that it can
     * no longer be paid; an order already paid or being paid makes this a conflict.
     */
    Detail useCredit(CurrentUser user, UUID packageId, UUID bookingId) {
        return transactions.execute(status -> {
            Pack pack = store.lock(packageId).orElseThrow(Packages::notFound);
            if (user.isStaff() || !parties.actsFor(user, pack.studentId())) {
                throw notFound();
            }
            Instant now = clock.instant();
            if (store.useOfBooking(bookingId).isPresent()) {
                throw LyceumException.conflict(
                        "package.credit_already_used", "A credit has already been used for this booking.");
            }
            requireUsable(pack, now);
            BookingSummary booking = scheduling
                    .findBooking(BookingId.of(bookingId))
                    .filter(b -> b.studentId().value().equals(pack.studentId()))
                    .orElseThrow(() ->
                            LyceumException.notFound("booking.not_found", "No such booking of the package's student."));
            if (!booking.tutorId().value().equals(pack.tutorId())) {
                throw invalid("package.booking_mismatch", "bookingId", "The booking is with another tutor.");
            }
            long minutes =
                    Duration.between(booking.startsAt(), booking.endsAt()).toMinutes();
            if (minutes != pack.durationMinutes()) {
                throw invalid(
                        "package.booking_mismatch",
                        "bookingId",
                        "The package pays for " + pack.durationMinutes() + "-minute lessons; this one is " + minutes
                                + " minutes.");
            }
            if (booking.state() != BookingState.PENDING_PAYMENT || booking.coursePackId() != null) {
                throw LyceumException.conflict(
                        "package.booking_not_payable",
                        "Only a booking waiting for its payment can be paid with a credit; this one is "
                                + booking.state() + ".");
            }
            Orders.Actor actor = BillingParties.actor(user);
            withdrawBookingOrder(booking, pack, actor);
            Money value = nextCreditValue(pack);
            int left = pack.creditsLeft() - 1;
            Status next = left == 0 ? Status.EXHAUSTED : Status.ACTIVE;
            store.update(pack, next, left, pack.paidAt(), pack.expiresAt(), now);
            store.insertUse(new CreditUse(Ids.newId(), pack.id(), bookingId, value, now, null));
            purchases.move(
                    "CREDIT_USED",
                    "booking:" + bookingId + ":credit-used",
                    "Package credit for a lesson",
                    pack.orderId(),
                    bookingId,
                    now,
                    value,
                    studentCredit(pack.studentId()),
                    PREPAYMENTS);
            store.appendHistory(
                    pack.id(),
                    "CREDIT_USED",
                    pack.status(),
                    next,
                    left,
                    actor,
                    null,
                    Map.of("bookingId", bookingId.toString(), "valueAmount", value.amount()),
                    now);
            purchases.bookingPaid(bookingId, "credit:" + pack.id(), now);
            return detail(store.find(pack.id()).orElseThrow());
        });
    }

    private static void requireUsable(Pack pack, Instant now) {
        switch (pack.status()) {
            case ACTIVE -> {
                if (pack.expiresAt() != null && !now.isBefore(pack.expiresAt())) {
                    throw LyceumException.conflict("package.expired", "The package's credits have expired.");
                }
            }
            case EXHAUSTED -> throw LyceumException.conflict("package.no_credits", "No credits are left.");
            case EXPIRED -> throw LyceumException.conflict("package.expired", "The package's credits have expired.");
            case PENDING_PAYMENT -> throw LyceumException.conflict("package.not_paid", "The package is not paid yet.");
            case REFUNDED, CANCELLED ->
                throw LyceumException.conflict("package.not_active", "The package is " + pack.status() + ".");
        }
    }

    /** price / lessons per credit; the last credit takes whatever is left, so the credits sum to the price. */
    private Money nextCreditValue(Pack pack) {
        if (pack.creditsLeft() == 1) {
            return store.unusedValue(pack);
        }
        return Money.of(pack.price().amount() / pack.lessons(), pack.price().currencyCode());
    }

    /**
     * The booking flow opens a BOOKING order for a PENDING_PAYMENT booking; a booking paid with a credit must never be
     * paid again, so its order is cancelled here (opened first, cancelled, when the booking flow has not opened it
     * yet: opening is idempotent per booking, so the flow then finds it cancelled). The order's fulfilment is not
     * told the order was abandoned: the booking is paid, not given up.
     */
    private void withdrawBookingOrder(BookingSummary booking, Pack pack, Orders.Actor actor) {
        Order order = orders.findByReference(
                        OrderKind.BOOKING, booking.bookingId().value())
                .orElseGet(() -> orders.open(
                        new Orders.NewOrder(
                                OrderKind.BOOKING,
                                booking.bookingId().value(),
                                booking.bookedBy(),
                                booking.studentId().value(),
                                booking.tutorId().value(),
                                "Lesson",
                                booking.price(),
                                null),
                        actor));
        Order locked = orders.lock(order.id());
        if (locked.status().closedWithoutPayment()) {
            return;
        }
        if (locked.status().paid()) {
            throw LyceumException.conflict("package.booking_already_paid", "The booking has already been paid.");
        }
        if (locked.status() == OrderStatus.PROCESSING) {
            throw LyceumException.conflict(
                    "package.booking_payment_in_progress", "A payment for this booking is being processed.");
        }
        orders.transition(
                locked,
                OrderStatus.PAID_WITH_CREDIT,
                actor,
                "paid with package credit",
                Map.of("packageId", pack.id().toString()));
    }

    // ---- a booking paid with a credit was cancelled

    /**
     * Called in the listener's transaction. With no fee the credit comes back to the package (or, when the package
     * has expired or been refunded since, its value is expired or kept as store credit). With a late-cancellation
     * fee the credit is spent: its value is split as the decision splits the price (refund part to the student's
     * store credit, the tutor's compensation earned with commission and release hold like a lesson, the rest of the
     * fee to the platform).
     */
    void bookingCancelled(UUID bookingId, UUID tutorId, CancellationDecision decision, Instant at) {
        Optional<CreditUse> found = store.useOfBooking(bookingId);
        if (found.isEmpty()) {
            return;
        }
        Pack pack = store.lock(found.get().packageId()).orElseThrow();
        CreditUse use = store.useOfBooking(bookingId).orElseThrow();
        if (use.restoredAt() != null) {
            return;
        }
        Money value = use.value();
        Money price = decision.refund().plus(decision.fee());
        if (decision.fee().isZero() || !price.isPositive()) {
            store.markRestored(use.id(), at);
            boolean usable = (pack.status() == Status.ACTIVE || pack.status() == Status.EXHAUSTED)
                    && (pack.expiresAt() == null || at.isBefore(pack.expiresAt()));
            purchases.move(
                    "CREDIT_RESTORED",
                    "booking:" + bookingId + ":credit-restored",
                    "Package credit given back: lesson cancelled",
                    pack.orderId(),
                    bookingId,
                    at,
                    value,
                    PREPAYMENTS,
                    studentCredit(pack.studentId()));
            if (usable) {
                store.update(pack, Status.ACTIVE, pack.creditsLeft() + 1, pack.paidAt(), pack.expiresAt(), at);
                store.appendHistory(
                        pack.id(),
                        "CREDIT_RESTORED",
                        pack.status(),
                        Status.ACTIVE,
                        pack.creditsLeft() + 1,
                        Orders.Actor.SYSTEM,
                        "booking cancelled",
                        Map.of("bookingId", bookingId.toString(), "valueAmount", value.amount()),
                        at);
            } else if (pack.status() == Status.EXPIRED) {
                purchases.move(
                        "CREDIT_EXPIRED",
                        "booking:" + bookingId + ":credit-expired",
                        "Package credit given back after the package expired",
                        pack.orderId(),
                        null,
                        at,
                        value,
                        studentCredit(pack.studentId()),
                        PLATFORM);
                store.appendHistory(
                        pack.id(),
                        "CREDIT_EXPIRED",
                        pack.status(),
                        pack.status(),
                        pack.creditsLeft(),
                        Orders.Actor.SYSTEM,
                        "booking cancelled after the package expired",
                        Map.of("bookingId", bookingId.toString(), "valueAmount", value.amount()),
                        at);
            } else {
                store.appendHistory(
                        pack.id(),
                        "CREDIT_TO_STORE_CREDIT",
                        pack.status(),
                        pack.status(),
                        pack.creditsLeft(),
                        Orders.Actor.SYSTEM,
                        "booking cancelled after the package was refunded: value kept as store credit",
                        Map.of("bookingId", bookingId.toString(), "valueAmount", value.amount()),
                        at);
            }
            return;
        }
        Money refundPart = share(value, decision.refund(), price);
        Money tutorPart = share(value, decision.tutorCompensation(), price);
        Money platformPart = value.minus(refundPart).minus(tutorPart);
        if (refundPart.plus(platformPart).isPositive()) {
            ledger.post(new Posting(
                    "CREDIT_FORFEITED",
                    "booking:" + bookingId + ":credit-forfeited",
                    "Package credit of a lesson cancelled late (" + decision.rule() + ")",
                    pack.orderId(),
                    bookingId,
                    null,
                    at,
                    List.of(
                            Line.debit(LedgerAccountType.CUSTOMER_PREPAYMENTS, null, refundPart.plus(platformPart)),
                            Line.credit(LedgerAccountType.STUDENT_CREDIT, pack.studentId(), refundPart),
                            Line.credit(LedgerAccountType.PLATFORM_REVENUE, null, platformPart))));
        }
        if (tutorPart.isPositive()) {
            // what is still held for the booking is the tutor's compensation: earned as a lesson is, with the
            // commission of the tutor's tier and the release hold, exactly as for a lesson paid by card
            earnings.getObject().earn(bookingId, tutorId, null);
        }
        store.appendHistory(
                pack.id(),
                "CREDIT_FORFEITED",
                pack.status(),
                pack.status(),
                pack.creditsLeft(),
                Orders.Actor.SYSTEM,
                "booking cancelled with a fee",
                Map.of(
                        "bookingId", bookingId.toString(),
                        "refundToStoreCreditAmount", refundPart.amount(),
                        "tutorAmount", tutorPart.amount(),
                        "platformAmount", platformPart.amount()),
                at);
    }

    /** value × part / whole, rounded down. */
    private static Money share(Money value, Money part, Money whole) {
        return Money.of(Math.multiplyExact(value.amount(), part.amount()) / whole.amount(), value.currencyCode());
    }

    // ---- expiry

    /** One expired package (locked by the caller's claim): what is left becomes platform revenue. */
    void expire(Pack pack, Instant now) {
        Money left = store.unusedValue(pack);
        if (pack.creditsLeft() > 0 && left.isPositive()) {
            purchases.move(
                    "CREDIT_EXPIRED",
                    "package:" + pack.id() + ":expired",
                    "Unused package credits expired",
                    pack.orderId(),
                    null,
                    now,
                    left,
                    studentCredit(pack.studentId()),
                    PLATFORM);
        }
        store.update(pack, Status.EXPIRED, 0, pack.paidAt(), pack.expiresAt(), now);
        store.appendHistory(
                pack.id(),
                "EXPIRED",
                pack.status(),
                Status.EXPIRED,
                0,
                Orders.Actor.SYSTEM,
                "credit validity ended",
                Map.of("creditsExpired", pack.creditsLeft(), "valueAmount", left.amount()),
                now);
    }

    List<Pack> claimExpiring(Instant now, java.time.Duration lead, int limit) {
        return store.claimExpiring(now, lead, limit);
    }

    void markExpiryWarned(Pack pack, Instant now) {
        store.markExpiryWarned(pack.id(), now);
    }

    List<Pack> claimExpired(Instant now, int limit) {
        return store.claimExpired(now, limit);
    }

    // ---- refund of the unused credits

    Refunds.Refund refund(CurrentUser user, UUID packageId, @Nullable String reason) {
        return transactions.execute(status -> {
            Pack pack = store.lock(packageId).orElseThrow(Packages::notFound);
            if (!user.isStaff() && !parties.actsFor(user, pack.studentId())) {
                throw notFound();
            }
            return refundLocked(pack, null, reason == null ? "unused package credits" : reason, user);
        });
    }

    /**
     * Refunds a locked package's unused credits (or {@code amount} of their value when an admin gives less or more:
     * what is not refunded goes to the platform, what is refunded beyond it is the platform's goodwill).
     */
    Refunds.Refund refundLocked(Pack pack, @Nullable Money amount, String reason, CurrentUser user) {
        Instant now = clock.instant();
        switch (pack.status()) {
            case REFUNDED -> throw LyceumException.conflict("package.already_refunded", "The package was refunded.");
            case PENDING_PAYMENT, CANCELLED ->
                throw LyceumException.conflict("package.not_paid", "The package was never paid.");
            case EXPIRED -> throw LyceumException.conflict("package.expired", "The package's credits have expired.");
            case EXHAUSTED ->
                throw LyceumException.conflict("package.nothing_to_refund", "Every credit has been used.");
            case ACTIVE -> {}
        }
        Money unused = store.unusedValue(pack);
        Money refund = amount == null ? unused : amount;
        String owner = "package:" + pack.id();
        // an ACTIVE package was paid through the order its purchase opened
        UUID orderId = Objects.requireNonNull(pack.orderId());
        Refunds.Refund made =
                purchases.refund(owner, orderId, pack.studentId(), unused, refund, reason, BillingParties.actor(user));
        purchases.retainUnrefunded(owner, orderId, pack.studentId(), unused, refund, now);
        store.update(pack, Status.REFUNDED, 0, pack.paidAt(), pack.expiresAt(), now);
        store.appendHistory(
                pack.id(),
                "REFUNDED",
                pack.status(),
                Status.REFUNDED,
                0,
                BillingParties.actor(user),
                reason,
                Map.of(
                        "refundId", made.id().toString(),
                        "amount", refund.amount(),
                        "creditsRefunded", pack.creditsLeft()),
                now);
        return made;
    }

    Optional<Pack> lockByOrder(UUID orderId) {
        return orders.find(orderId).flatMap(o -> store.lock(o.referenceId()));
    }

    private static @Nullable Level level(@Nullable String level) {
        if (level == null || level.isBlank()) {
            return null;
        }
        try {
            return Level.valueOf(level.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("package.invalid_level", "level", "must be one of " + List.of(Level.values()));
        }
    }
}
