package io.lyceum.scheduling;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.CatalogApi;
import io.lyceum.scheduling.BookingViews.PolicyView;
import io.lyceum.scheduling.BookingViews.TutorPolicyRequest;
import io.lyceum.scheduling.BookingViews.TutorPolicyView;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.TutorId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Scheduling: cancellation policy")
class CancellationPolicyController {

    private final CancellationPolicies policies;
    private final CatalogApi catalog;

    CancellationPolicyController(CancellationPolicies policies, CatalogApi catalog) {
        this.policies = policies;
        this.catalog = catalog;
    }

    private TutorPolicyView view(UUID tutorId) {
        return new TutorPolicyView(
                PolicyView.of(policies.override(tutorId)), PolicyView.of(policies.effective(tutorId)));
    }

    @GetMapping("/api/v1/tutors/me/cancellation-policy")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(
            summary = "My cancellation and reschedule policy",
            description = "TUTOR. My overrides (null fields inherit the tenant's policy) and the effective policy.")
    TutorPolicyView mine(@AuthenticationPrincipal CurrentUser user) {
        return view(user.userId().value());
    }

    @PutMapping("/api/v1/tutors/me/cancellation-policy")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(
            summary = "Replace my overrides of the tenant's policy",
            description = "TUTOR. Null fields inherit the tenant's value; all null removes my overrides. Applies to "
                    + "bookings placed from now on.")
    TutorPolicyView replace(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody TutorPolicyRequest body) {
        policies.replaceTutorOverride(user.userId().value(), body.override());
        return view(user.userId().value());
    }

    @GetMapping("/api/v1/tutors/{id}/cancellation-terms")
    @Operation(
            summary = "A tutor's cancellation and reschedule terms",
            description = "Public. The policy a booking with this approved tutor gets; 404 for anyone else.")
    PolicyView terms(@PathVariable UUID id) {
        if (!catalog.isApprovedTutor(TutorId.of(id))) {
            throw LyceumException.notFound("booking.tutor_unavailable", "No approved tutor with this id.");
        }
        return PolicyView.of(policies.effective(id));
    }
}
