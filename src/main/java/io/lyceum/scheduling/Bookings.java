package io.lyceum.scheduling;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.catalog.CatalogApi;
import io.lyceum.catalog.LessonQuote;
import io.lyceum.catalog.Level;
import io.lyceum.catalog.TutorTerms;
import io.lyceum.scheduling.BookingJournal.Actor;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bookings and their state machine (see {@code docs/bookings.md}). Every transition runs in one transaction that
 * locks the booking row (SELECT ... FOR UPDATE), checks the actor, the state and the time, updates the row under its
 * version, appends the history entry and publishes the events, so two concurrent transitions of one booking run one
 * after the other and the second sees the first's result. Overlaps are left to the database's exclusion constraints.
 */
@Service
class Bookings {

    /** How the caller relates to a booking; someone with none of these does not see it (404). */
    enum Party {
        STUDENT,
        GUARDIAN,
        TUTOR,
        ADMIN
    }

    /** A request to book; {@code studentId} is for guardians (a student books for themself). */
    record NewBooking(
            UUID tutorId,
            @Nullable UUID subjectId,
            @Nullable String level,
            Instant startsAt,
            int durationMinutes,
            boolean trial,
            @Nullable String note,
            @Nullable UUID studentId) {}

    /** A booking with its history, as its parties see it. */
    record Detail(Booking booking, CancellationPolicy policy, List<BookingStore.HistoryEntry> history) {}

    private final BookingStore store;
    private final ScheduleStore schedules;
    private final CancellationPolicies policies;
    private final CatalogApi catalog;
    private final AccountsApi accounts;
    private final BookingJournal journal;
    private final TransactionTemplate transactions;
    private final BookingProperties properties;
    private final Clock clock;

