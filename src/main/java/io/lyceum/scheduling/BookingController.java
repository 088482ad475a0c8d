package io.lyceum.scheduling;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.scheduling.BookingViews.AssignStudentRequest;
import io.lyceum.scheduling.BookingViews.BookingView;
import io.lyceum.scheduling.BookingViews.OptionalReasonRequest;
import io.lyceum.scheduling.BookingViews.PlaceRequest;
import io.lyceum.scheduling.BookingViews.ReasonRequest;
import io.lyceum.scheduling.BookingViews.RescheduleRequest;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.StateChange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/bookings")
@Tag(name = "Scheduling: bookings", description = "Booking lessons and their lifecycle; see docs/bookings.md.")
class BookingController {

    private final Bookings bookings;

    BookingController(Bookings bookings) {
        this.bookings = bookings;
    }

    private BookingView view(Booking booking) {
        return BookingView.of(booking, bookings);
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('STUDENT', 'GUARDIAN')")
    @Operation(
            summary = "Book a lesson",
            description = "STUDENT for themself, GUARDIAN for a linked student (`studentId`). The start must be one of "
                    + "the tutor's free start times and the length one the tutor offers. A paid lesson is held as "
                    + "PENDING_PAYMENT for the hold period while billing takes the payment; a free one is REQUESTED "
                    + "when the tutor confirms bookings, else CONFIRMED. Send an `Idempotency-Key` header to retry "
                    + "safely. Errors: 404 `booking.tutor_unavailable`; 422 `booking.subject_not_taught`, "
                    + "`booking.trial_not_offered`, `booking.invalid_duration`, `booking.invalid_start`, "
                    + "`booking.invalid_level`, `booking.student_required`; 403 `booking.student_not_linked`; 409 "
                    + "`booking.slot_not_offered` (outside the tutor's hours, notice or horizon), "
                    + "`booking.slot_unavailable` (taken), `booking.student_busy`, `booking.trial_used`.")
    @ApiResponse(responseCode = "201", description = "Booked")
    ResponseEntity<BookingView> place(
            @AuthenticationPrincipal CurrentUser user, @Valid @RequestBody PlaceRequest body) {
        Booking booking = bookings.place(user, body.command());
        return ResponseEntity.created(URI.create("/api/v1/bookings/" + booking.id()))
                .body(view(booking));
    }

    @GetMapping
    @Operation(
            summary = "My bookings",
            description = "Students see their own, guardians those they made or of their linked students, tutors "
                    + "theirs, admins every booking of the tenant. Filters: `state` (repeatable), `from`/`to` on the "
                    + "start time, `tutorId`, `studentId`. Sorted by start, `sort=startsAt,desc` for newest first.")
    PageResponse<BookingView> list(
            @AuthenticationPrincipal CurrentUser user,
            @Parameter(description = "Only these states (repeatable)") @RequestParam(required = false) @Nullable
                    List<BookingState> state,
            @Parameter(description = "Starts at or after") @RequestParam(required = false) @Nullable Instant from,
            @Parameter(description = "Starts before") @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(required = false) @Nullable UUID tutorId,
            @RequestParam(required = false) @Nullable UUID studentId,
            PageQuery query) {
        return bookings.list(user, state, from, to, tutorId, studentId, query).map(this::view);
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "One booking with its history",
            description = "Its parties (student, the guardian who booked or a linked one, tutor) and admins; anyone "
                    + "else gets 404.")
    BookingView get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        Bookings.Detail detail = bookings.get(user, id);
        return BookingView.of(
                detail.booking(),
                detail.policy(),
                bookings.confirmBy(detail.booking()),
                detail.history().stream().map(BookingViews::history).toList());
    }

    @GetMapping("/{id}/history")
    @Operation(
            summary = "A booking's history",
            description = "Every state change with actor, role and reason, oldest first. Paged. The booking's "
                    + "parties and admins; anyone else gets 404.")
    PageResponse<StateChange> history(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, PageQuery query) {
        return bookings.history(user, id, query.requireSortable(java.util.Set.of()))
                .map(BookingViews::history);
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            summary = "Cancel a booking",
            description = "The student, a guardian (who booked or is linked), the tutor or an admin; from "
                    + "PENDING_PAYMENT, REQUESTED or CONFIRMED, before the start. The cancellation policy decides "
                    + "refund and fee (published in BookingCancelled). 409 `booking.illegal_transition`, "
                    + "`booking.too_late`.")
    BookingView cancel(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody ReasonRequest body) {
        return view(bookings.cancel(user, id, body.reason()));
    }

    @PostMapping("/{id}/reschedule")
    @Operation(
            summary = "Move a booking to another time",
            description = "The student, a guardian or the tutor; REQUESTED or CONFIRMED, until the policy's reschedule "
                    + "deadline and at most its number of times (409 `booking.too_late`, "
                    + "`booking.reschedule_limit_reached`). The new start must be free: 409 "
                    + "`booking.slot_not_offered`, `booking.slot_unavailable`, `booking.student_busy`. A student's "
                    + "move of a booking the tutor confirms goes back to REQUESTED.")
    BookingView reschedule(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody RescheduleRequest body) {
        return view(bookings.reschedule(user, id, body.startsAt()));
    }

    @PostMapping("/{id}/dispute")
    @Operation(
            summary = "Dispute a booking",
            description = "A participant (student, guardian, tutor); from COMPLETED, NO_SHOW_STUDENT or NO_SHOW_TUTOR "
                    + "within the dispute window after the end (409 `booking.too_late`). An admin resolves it.")
    BookingView dispute(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody ReasonRequest body) {
        return view(bookings.dispute(user, id, body.reason()));
    }

    @PostMapping("/{id}/mark-no-show-tutor")
    @PreAuthorize("hasAnyRole('STUDENT', 'GUARDIAN', 'ADMIN')")
    @Operation(
            summary = "Report that the tutor did not turn up",
            description = "The student, a guardian or an admin; CONFIRMED bookings once the start has passed (409 "
                    + "`booking.too_early`). Same as POST /api/v1/tutor/bookings/{id}/mark-no-show-tutor.")
    BookingView markNoShowTutor(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) @Nullable OptionalReasonRequest body) {
        return view(bookings.markNoShowTutor(user, id, body == null ? null : body.reason()));
    }

    @PostMapping("/{id}/assign-student")
    @PreAuthorize("hasRole('GUARDIAN')")
    @Operation(
            summary = "Assign another linked student to a booking",
            description = "The guardian who made the booking; before the start, while it is PENDING_PAYMENT, "
                    + "REQUESTED or CONFIRMED. 403 `booking.student_not_linked`; 409 `booking.student_busy` when "
                    + "the student has another lesson then, `booking.trial_used` for a second trial.")
    BookingView assignStudent(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody AssignStudentRequest body) {
        return view(bookings.assignStudent(user, id, body.studentId()));
    }
}
