package io.lyceum.scheduling;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.scheduling.BookingViews.BookingView;
import io.lyceum.scheduling.BookingViews.PolicyRequest;
import io.lyceum.scheduling.BookingViews.PolicyView;
import io.lyceum.scheduling.BookingViews.ResolveRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Scheduling: administration")
class AdminBookingController {

    private final Bookings bookings;
    private final CancellationPolicies policies;

    AdminBookingController(Bookings bookings, CancellationPolicies policies) {
        this.bookings = bookings;
        this.policies = policies;
    }

    @PostMapping("/bookings/{id}/resolve")
    @Operation(
            summary = "Resolve a disputed booking",
            description = "ADMIN. DISPUTED only (409 `booking.illegal_transition`). REFUND_STUDENT gives the student "
                    + "the whole price back, RELEASE_TUTOR pays the tutor, SPLIT refunds `studentSharePercent` "
                    + "(required) and pays the rest; billing settles through BookingDisputeResolved.")
    BookingView resolve(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody ResolveRequest body) {
        return BookingView.of(
                bookings.resolve(user, id, body.outcome(), body.studentSharePercent(), body.note()), bookings);
    }

    @GetMapping("/scheduling/policy")
    @Operation(
            summary = "The tenant's cancellation and reschedule policy",
            description = "ADMIN. The configured defaults until an admin sets the tenant's own.")
    PolicyView policy() {
        return PolicyView.of(policies.tenantPolicy());
    }

    @PutMapping("/scheduling/policy")
    @Operation(
            summary = "Replace the tenant's cancellation and reschedule policy",
            description = "ADMIN. Applies to bookings placed from now on; existing bookings keep the terms they were "
                    + "placed with. Tutors' overrides stay on top of it.")
    PolicyView replacePolicy(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody PolicyRequest body) {
        return PolicyView.of(
                policies.replaceTenantPolicy(body.policy(), user.userId().value()));
    }
}