    Bookings(
            BookingStore store,
            ScheduleStore schedules,
            CancellationPolicies policies,
            CatalogApi catalog,
            AccountsApi accounts,
            BookingJournal journal,
            TransactionTemplate transactions,
            BookingProperties properties,
            Clock clock) {
        this.store = store;
        this.schedules = schedules;
        this.policies = policies;
        this.catalog = catalog;
        this.accounts = accounts;
        this.journal = journal;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    // ---- errors

    static LyceumException notFound() {
        return LyceumException.notFound("booking.not_found", "No such booking.");
    }

    static LyceumException forbidden(String detail) {
        return LyceumException.forbidden("booking.forbidden", detail);
    }

    static LyceumException tooLate(String detail) {
        return LyceumException.conflict("booking.too_late", detail);
    }

    static LyceumException tooEarly(String detail) {
        return LyceumException.conflict("booking.too_early", detail);
    }

    private static LyceumException notOffered(String detail) {
        return LyceumException.conflict("booking.slot_not_offered", detail);
    }

    private static LyceumException invalid(String code, String field, String message) {
        return LyceumException.invalid(code, message, List.of(new FieldError(field, message)));
    }

    // ---- placing

    /**
     * Places a booking. The checks and the insert share one transaction (one connection); when concurrent inserts of
     * overlapping bookings deadlock, the whole placement is retried and then sees the winner.
     */
    Booking place(CurrentUser user, NewBooking request) {
        return write(() -> placeInTransaction(user, request));
    }

    private Booking placeInTransaction(CurrentUser user, NewBooking request) {
        UUID studentId = studentFor(user, request.studentId());
        TutorTerms terms = catalog.tutorTerms(TutorId.of(request.tutorId()))
                .orElseThrow(() -> LyceumException.notFound(
                        "booking.tutor_unavailable", "No approved tutor with this id can be booked."));
        // the one pricing model (catalog's TutorTerms): the price a quote and search show is the price charged
        LessonQuote quote = terms.quote(
                request.subjectId(), level(request.level()), request.durationMinutes(), request.trial(), "booking");
        Money price = quote.price();
        TutorSchedule schedule = schedules
                .find(request.tutorId())
                .orElseThrow(() -> notOffered("The tutor has not published availability yet."));
        if (!schedule.offersLength(request.durationMinutes())) {
            throw invalid(
                    "booking.invalid_duration",
                    "durationMinutes",
                    "The tutor teaches lessons of " + schedule.lessonLengths() + " minutes.");
        }
        requireWholeMinute(request.startsAt());
        Instant now = clock.instant();
        requireFuture(request.startsAt(), now, "startsAt");
        Bookability.refusal(schedule, request.startsAt(), request.durationMinutes(), now)
                .ifPresent(reason -> {
                    throw notOffered(reason);
                });
        if (request.trial() && store.activeTrialExists(request.tutorId(), studentId)) {
            throw BookingConflicts.trialUsed();
        }
        CancellationPolicy policy = policies.effective(request.tutorId());
        BookingState state = initialState(price, schedule);
        Instant start = request.startsAt();
        Instant end = start.plus(Duration.ofMinutes(request.durationMinutes()));
        Instant holdEnd = now.plus(properties.holdDuration());
        Instant hold = state != BookingState.PENDING_PAYMENT ? null : holdEnd.isBefore(start) ? holdEnd : start;
        Booking booking = new Booking(
                Ids.newId(),
                request.tutorId(),
                studentId,
                user.userId().value(),
                quote.subjectId(),
                quote.level().name(),
                null,
                request.trial(),
                start,
                end,
                end.plus(schedule.buffer()),
                state,
                price,
                blankToNull(request.note()),
                hold,
                0,
                schedule.requiresConfirmation(),
                policy,
                null,
                null,
                1,
                now,
                now);
        store.insert(booking);
        Actor actor = actor(user);
        journal.record(booking, null, state, actor, null, Map.of("priceAmount", price.amount()), now);
        journal.publish(new BookingPlaced(
                TenantContext.require(),
                BookingId.of(booking.id()),
                TutorId.of(booking.tutorId()),
                UserId.of(booking.studentId()),
                booking.bookedBy(),
                start,
                end,
                price,
                booking.trial(),
                state,
                hold,
                now,
                null));
        announce(booking, state, now);
        return booking;
    }

    /** Whom a booking is for: a student books for themself, a guardian for a linked student. */
    private UUID studentFor(CurrentUser user, @Nullable UUID requested) {
        if (user.role() == Role.STUDENT) {
            if (requested != null && !requested.equals(user.userId().value())) {
                throw forbidden("A student books lessons for themself only.");
            }
            return user.userId().value();
        }
        if (user.role() == Role.GUARDIAN) {
            if (requested == null) {
                List<UUID> linked = UserId.valuesOf(accounts.studentsOf(user.userId()));
                if (linked.size() == 1) {
                    return linked.getFirst();
                }
                throw invalid(
                        "booking.student_required",
                        "studentId",
                        linked.isEmpty()
                                ? "Link a student to your account before booking for them."
                                : "Say which of your linked students the lesson is for.");
            }
            requireLinked(user, requested);
            return requested;
        }
        throw forbidden("Only students and guardians book lessons.");
    }

    private void requireLinked(CurrentUser guardian, UUID studentId) {
        if (studentId.equals(guardian.userId().value())
                || !accounts.mayActFor(guardian.userId(), UserId.of(studentId))) {
            throw LyceumException.forbidden(
                    "booking.student_not_linked", "You may book only for students linked to your account.");
        }
    }

    // ---- reading

    Detail get(CurrentUser user, UUID id) {
        Booking booking = store.find(id).orElseThrow(Bookings::notFound);
        party(user, booking);
        return new Detail(booking, policyOf(booking), store.history(id));
    }

    List<BookingStore.HistoryEntry> history(CurrentUser user, UUID id) {
        return get(user, id).history();
    }

    PageResponse<BookingStore.HistoryEntry> history(CurrentUser user, UUID id, PageQuery page) {
        party(user, store.find(id).orElseThrow(Bookings::notFound));
        return store.history(id, page);
    }

    PageResponse<Booking> list(
            CurrentUser user,
            @Nullable Collection<BookingState> states,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable UUID tutorId,
            @Nullable UUID studentId,
            PageQuery page) {
        page.requireSortable(Set.of("startsAt"));
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalid("booking.invalid_range", "to", "must be after from");
        }
        boolean ascending =
                page.sort().stream().findFirst().map(PageQuery.Sort::ascending).orElse(true);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("me", user.userId().value());
        String scope =
                switch (user.role()) {
                    case STUDENT -> "student_id = :me";
                    case TUTOR -> "tutor_id = :me";
                    case GUARDIAN -> {
                        List<UUID> linked = UserId.valuesOf(accounts.studentsOf(user.userId()));
                        if (linked.isEmpty()) {
                            yield "booked_by = :me";
                        }
                        params.put("linked", linked);
                        yield "booked_by = :me OR student_id IN (:linked)";
                    }
                    case ADMIN, OWNER -> "TRUE";
                };
        return store.page(
                new BookingStore.ListFilter(scope, params, states, from, to, tutorId, studentId), page, ascending);
    }

