package io.lyceum.scheduling;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.scheduling.BookingViews.BookingView;
import io.lyceum.scheduling.BookingViews.OptionalReasonRequest;
import io.lyceum.scheduling.BookingViews.ReasonRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tutor/bookings")
@Tag(name = "Scheduling: bookings")
class TutorBookingController {

    private final Bookings bookings;

    TutorBookingController(Bookings bookings) {
        this.bookings = bookings;
    }

    @PostMapping("/{id}/confirm")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(
            summary = "Confirm a requested booking",
            description = "The booking's tutor; REQUESTED only (409 `booking.illegal_transition`), before the "
                    + "confirmation deadline (409 `booking.too_late`). Another tutor's booking is 404.")
    BookingView confirm(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return BookingView.of(bookings.confirm(user, id), bookings);
    }

    @PostMapping("/{id}/decline")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(
            summary = "Decline a requested booking",
            description = "The booking's tutor; REQUESTED only, before the start. The student is refunded in full.")
    BookingView decline(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody ReasonRequest body) {
        return BookingView.of(bookings.decline(user, id, body.reason()), bookings);
    }

    @PostMapping("/{id}/mark-no-show-student")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(
            summary = "Report that the student did not turn up",
            description = "The booking's tutor; CONFIRMED bookings once the start has passed (409 "
                    + "`booking.too_early`) and before they are completed automatically.")
    BookingView markNoShowStudent(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) @Nullable OptionalReasonRequest body) {
        return BookingView.of(bookings.markNoShowStudent(user, id, body == null ? null : body.reason()), bookings);
    }

    @PostMapping("/{id}/mark-no-show-tutor")
    @PreAuthorize("hasAnyRole('STUDENT', 'GUARDIAN', 'ADMIN')")
    @Operation(
            summary = "Report that the tutor did not turn up (seed route)",
            description = "Kept at the seed's path; the student, a guardian or an admin reports the tutor absent, "
                    + "exactly as POST /api/v1/bookings/{id}/mark-no-show-tutor. A tutor calling it gets 403.")
    BookingView markNoShowTutor(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) @Nullable OptionalReasonRequest body) {
        return BookingView.of(bookings.markNoShowTutor(user, id, body == null ? null : body.reason()), bookings);
    }
}
