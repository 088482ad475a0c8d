package io.lyceum.reviews;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.CatalogApi;
import io.lyceum.reviews.ReviewStore.Review;
import io.lyceum.reviews.ReviewStore.StudentRating;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.TutorId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Reviews")
class ReviewController {

    static final Set<String> SORTS = Set.of("createdAt", "rating");

    private final Reviews reviews;
    private final ReviewStore store;
    private final CatalogApi catalog;
    private final Clock clock;

    ReviewController(Reviews reviews, ReviewStore store, CatalogApi catalog, Clock clock) {
        this.reviews = reviews;
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
    }

    record ReplyView(String body, @Nullable Instant repliedAt) {}

    @Schema(name = "Review")
    record ReviewView(
            UUID id,
            UUID tutorId,

            @Schema(description = "only for the review's own side, the tutor and admins") @Nullable
            UUID bookingId,

            @Schema(description = "the reviewer as the public sees them: first name and initial")
            String authorName,

            int rating,
            String body,
            Instant createdAt,
            @Nullable Instant editedAt,

            @Schema(description = "false while blind: only its author, the student's side and admins read it")
            boolean visible,

            Instant visibleFrom,
            @Nullable ReplyView reply,

            @Schema(description = "admins and the review's author only") @Nullable
            Boolean hidden,

            @Schema(description = "admins and the review's author only") @Nullable
            String hiddenReason) {

        static ReviewView of(Review r, CurrentUser viewer, Instant now) {
            boolean privileged = viewer != null
                    && (viewer.isStaff()
                            || viewer.userId().value().equals(r.authorId())
                            || viewer.userId().value().equals(r.studentId())
                            || viewer.userId().value().equals(r.tutorId()));
            boolean moderation = viewer != null
                    && (viewer.isStaff() || viewer.userId().value().equals(r.authorId()));
            return new ReviewView(
                    r.id(),
                    r.tutorId(),
                    privileged ? r.bookingId() : null,
                    r.authorName(),
                    r.rating(),
                    r.body(),
                    r.createdAt(),
                    r.editedAt(),
                    r.visibleAt(now),
                    r.visibleFrom(),
                    r.replyBody() == null ? null : new ReplyView(r.replyBody(), r.repliedAt()),
                    moderation ? r.hiddenAt() != null : null,
                    moderation ? r.hiddenReason() : null);
        }
    }

    record RatingSummary(
            int count,
            @Nullable BigDecimal average,

            @Schema(description = "the mean pulled towards the configured prior; what search ranks by") @Nullable
            BigDecimal bayesianAverage,

            @Schema(description = "how many visible reviews gave each number of stars, \"1\" to \"5\"")
            Map<Integer, Integer> distribution) {}

    @Schema(name = "TutorReviews")
    record TutorReviewsView(
            java.util.List<ReviewView> content, PageResponse.PageMetadata page, RatingSummary summary) {}

    record PostRequest(
            @Nullable UUID bookingId,
            @Nullable Integer rating,
            @Nullable String body) {}

    record EditRequest(@Nullable Integer rating, @Nullable String body) {}

    record ReplyRequest(@Nullable String body) {}

    record HideRequest(@Nullable String reason) {}

    record StudentRatingRequest(
            @Nullable UUID bookingId,
            @Nullable Integer rating,
            @Nullable String note) {}

    @Schema(name = "StudentRating")
    record StudentRatingView(
            UUID id,
            UUID bookingId,
            UUID studentId,
            int rating,
            @Nullable String note,
            Instant createdAt) {
        static @Nullable StudentRatingView of(@Nullable StudentRating r) {
            return r == null
                    ? null
                    : new StudentRatingView(r.id(), r.bookingId(), r.studentId(), r.rating(), r.note(), r.at());
        }
    }

    @Schema(name = "BookingReviews")
    record BookingReviewsView(
            UUID bookingId,
            UUID tutorId,
            UUID studentId,
            Instant lessonEndedAt,
            Instant windowClosesAt,
            boolean canReview,
            boolean canRateStudent,
            @Nullable ReviewView review,

            @Schema(description = "the tutor's private rating of the student: the tutor and admins only") @Nullable
            StudentRatingView studentRating) {}

    @PostMapping("/api/v1/reviews")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('STUDENT', 'GUARDIAN')")
    @Operation(
            summary = "Review a lesson (the student, or their linked guardian)",
            description = "One review per booking: `rating` 1–5 and `body` (1–5000 characters), for a lesson that"
                    + " took place (completed, or disputed and resolved), within the review window after its end"
                    + " (lyceum.reviews.window, 14 days by default). Blind: the public and the tutor read it once the"
                    + " tutor has rated the student too, or when the window ends (`visibleFrom`). Errors: 404"
                    + " `review.booking_not_found` (not the caller's lesson), 409 `review.lesson_not_completed`, 409"
                    + " `review.window_closed`, 409 `review.already_reviewed` (also when two arrive together), 422"
                    + " `review.invalid`.")
    @ApiResponse(responseCode = "201", description = "Posted")
    ReviewView post(@AuthenticationPrincipal CurrentUser user, @RequestBody PostRequest request) {
        Review review = reviews.post(new Reviews.Draft(request.bookingId(), request.rating(), request.body()), user);
        return ReviewView.of(review, user, clock.instant());
    }