    CancellationPolicy policyOf(Booking booking) {
        return booking.policy() != null ? booking.policy() : policies.effective(booking.tutorId());
    }

    /** How the user relates to the booking; 404 when they may not see it. */
    Party party(CurrentUser user, Booking booking) {
        return partyOf(user, booking).orElseThrow(Bookings::notFound);
    }

    Optional<Party> partyOf(CurrentUser user, Booking booking) {
        if (user.isStaff()) {
            return Optional.of(Party.ADMIN);
        }
        UUID me = user.userId().value();
        if (user.role() == Role.TUTOR && me.equals(booking.tutorId())) {
            return Optional.of(Party.TUTOR);
        }
        if (user.role() == Role.STUDENT && me.equals(booking.studentId())) {
            return Optional.of(Party.STUDENT);
        }
        if (user.role() == Role.GUARDIAN
                && (me.equals(booking.bookedBy())
                        || accounts.mayActFor(UserId.of(me), UserId.of(booking.studentId())))) {
            return Optional.of(Party.GUARDIAN);
        }
        return Optional.empty();
    }

    // ---- transitions by the parties

    Booking cancel(CurrentUser user, UUID id, String reason) {
        return transition(user, id, (booking, party, now) -> {
            requireParty(BookingAction.CANCEL, party);
            BookingLifecycle.require(booking, BookingAction.CANCEL);
            require(
                    now.isBefore(booking.startsAt()),
                    () -> tooLate("A lesson that has started cannot be cancelled; report a no-show or open a "
                            + "dispute instead."));
            CancellationPolicy.Canceller canceller =
                    switch (party) {
                        case TUTOR -> CancellationPolicy.Canceller.TUTOR;
                        case ADMIN -> CancellationPolicy.Canceller.ADMIN;
                        case STUDENT, GUARDIAN -> CancellationPolicy.Canceller.STUDENT_SIDE;
                    };
            CancellationDecision decision =
                    policyOf(booking).decide(booking.price(), booking.state(), booking.startsAt(), now, canceller);
            store.updateState(booking, BookingAction.CANCEL, BookingState.CANCELLED, now);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("rule", decision.rule());
            details.put("refundAmount", decision.refund().amount());
            details.put("feeAmount", decision.fee().amount());
            details.put("tutorCompensationAmount", decision.tutorCompensation().amount());
            Actor actor = actor(user);
            journal.record(booking, booking.state(), BookingState.CANCELLED, actor, reason, details, now);
            journal.publish(new BookingCancelled(
                    TenantContext.require(),
                    BookingId.of(booking.id()),
                    TutorId.of(booking.tutorId()),
                    UserId.of(booking.studentId()),
                    actor.id(),
                    actor.role(),
                    reason,
                    booking.startsAt(),
                    decision,
                    now));
            if (party == Party.ADMIN) {
                journal.publish(io.lyceum.platform.AdministrativeAction.of(
                        TenantContext.require().value(),
                        user.userId().value(),
                        "BOOKING_CANCELLED",
                        "BOOKING",
                        booking.id(),
                        Map.of("state", booking.state().name()),
                        Map.of(
                                "state",
                                BookingState.CANCELLED.name(),
                                "refundAmount",
                                decision.refund().amount()),
                        reason,
                        now));
            }
        });
    }

    Booking confirm(CurrentUser user, UUID id) {
        return transition(user, id, (booking, party, now) -> {
            requireParty(BookingAction.CONFIRM, party);
            BookingLifecycle.require(booking, BookingAction.CONFIRM);
            require(now.isBefore(confirmBy(booking)), () -> tooLate("The time to confirm this booking has passed."));
            store.updateState(booking, BookingAction.CONFIRM, BookingState.CONFIRMED, now);
            journal.record(booking, booking.state(), BookingState.CONFIRMED, actor(user), null, null, now);
            announce(booking, BookingState.CONFIRMED, now);
        });
    }

