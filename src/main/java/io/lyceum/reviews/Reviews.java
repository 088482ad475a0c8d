package io.lyceum.reviews;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.accounts.UserSummary;
import io.lyceum.catalog.CatalogApi;
import io.lyceum.platform.AdministrativeAction;
import io.lyceum.reviews.ReviewStore.Review;
import io.lyceum.reviews.ReviewStore.StudentRating;
import io.lyceum.reviews.ReviewStore.Tally;
import io.lyceum.scheduling.BookingSummary;
import io.lyceum.scheduling.SchedulingApi;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of reviews: who may write, rate, reply, edit and hide, and when a review becomes visible. Every change that
 * moves a tutor's visible set recomputes the tutor's aggregates under a per-tutor lock and reports them to the catalog
 * in the same transaction.
 */
@Service
class Reviews implements ReviewsApi {

    static final int MAX_BODY = 5000;
    static final int MAX_REPLY = 3000;

    private final ReviewStore store;
    private final SchedulingApi scheduling;
    private final AccountsApi accounts;
    private final CatalogApi catalog;
    private final ReviewProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Reviews(
            ReviewStore store,
            SchedulingApi scheduling,
            AccountsApi accounts,
            CatalogApi catalog,
            ReviewProperties properties,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.scheduling = scheduling;
        this.accounts = accounts;
        this.catalog = catalog;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    // ---- reading

    @Override
    @Transactional(readOnly = true)
    public TutorRatings tutorRatings(TutorId tutorId) {
        return ratingsOf(store.tally(tutorId.value(), clock.instant()));
    }

    @Override
    @Transactional(readOnly = true)
    public StudentRatings studentRatings(UserId studentId) {
        return store.studentRatings(studentId.value());
    }

    TutorRatings ratingsOf(Tally tally) {
        if (tally.count() == 0) {
            return new TutorRatings(0, null, null);
        }
        BigDecimal average =
                BigDecimal.valueOf(tally.sum()).divide(BigDecimal.valueOf(tally.count()), 2, RoundingMode.HALF_UP);
        BigDecimal prior = properties.priorMean().multiply(BigDecimal.valueOf(properties.priorWeight()));
        BigDecimal bayesian = prior.add(BigDecimal.valueOf(tally.sum()))
                .divide(BigDecimal.valueOf((long) properties.priorWeight() + tally.count()), 3, RoundingMode.HALF_UP);
        return new TutorRatings(tally.count(), average, bayesian);
    }

    /** Whether the caller may read the review: anyone once visible; its author, student and admins always. */
    boolean mayRead(Review review, CurrentUser user, Instant now) {
        if (review.visibleAt(now)) return true;
        if (user == null) return false;
        return user.isStaff()
                || user.userId().value().equals(review.authorId())
                || user.userId().value().equals(review.studentId())
                || (user.role() == Role.GUARDIAN && accounts.mayActFor(user.userId(), UserId.of(review.studentId())));
    }

    @Transactional(readOnly = true)
    Review read(UUID reviewId, CurrentUser user) {
        return store.find(reviewId)
                .filter(r -> mayRead(r, user, clock.instant()))
                .orElseThrow(Reviews::reviewNotFound);
    }

    /** What the caller may do about one booking's reviews, for the pages. */
    record BookingReviews(
            BookingSummary booking,
            Instant windowClosesAt,
            boolean canReview,
            boolean canRateStudent,
            @Nullable Review review,
            @Nullable StudentRating studentRating) {}

    @Transactional(readOnly = true)
    BookingReviews forBooking(UUID bookingId, CurrentUser user) {
        BookingSummary booking = scheduling.findBooking(BookingId.of(bookingId)).orElseThrow(Reviews::bookingNotFound);
        boolean student = isStudentSide(booking, user);
        boolean tutor = user.userId().value().equals(booking.tutorId().value());
        if (!student && !tutor && !user.isStaff()) {
            throw bookingNotFound();
        }
        Instant now = clock.instant();
        Instant closes = booking.endsAt().plus(properties.window());
        boolean open = booking.state().done() && now.isBefore(closes);
        Review review = store.findByBooking(bookingId)
                .filter(r -> mayRead(r, user, now))
                .orElse(null);
        StudentRating rating =
                tutor || user.isStaff() ? store.studentRatingOf(bookingId).orElse(null) : null;
        boolean reviewed = store.findByBooking(bookingId).isPresent();
        return new BookingReviews(
                booking, closes, student && open && !reviewed, tutor && open && rating == null, review, rating);
    }

    // ---- writing

    record Draft(
            @Nullable UUID bookingId,
            @Nullable Integer rating,
            @Nullable String body) {}

    @Transactional
    Review post(Draft draft, CurrentUser user) {
        validate(draft.rating(), draft.body(), draft.bookingId() == null);
        // listed as an error above when absent
        BookingSummary booking = scheduling
                .findBooking(BookingId.of(Objects.requireNonNull(draft.bookingId())))
                .orElseThrow(Reviews::bookingNotFound);
        if (!isStudentSide(booking, user)) {
            throw bookingNotFound();
        }
        Instant now = clock.instant();
        Instant closes = requireOpen(booking, now);
        // the student's review and the tutor's rating of one lesson take turns, so the later one sees the earlier
        store.lockBooking(booking.bookingId().value());
        boolean tutorRated = store.studentRatingOf(booking.bookingId().value()).isPresent();
        // validate() refused a missing rating or body
        String body = Objects.requireNonNull(draft.body()).strip();
        Review review = new Review(
                Ids.newId(),
                booking.bookingId().value(),
                booking.tutorId().value(),
                booking.studentId().value(),
                user.userId().value(),
                publicName(booking.studentId().value()),
                Objects.requireNonNull(draft.rating()),
                body,
                now,
                null,
                closes,
                tutorRated ? now : closes,
                null,
                null,
                null,
                null);
        try {
            store.insert(review);
        } catch (DuplicateKeyException e) {
            throw LyceumException.conflict("review.already_reviewed", "This lesson has been reviewed already.");
        }
        events.publishEvent(new ReviewPosted(
                TenantContext.require(),
                review.id(),
                BookingId.of(review.bookingId()),
                TutorId.of(review.tutorId()),
                UserId.of(review.studentId()),
                review.authorId(),
                review.rating(),
                review.visibleFrom(),
                now));
        if (tutorRated) {
            store.revealForBooking(booking.bookingId().value(), now);
            recompute(booking.tutorId().value(), now);
        }
        return store.find(review.id()).orElseThrow();
    }

    record StudentRatingDraft(
            @Nullable UUID bookingId,
            @Nullable Integer rating,
            @Nullable String note) {}

    @Transactional
    StudentRating rateStudent(StudentRatingDraft draft, CurrentUser user) {
        List<FieldError> errors = new ArrayList<>();
        if (draft.bookingId() == null) errors.add(new FieldError("bookingId", "is required"));
        if (draft.rating() == null || draft.rating() < 1 || draft.rating() > 5) {
            errors.add(new FieldError("rating", "must be a whole number from 1 to 5"));
        }
        if (draft.note() != null && draft.note().length() > 2000) {
            errors.add(new FieldError("note", "must be at most 2000 characters"));
        }
        if (!errors.isEmpty()) throw invalid(errors);
        // listed as an error above when absent
        BookingSummary booking = scheduling
                .findBooking(BookingId.of(Objects.requireNonNull(draft.bookingId())))
                .orElseThrow(Reviews::bookingNotFound);
        if (!user.userId().value().equals(booking.tutorId().value())) {
            throw bookingNotFound();
        }
        Instant now = clock.instant();
        requireOpen(booking, now);
        store.lockBooking(booking.bookingId().value());
        String note = draft.note() == null || draft.note().isBlank()
                ? null
                : draft.note().strip();
        StudentRating rating = new StudentRating(
                Ids.newId(),
                booking.bookingId().value(),
                booking.tutorId().value(),
                booking.studentId().value(),
                Objects.requireNonNull(draft.rating()),
                note,
                now);
        try {
            store.insertStudentRating(rating);
        } catch (DuplicateKeyException e) {
            throw LyceumException.conflict(
                    "review.student_already_rated", "You have rated the student of this lesson already.");
        }
        events.publishEvent(new StudentRated(
                TenantContext.require(), booking.bookingId(), booking.tutorId(), booking.studentId(), now));
        // both sides have reviewed: the student's review (if written) is no longer blind
        if (store.revealForBooking(booking.bookingId().value(), now).isPresent()) {
            recompute(booking.tutorId().value(), now);
        }
        return rating;
    }

    @Transactional
    Review reply(UUID reviewId, @Nullable String body, CurrentUser user) {
        if (body == null || body.isBlank() || body.length() > MAX_REPLY) {
            throw invalid(List.of(new FieldError("body", "must be 1 to " + MAX_REPLY + " characters")));
        }
        Instant now = clock.instant();
        Review review = store.lock(reviewId).filter(r -> mayRead(r, user, now)).orElseThrow(Reviews::reviewNotFound);
        if (!user.userId().value().equals(review.tutorId())) {
            throw LyceumException.forbidden("review.not_reviewed_tutor", "Only the reviewed tutor may reply.");
        }
        if (!store.reply(reviewId, body.strip(), now)) {
            throw LyceumException.conflict("review.already_replied", "This review has a reply already.");
        }
        return store.find(reviewId).orElseThrow();
    }

    @Transactional
    Review edit(UUID reviewId, @Nullable Integer rating, @Nullable String body, CurrentUser user) {
        validate(rating, body, false);
        Instant now = clock.instant();
        Review review = store.lock(reviewId).filter(r -> mayRead(r, user, now)).orElseThrow(Reviews::reviewNotFound);
        if (!user.userId().value().equals(review.authorId())) {
            throw LyceumException.forbidden("review.not_author", "Only the author may change a review.");
        }
        if (review.hiddenAt() != null) {
            throw LyceumException.conflict("review.hidden", "A hidden review cannot be changed.");
        }
        if (!now.isBefore(review.createdAt().plus(properties.editWindow()))) {
            throw LyceumException.conflict(
                    "review.edit_window_closed",
                    "A review may be changed for " + properties.editWindow().toHours() + " hours after writing it.");
        }
        // validate() refused a missing rating or body
        store.edit(
                reviewId,
                Objects.requireNonNull(rating),
                Objects.requireNonNull(body).strip(),
                now);
        events.publishEvent(new ReviewEdited(
                TenantContext.require(),
                reviewId,
                TutorId.of(review.tutorId()),
                UserId.of(review.studentId()),
                rating,
                now));
        if (review.visibleAt(now)) {
            recompute(review.tutorId(), now);
        }
        return store.find(reviewId).orElseThrow();
    }

    @Transactional
    Review hide(UUID reviewId, @Nullable String reason, CurrentUser admin) {
        return hide(reviewId, reason, admin.userId().value());
    }

    private Review hide(UUID reviewId, @Nullable String reason, UUID adminId) {
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw invalid(List.of(new FieldError("reason", "must be 1 to 1000 characters")));
        }
        Instant now = clock.instant();
        Review review = store.lock(reviewId).orElseThrow(Reviews::reviewNotFound);
        if (!store.hide(reviewId, adminId, reason.strip(), now)) {
            throw LyceumException.conflict("review.already_hidden", "This review is hidden already.");
        }
        events.publishEvent(AdministrativeAction.of(
                TenantContext.require().value(),
                adminId,
                "REVIEW_HIDDEN",
                "REVIEW",
                reviewId,
                Map.of("hidden", false, "rating", review.rating()),
                Map.of("hidden", true, "rating", review.rating()),
                reason.strip(),
                now));
        events.publishEvent(new ReviewHidden(
                TenantContext.require(), reviewId, TutorId.of(review.tutorId()), adminId, reason.strip(), now));
        if (review.visibleAt(now)) {
            recompute(review.tutorId(), now);
        }
        return store.find(reviewId).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<ReviewFacts> reviewVisibleTo(CurrentUser viewer, UUID reviewId) {
        return store.find(reviewId)
                .filter(r -> mayRead(r, viewer, clock.instant()))
                .map(r -> new ReviewFacts(
                        r.id(),
                        BookingId.of(r.bookingId()),
                        TutorId.of(r.tutorId()),
                        UserId.of(r.studentId()),
                        r.authorId(),
                        r.rating(),
                        r.body(),
                        r.createdAt(),
                        r.visibleAt(clock.instant()),
                        r.hiddenAt() != null));
    }

    @Override
    @Transactional
    public boolean hideReview(CurrentUser admin, UUID reviewId, String reason) {
        if (!admin.isStaff()) {
            throw LyceumException.forbidden("review.not_allowed", "Only admins hide reviews.");
        }
        Review review = store.lock(reviewId).orElseThrow(Reviews::reviewNotFound);
        if (review.hiddenAt() != null) {
            return false;
        }
        hide(reviewId, reason.length() > 1000 ? reason.substring(0, 1000) : reason, admin);
        return true;
    }

    /**
     * Reveals the reviews of one tutor whose window has ended (the recurring sweep calls it until it answers 0);
     * returns how many tutors changed (0 or 1). One tutor per transaction, as every writer of a tutor's standing.
     */
    @Transactional
    /** The tenants where {@link #revealDue} has work now. */
    List<TenantId> tenantsWithDueReveals() {
        return store.tenantsWithDueReveals(clock.instant());
    }

    int revealDue(int batch) {
        Instant now = clock.instant();
        var tutor = store.claimRevealed(now, batch);
        tutor.ifPresent(id -> recompute(id, now));
        return tutor.isPresent() ? 1 : 0;
    }

    /** Recomputes a tutor's aggregates and reports them to the catalog, serialised per tutor. */
    private void recompute(UUID tutorId, Instant now) {
        store.lockTutor(tutorId);
        TutorRatings ratings = ratingsOf(store.tally(tutorId, now));
        catalog.recordTutorRating(TutorId.of(tutorId), ratings.count(), ratings.average(), ratings.bayesianAverage());
        events.publishEvent(new TutorRatingChanged(TenantContext.require(), TutorId.of(tutorId), ratings, now));
    }

    // ---- rules

    private boolean isStudentSide(BookingSummary booking, CurrentUser user) {
        if (user.role() == Role.STUDENT) {
            return user.userId().value().equals(booking.studentId().value());
        }
        return user.role() == Role.GUARDIAN && accounts.mayActFor(user.userId(), booking.studentId());
    }

    /** The lesson is done and its review window open; returns when the window closes. */
    private Instant requireOpen(BookingSummary booking, Instant now) {
        if (!booking.state().done()) {
            throw LyceumException.conflict(
                    "review.lesson_not_completed", "Only a lesson that took place can be reviewed.");
        }
        Instant closes = booking.endsAt().plus(properties.window());
        if (!now.isBefore(closes)) {
            throw LyceumException.conflict(
                    "review.window_closed",
                    "Reviews are accepted for " + properties.window().toDays() + " days after the lesson.");
        }
        return closes;
    }

    private String publicName(UUID studentId) {
        Optional<UserSummary> student = accounts.findUser(UserId.of(studentId));
        String name = student.map(UserSummary::fullName).orElse("").strip();
        if (name.isEmpty()) return "A student";
        String[] parts = name.split("\\s+");
        return parts.length == 1 ? parts[0] : parts[0] + " " + parts[parts.length - 1].charAt(0) + ".";
    }

    private static void validate(@Nullable Integer rating, @Nullable String body, boolean bookingMissing) {
        List<FieldError> errors = new ArrayList<>();
        if (bookingMissing) errors.add(new FieldError("bookingId", "is required"));
        if (rating == null || rating < 1 || rating > 5) {
            errors.add(new FieldError("rating", "must be a whole number from 1 to 5"));
        }
        if (body == null || body.isBlank() || body.length() > MAX_BODY) {
            errors.add(new FieldError("body", "must be 1 to " + MAX_BODY + " characters"));
        }
        if (!errors.isEmpty()) throw invalid(errors);
    }

    private static LyceumException invalid(List<FieldError> errors) {
        return LyceumException.invalid("review.invalid", "The review has invalid fields.", errors);
    }

    static LyceumException reviewNotFound() {
        return LyceumException.notFound("review.not_found", "No such review.");
    }

    static LyceumException bookingNotFound() {
        return LyceumException.notFound("review.booking_not_found", "No such lesson of yours.");
    }
}