    @GetMapping("/api/v1/reviews/tutors/{tutorId}")
    @Transactional(readOnly = true)
    @Operation(
            summary = "A tutor's reviews (public)",
            description = "Paged visible reviews (not blind, not hidden) with their replies, `sort` createdAt"
                    + " (default, newest first) or rating (`rating,asc` / `rating,desc`); `summary` has the count,"
                    + " the mean, the Bayesian average and the distribution of stars. 404 `review.tutor_not_found`"
                    + " when the tutor is not an approved tutor of this tenant.")
    TutorReviewsView tutorReviews(
            @PathVariable UUID tutorId,
            @Parameter(hidden = true) PageQuery page,
            @Parameter(hidden = true) @AuthenticationPrincipal CurrentUser viewer) {
        page.requireSortable(SORTS);
        if (!catalog.isApprovedTutor(TutorId.of(tutorId))) {
            throw LyceumException.notFound("review.tutor_not_found", "No such tutor.");
        }
        Instant now = clock.instant();
        ReviewStore.Tally tally = store.tally(tutorId, now);
        TutorRatings ratings = reviews.ratingsOf(tally);
        var content = store.visiblePage(tutorId, now, page).stream()
                .map(r -> ReviewView.of(r, viewer, now))
                .toList();
        PageResponse<ReviewView> paged = PageResponse.of(content, page, tally.count());
        return new TutorReviewsView(
                paged.content(),
                paged.page(),
                new RatingSummary(ratings.count(), ratings.average(), ratings.bayesianAverage(), tally.distribution()));
    }

    @GetMapping("/api/v1/reviews/{reviewId}")
    @Operation(
            summary = "One review",
            description = "Anyone reads a visible review; a blind or hidden one only its author, the student's side"
                    + " and admins (404 `review.not_found` for others).")
    ReviewView one(@PathVariable UUID reviewId, @Parameter(hidden = true) @AuthenticationPrincipal CurrentUser user) {
        return ReviewView.of(reviews.read(reviewId, user), user, clock.instant());
    }

    @GetMapping("/api/v1/reviews/bookings/{bookingId}")
    @Operation(
            summary = "The reviews of one of my lessons",
            description = "For the lesson's student side, its tutor and admins: whether the caller may still review"
                    + " (`canReview`) or rate the student (`canRateStudent`), the review as the caller may read it,"
                    + " and the tutor's private rating (the tutor and admins only). 404 `review.booking_not_found`.")
    BookingReviewsView forBooking(@PathVariable UUID bookingId, @AuthenticationPrincipal CurrentUser user) {
        Reviews.BookingReviews found = reviews.forBooking(bookingId, user);
        Instant now = clock.instant();
        return new BookingReviewsView(
                found.booking().bookingId().value(),
                found.booking().tutorId().value(),
                found.booking().studentId().value(),
                found.booking().endsAt(),
                found.windowClosesAt(),
                found.canReview(),
                found.canRateStudent(),
                found.review() == null ? null : ReviewView.of(found.review(), user, now),
                StudentRatingView.of(found.studentRating()));
    }

    @PatchMapping("/api/v1/reviews/{reviewId}")
    @Operation(
            summary = "Change my review",
            description = "The author only, within lyceum.reviews.edit-window (48 hours) of writing it: new `rating`"
                    + " and `body`. Errors: 404 `review.not_found`, 403 `review.not_author`, 409"
                    + " `review.edit_window_closed`, 409 `review.hidden`, 422 `review.invalid`.")
    ReviewView edit(
            @PathVariable UUID reviewId, @AuthenticationPrincipal CurrentUser user, @RequestBody EditRequest request) {
        return ReviewView.of(reviews.edit(reviewId, request.rating(), request.body(), user), user, clock.instant());
    }

    @PostMapping("/api/v1/reviews/{reviewId}/reply")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(
            summary = "Reply to a review of me (once)",
            description = "The reviewed tutor, once the review is visible: `body` 1–3000 characters. Errors: 404"
                    + " `review.not_found` (also while blind), 403 `review.not_reviewed_tutor`, 409"
                    + " `review.already_replied`, 422 `review.invalid`.")
    ReviewView reply(
            @PathVariable UUID reviewId, @AuthenticationPrincipal CurrentUser user, @RequestBody ReplyRequest request) {
        return ReviewView.of(reviews.reply(reviewId, request.body(), user), user, clock.instant());
    }

    @PostMapping("/api/v1/admin/reviews/{reviewId}/hide")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Hide a review (admins)",
            description = "With a `reason` (1–1000 characters), recorded in the audit log as REVIEW_HIDDEN. The"
                    + " review leaves the public list and the tutor's aggregates. Errors: 403 `auth.forbidden` (not an"
                    + " admin), 404 `review.not_found`, 409 `review.already_hidden`, 422 `review.invalid`.")
    ReviewView hide(
            @PathVariable UUID reviewId, @AuthenticationPrincipal CurrentUser user, @RequestBody HideRequest request) {
        return ReviewView.of(reviews.hide(reviewId, request.reason(), user), user, clock.instant());
    }

    @PostMapping("/api/v1/reviews/student-ratings")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(
            summary = "Rate the student of my lesson privately (the tutor)",
            description = "One per booking, `rating` 1–5 and an optional `note` (≤ 2000), same lesson and window rules"
                    + " as a review. Never shown to the public nor to the student: an input to the student's"
                    + " credibility score. Rating ends the blindness of the student's review of that lesson. Errors:"
                    + " 404 `review.booking_not_found`, 409 `review.lesson_not_completed`, 409 `review.window_closed`,"
                    + " 409 `review.student_already_rated`, 422 `review.invalid`.")
    @ApiResponse(responseCode = "201", description = "Recorded")
    @Nullable
    StudentRatingView rateStudent(
            @AuthenticationPrincipal CurrentUser user, @RequestBody StudentRatingRequest request) {
        return StudentRatingView.of(reviews.rateStudent(
                new Reviews.StudentRatingDraft(request.bookingId(), request.rating(), request.note()), user));
    }
}