    Booking decline(CurrentUser user, UUID id, String reason) {
        return transition(user, id, (booking, party, now) -> {
            requireParty(BookingAction.DECLINE, party);
            BookingLifecycle.require(booking, BookingAction.DECLINE);
            require(now.isBefore(booking.startsAt()), () -> tooLate("The lesson has already started."));
            store.updateState(booking, BookingAction.DECLINE, BookingState.DECLINED, now);
            journal.record(booking, booking.state(), BookingState.DECLINED, actor(user), reason, null, now);
            journal.publish(new BookingDeclined(
                    TenantContext.require(),
                    BookingId.of(booking.id()),
                    TutorId.of(booking.tutorId()),
                    UserId.of(booking.studentId()),
                    booking.bookedBy(),
                    user.userId().value(),
                    false,
                    reason,
                    booking.startsAt(),
                    now));
        });
    }

    Booking markNoShowStudent(CurrentUser user, UUID id, @Nullable String reason) {
        return transition(user, id, (booking, party, now) -> {
            noShow(user, booking, party, BookingAction.MARK_NO_SHOW_STUDENT, BookingState.NO_SHOW_STUDENT, reason, now);
        });
    }

    Booking markNoShowTutor(CurrentUser user, UUID id, @Nullable String reason) {
        return transition(user, id, (booking, party, now) -> {
            noShow(user, booking, party, BookingAction.MARK_NO_SHOW_TUTOR, BookingState.NO_SHOW_TUTOR, reason, now);
        });
    }

    private void noShow(
            CurrentUser user,
            Booking booking,
            Party party,
            BookingAction action,
            BookingState next,
            @Nullable String reason,
            Instant now) {
        requireParty(action, party);
        BookingLifecycle.require(booking, action);
        require(
                !now.isBefore(booking.startsAt()),
                () -> tooEarly("A no-show can be reported once the lesson has started."));
        store.updateState(booking, action, next, now);
        Actor actor = actor(user);
        journal.record(booking, booking.state(), next, actor, reason, null, now);
        journal.publish(new BookingNoShowReported(
                TenantContext.require(),
                BookingId.of(booking.id()),
                TutorId.of(booking.tutorId()),
                UserId.of(booking.studentId()),
                next,
                user.userId().value(),
                actor.role(),
                reason,
                booking.price(),
                disputableUntil(booking),
                now));
    }

    Booking dispute(CurrentUser user, UUID id, String reason) {
        return transition(user, id, (booking, party, now) -> {
            requireParty(BookingAction.DISPUTE, party);
            BookingLifecycle.require(booking, BookingAction.DISPUTE);
            require(
                    !now.isAfter(disputableUntil(booking)),
                    () -> tooLate("Disputes must be opened within "
                            + properties.disputeWindow().toHours() + " hours after the lesson's end."));
            store.updateState(booking, BookingAction.DISPUTE, BookingState.DISPUTED, now);
            Actor actor = actor(user);
            journal.record(booking, booking.state(), BookingState.DISPUTED, actor, reason, null, now);
            journal.publish(new BookingDisputed(
                    TenantContext.require(),
                    BookingId.of(booking.id()),
                    TutorId.of(booking.tutorId()),
                    UserId.of(booking.studentId()),
                    booking.state(),
                    user.userId().value(),
                    actor.role(),
                    reason,
                    now));
        });
    }

    Booking resolve(
            CurrentUser user, UUID id, DisputeOutcome outcome, @Nullable Integer studentSharePercent, String note) {
        if (outcome == DisputeOutcome.SPLIT && studentSharePercent == null) {
            throw invalid("booking.share_required", "studentSharePercent", "A split needs the student's share.");
        }
        if (outcome != DisputeOutcome.SPLIT && studentSharePercent != null) {
            throw invalid("booking.share_not_applicable", "studentSharePercent", "Only a split takes a share.");
        }
        int share = studentSharePercent == null ? 0 : studentSharePercent; // checked above: given for a split
        return transition(user, id, (booking, party, now) -> {
            requireParty(BookingAction.RESOLVE, party);
            BookingLifecycle.require(booking, BookingAction.RESOLVE);
            Money price = booking.price();
            Money refund =
                    switch (outcome) {
                        case REFUND_STUDENT -> price;
                        case RELEASE_TUTOR -> Money.zero(price.currency());
                        case SPLIT -> price.basisPoints(share * 100);
                    };
            Money tutorAmount = price.minus(refund);
            store.updateState(booking, BookingAction.RESOLVE, BookingState.RESOLVED, now);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("outcome", outcome.name());
            details.put("studentRefundAmount", refund.amount());
            details.put("tutorAmount", tutorAmount.amount());
            journal.record(booking, booking.state(), BookingState.RESOLVED, actor(user), note, details, now);
            journal.publish(new BookingDisputeResolved(
                    TenantContext.require(),
                    BookingId.of(booking.id()),
                    TutorId.of(booking.tutorId()),
                    UserId.of(booking.studentId()),
                    outcome,
                    price,
                    refund,
                    tutorAmount,
                    user.userId().value(),
                    note,
                    now));
            journal.publish(io.lyceum.platform.AdministrativeAction.of(
                    TenantContext.require().value(),
                    user.userId().value(),
                    "BOOKING_DISPUTE_RESOLVED",
                    "BOOKING",
                    booking.id(),
                    Map.of("state", booking.state().name()),
                    Map.of(
                            "state",
                            BookingState.RESOLVED.name(),
                            "outcome",
                            outcome.name(),
                            "studentRefundAmount",
                            refund.amount(),
                            "tutorAmount",
                            tutorAmount.amount()),
                    note,
                    now));
        });
    }

    Booking reschedule(CurrentUser user, UUID id, Instant newStart) {
        requireWholeMinute(newStart);
        return transition(user, id, (booking, party, now) -> {
            requireParty(BookingAction.RESCHEDULE, party);
            BookingLifecycle.require(booking, BookingAction.RESCHEDULE);
            CancellationPolicy policy = policyOf(booking);
            require(
                    policy.allowsRescheduleAt(booking.startsAt(), now),
                    () -> tooLate("Lessons can be moved until " + policy.rescheduleUntilHours()
                            + " hours before they start."));
            require(
                    policy.reschedulesLeft(booking.rescheduleCount()) > 0,
                    () -> LyceumException.conflict(
                            "booking.reschedule_limit_reached",
                            "This booking has been moved " + booking.rescheduleCount() + " times, the most allowed."));
            if (newStart.equals(booking.startsAt())) {
                throw invalid("booking.invalid_start", "startsAt", "The booking already starts at that time.");
            }
            requireFuture(newStart, now, "startsAt");
            TutorSchedule schedule =
                    schedules.find(booking.tutorId()).orElseThrow(() -> notOffered("The tutor has no availability."));
            Bookability.refusal(schedule, newStart, booking.durationMinutes(), now)
                    .ifPresent(reason -> {
                        throw notOffered(reason);
                    });
            // a student's move of a booking the tutor had to confirm needs the tutor's confirmation again
            BookingState next =
                    booking.confirmationRequired() && party != Party.TUTOR ? BookingState.REQUESTED : booking.state();
            Instant newEnd = newStart.plus(Duration.ofMinutes(booking.durationMinutes()));
            store.updateTime(booking, newStart, newEnd, schedule.buffer(), next, now);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("previousStartsAt", booking.startsAt().toString());
            details.put("startsAt", newStart.toString());
            Actor actor = actor(user);
            journal.record(booking, booking.state(), next, actor, "rescheduled", details, now);
            journal.publish(new BookingRescheduled(
                    TenantContext.require(),
                    BookingId.of(booking.id()),
                    TutorId.of(booking.tutorId()),
                    UserId.of(booking.studentId()),
                    user.userId().value(),
                    booking.startsAt(),
                    newStart,
                    newEnd,
                    now));
            if (next != booking.state()) {
                Booking moved = store.find(booking.id()).orElseThrow();
                announce(moved, next, now);
            }
        });
    }

    Booking assignStudent(CurrentUser user, UUID id, UUID studentId) {
        return transition(user, id, (booking, party, now) -> {
            requireParty(BookingAction.ASSIGN_STUDENT, party);
            require(
                    user.userId().value().equals(booking.bookedBy()),
                    () -> forbidden(BookingAction.ASSIGN_STUDENT.refusal()));
            requireLinked(user, studentId);
            BookingLifecycle.require(booking, BookingAction.ASSIGN_STUDENT);
            require(now.isBefore(booking.startsAt()), () -> tooLate("The lesson has already started."));
            if (studentId.equals(booking.studentId())) {
                return;
            }
            if (booking.trial() && store.activeTrialExists(booking.tutorId(), studentId)) {
                throw BookingConflicts.trialUsed();
            }
            store.updateStudent(booking, studentId, now);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("previousStudentId", booking.studentId().toString());
            details.put("studentId", studentId.toString());
            journal.record(booking, booking.state(), booking.state(), actor(user), "student assigned", details, now);
            journal.publish(new BookingStudentAssigned(
                    TenantContext.require(),
                    BookingId.of(booking.id()),
                    TutorId.of(booking.tutorId()),
                    UserId.of(booking.studentId()),
                    UserId.of(studentId),
                    user.userId().value(),
                    now));
        });
    }

    // ---- billing's answers (tenant bound by the caller)

    /** PENDING_PAYMENT becomes REQUESTED or CONFIRMED; a payment for a released booking is handed back to billing. */
    void paymentSucceeded(UUID id, String paymentReference) {
        String reference = paymentReference == null ? "unknown" : paymentReference;
        write(() -> {
            Optional<Booking> locked = store.lock(id);
            if (locked.isEmpty()) {
                return null;
            }
            Booking booking = locked.get();
            Instant now = clock.instant();
            Map<String, Object> details = Map.of("paymentReference", reference);
            boolean awaited = BookingLifecycle.allows(booking.state(), BookingAction.PAYMENT_SUCCEEDED);
            if (awaited && now.isBefore(booking.startsAt())) {
                BookingState next = booking.confirmationRequired() ? BookingState.REQUESTED : BookingState.CONFIRMED;
                store.updateState(booking, BookingAction.PAYMENT_SUCCEEDED, next, now);
                journal.record(booking, booking.state(), next, Actor.BILLING, "payment succeeded", details, now);
                announce(booking, next, now);
                return null;
            }
            if (awaited) {
                // the lesson started before the payment arrived (the sweeper had not expired the hold yet)
                store.updateState(booking, BookingAction.PAYMENT_SUCCEEDED, BookingState.EXPIRED, now);
                journal.record(
                        booking, booking.state(), BookingState.EXPIRED, Actor.BILLING, "hold expired", null, now);
                journal.publish(expired(booking, BookingExpired.HOLD_EXPIRED, now));
                booking = booking.withState(BookingState.EXPIRED, now);
            }
            if (booking.state().occupiesSlot() || store.historyHas(id, "paymentReference", reference)) {
                return null; // a redelivery of a payment already applied or already handed back
            }
            journal.record(
                    booking,
                    booking.state(),
                    booking.state(),
                    Actor.BILLING,
                    "payment arrived after the booking released its slot",
                    Map.of("paymentReference", reference, "lateArrival", true),
                    now);
            journal.publish(new BookingPaymentArrivedTooLate(
                    TenantContext.require(), BookingId.of(id), paymentReference, booking.state(), now));
            return null;
        });
    }

    /** PENDING_PAYMENT becomes EXPIRED; anything else ignores the answer. */
    void paymentFailed(UUID id, String reason) {
        transactions.executeWithoutResult(status -> store.lock(id)
                .filter(b -> BookingLifecycle.allows(b.state(), BookingAction.PAYMENT_FAILED))
                .ifPresent(booking -> {
                    Instant now = clock.instant();
                    store.updateState(booking, BookingAction.PAYMENT_FAILED, BookingState.EXPIRED, now);
                    journal.record(
                            booking,
                            booking.state(),
                            BookingState.EXPIRED,
                            Actor.BILLING,
                            reason == null ? "payment failed" : reason,
                            null,
                            now);
                    journal.publish(expired(booking, BookingExpired.PAYMENT_FAILED, now));
                }));
    }

    // ---- billing's course-pack enrollments (tenant and transaction bound by the caller)

    /**
     * Places the lessons of a course pack for a student in the caller's transaction, all or nothing: each start must be
     * offered by the tutor's schedule, and the exclusion constraints refuse overlaps. A refusal names the start. The
     * lessons are PENDING_PAYMENT until {@code holdUntil} (the enrollment's payment deadline); billing confirms them
     * with {@link BookingPaymentSucceeded} once the enrollment is paid.
     */
    List<UUID> placeCoursePackLessons(SchedulingApi.CoursePackLessons request) {
        if (request.starts().size() != request.prices().size()) {
            throw new IllegalArgumentException("One price per lesson");
        }
        TutorSchedule schedule = schedules
                .find(request.tutorId().value())
                .orElseThrow(() -> notOffered("The tutor has not published availability yet."));
        CancellationPolicy policy = policies.effective(request.tutorId().value());
        Instant now = clock.instant();
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < request.starts().size(); i++) {
            Instant start = request.starts().get(i);
            Money price = request.prices().get(i);
            if (!start.truncatedTo(ChronoUnit.MINUTES).equals(start)) {
                throw invalid("booking.invalid_start", "lessonStarts[" + i + "]", "must be on a whole minute");
            }
            requireFuture(start, now, "lessonStarts[" + i + "]");
            Bookability.refusal(schedule, start, request.durationMinutes(), now).ifPresent(reason -> {
                throw notOffered("The lesson at " + start + " cannot be booked: " + reason);
            });
            Instant end = start.plus(Duration.ofMinutes(request.durationMinutes()));
            BookingState state = initialState(price, schedule);
            Instant hold = state != BookingState.PENDING_PAYMENT
                    ? null
                    : request.holdUntil().isBefore(start) ? request.holdUntil() : start;
            Booking booking = new Booking(
                    Ids.newId(),
                    request.tutorId().value(),
                    request.studentId().value(),
                    request.bookedBy(),
                    request.subjectId(),
                    request.level(),
                    request.coursePackId().value(),
                    false,
                    start,
                    end,
                    end.plus(schedule.buffer()),
                    state,
                    price,
                    null,
                    hold,
                    0,
                    schedule.requiresConfirmation(),
                    policy,
                    null,
                    null,
                    1,
                    now,
                    now);
            try {
                store.insert(booking);
            } catch (org.springframework.dao.DataAccessException e) {
                throw namedConflict(e, start);
            }
            journal.record(
                    booking,
                    null,
                    state,
                    new Actor(request.bookedBy(), "ENROLLMENT"),
                    "course pack lesson",
                    Map.of(
                            "priceAmount",
                            price.amount(),
                            "coursePackId",
                            request.coursePackId().toString()),
                    now);
            journal.publish(new BookingPlaced(
                    TenantContext.require(),
                    BookingId.of(booking.id()),
                    TutorId.of(booking.tutorId()),
                    UserId.of(booking.studentId()),
                    booking.bookedBy(),
                    start,
                    end,
                    price,
                    false,
                    state,
                    hold,
                    now,
                    request.coursePackId()));
            announce(booking, state, now);
            ids.add(booking.id());
        }
        return ids;
    }

    /** An overlap refused by the database, naming the lesson's start; anything else (a deadlock) is rethrown. */
    private static RuntimeException namedConflict(org.springframework.dao.DataAccessException e, Instant start) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql
                    && BookingConflicts.EXCLUSION_VIOLATION.equals(sql.getSQLState())) {
                return String.valueOf(sql.getMessage()).contains("bookings_student_no_overlap")
                        ? LyceumException.conflict(
                                "booking.student_busy", "The student already has a lesson at " + start + ".")
                        : LyceumException.conflict(
                                "booking.slot_unavailable", "The tutor is already booked at " + start + ".");
            }
        }
        return e;
    }

    /**
     * Billing takes a lesson back (an enrollment cancelled or refunded): PENDING_PAYMENT becomes EXPIRED, a
     * REQUESTED or CONFIRMED lesson that has not started becomes CANCELLED with a full refund and no fee (billing
     * refunds it itself, pro rata); anything else is left alone. Returns the state afterwards. Idempotent.
     */
    BookingState releaseForBilling(UUID id, String reason) {
        Booking booking = store.lock(id).orElseThrow(Bookings::notFound);
        Instant now = clock.instant();
        Set<BookingState> targets = BookingLifecycle.targets(booking.state(), BookingAction.BILLING_RELEASE);
        if (targets.contains(BookingState.EXPIRED)) {
            store.updateState(booking, BookingAction.BILLING_RELEASE, BookingState.EXPIRED, now);
            journal.record(booking, booking.state(), BookingState.EXPIRED, Actor.BILLING, reason, null, now);
            journal.publish(expired(booking, BookingExpired.PAYMENT_FAILED, now));
            return BookingState.EXPIRED;
        }
        if (targets.contains(BookingState.CANCELLED) && now.isBefore(booking.startsAt())) {
            Money zero = Money.zero(booking.price().currency());
            CancellationDecision decision = new CancellationDecision(booking.price(), zero, zero, "BILLING_RELEASE");
            store.updateState(booking, BookingAction.BILLING_RELEASE, BookingState.CANCELLED, now);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("rule", decision.rule());
            details.put("refundAmount", decision.refund().amount());
            details.put("feeAmount", 0);
            details.put("tutorCompensationAmount", 0);
            journal.record(booking, booking.state(), BookingState.CANCELLED, Actor.BILLING, reason, details, now);
            journal.publish(new BookingCancelled(
                    TenantContext.require(),
                    BookingId.of(booking.id()),
                    TutorId.of(booking.tutorId()),
                    UserId.of(booking.studentId()),
                    null,
                    Actor.BILLING.role(),
                    reason,
                    booking.startsAt(),
                    decision,
                    now));
            return BookingState.CANCELLED;
        }
        return booking.state();
    }

    // ---- helpers shared with the timers

    Instant confirmBy(Booking booking) {
        return booking.startsAt().minus(properties.confirmationLead());
    }

    Instant disputableUntil(Booking booking) {
        return booking.endsAt().plus(properties.disputeWindow());
    }

    static BookingExpired expired(Booking booking, String cause, Instant now) {
        return new BookingExpired(
                TenantContext.require(),
                BookingId.of(booking.id()),
                TutorId.of(booking.tutorId()),
                UserId.of(booking.studentId()),
                cause,
                now);
    }

    /** The event of a booking that has just become REQUESTED or CONFIRMED. */
    void announce(Booking booking, BookingState state, Instant now) {
        switch (state) {
            case CONFIRMED ->
                journal.publish(new BookingConfirmed(
                        TenantContext.require(),
                        BookingId.of(booking.id()),
                        TutorId.of(booking.tutorId()),
                        UserId.of(booking.studentId()),
                        booking.bookedBy(),
                        booking.startsAt(),
                        booking.endsAt(),
                        now));
            case REQUESTED ->
                journal.publish(new BookingRequested(
                        TenantContext.require(),
                        BookingId.of(booking.id()),
                        TutorId.of(booking.tutorId()),
                        UserId.of(booking.studentId()),
                        booking.bookedBy(),
                        booking.startsAt(),
                        booking.endsAt(),
                        confirmBy(booking),
                        now));
            case PENDING_PAYMENT,
                    COMPLETED,
                    CANCELLED,
                    DECLINED,
                    EXPIRED,
                    NO_SHOW_STUDENT,
                    NO_SHOW_TUTOR,
                    DISPUTED,
                    RESOLVED -> {
                // announced by the event of the change that led there
            }
        }
    }

    // ---- plumbing

    @FunctionalInterface
    private interface Step {
        void apply(Booking booking, Party party, Instant now);
    }

    /** Locks the booking, runs the step and returns the booking as it is afterwards, all in one transaction. */
    private Booking transition(CurrentUser user, UUID id, Step step) {
        return write(() -> {
            Booking booking = store.lock(id).orElseThrow(Bookings::notFound);
            Party party = party(user, booking);
            step.apply(booking, party, clock.instant());
            return store.find(id).orElseThrow();
        });
    }

    private <T> T write(Supplier<T> work) {
        return BookingConflicts.guard(() -> transactions.execute(status -> work.get()));
    }

    /** PENDING_PAYMENT when the lesson has a price, else REQUESTED or CONFIRMED by the tutor's setting. */
    private static BookingState initialState(Money price, TutorSchedule schedule) {
        BookingState state = price.isPositive()
                ? BookingState.PENDING_PAYMENT
                : schedule.requiresConfirmation() ? BookingState.REQUESTED : BookingState.CONFIRMED;
        BookingLifecycle.checkInitial(state);
        return state;
    }

    /** 403 with the action's reason when the caller's relation to the booking does not let them do it. */
    private static void requireParty(BookingAction action, Party party) {
        require(action.mayBeDoneBy(party), () -> forbidden(action.refusal()));
    }

    private static Actor actor(CurrentUser user) {
        return new Actor(user.userId().value(), user.role().name());
    }

    private static void require(boolean condition, Supplier<LyceumException> error) {
        if (!condition) {
            throw error.get();
        }
    }

    /** A start that has already passed can never be booked: 422 {@code booking.start_in_past}, not "not offered". */
    static void requireFuture(Instant start, Instant now, String field) {
        if (!start.isAfter(now)) {
            throw invalid(
                    "booking.start_in_past",
                    field,
                    "The start " + start + " is in the past (it is now " + now.truncatedTo(ChronoUnit.SECONDS)
                            + "); choose a time that has not passed yet.");
        }
    }

    private static void requireWholeMinute(Instant start) {
        if (!start.truncatedTo(ChronoUnit.MINUTES).equals(start)) {
            throw invalid("booking.invalid_start", "startsAt", "must be on a whole minute");
        }
    }

    private static @Nullable Level level(@Nullable String level) {
        if (level == null || level.isBlank()) {
            return null;
        }
        try {
            return Level.valueOf(level.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("booking.invalid_level", "level", "must be one of " + List.of(Level.values()));
        }
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
