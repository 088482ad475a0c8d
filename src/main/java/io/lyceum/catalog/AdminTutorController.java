package io.lyceum.catalog;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.TutorProfileStore.ProfileRow;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.StateChange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/tutors")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Admin: tutor approval")
class AdminTutorController {

    private final TutorProfiles profiles;
    private final AccountsApi accounts;

    AdminTutorController(TutorProfiles profiles, AccountsApi accounts) {
        this.profiles = profiles;
        this.accounts = accounts;
    }

    record AdminTutorView(
            UUID tutorId,
            @Nullable String fullName,
            TutorProfileStatus status,
            @Nullable String statusReason,
            boolean pendingReview,
            ProfileDocument draft,
            @Nullable ProfileDocument published,
            @Nullable Instant submittedAt,
            Instant updatedAt) {}

    record ReasonRequest(@NotBlank @Size(max = 2000) String reason) {}

    record CommentsRequest(@NotBlank @Size(max = 5000) String comments) {}

    private AdminTutorView view(ProfileRow row) {
        return new AdminTutorView(
                row.tutorId(),
                TutorProfileController.nameOf(accounts, row.tutorId()),
                row.status(),
                row.statusReason(),
                row.pendingReview(),
                row.draft(),
                row.published(),
                row.submittedAt(),
                row.updatedAt());
    }

    @GetMapping("/pending")
    @Operation(
            summary = "Profiles waiting for review",
            description = "ADMIN or OWNER. SUBMITTED profiles and APPROVED ones with material changes waiting "
                    + "(pendingReview), oldest first. Paged.")
    PageResponse<AdminTutorView> pending(PageQuery query) {
        return profiles.pending(query.requireSortable(Set.of())).map(this::view);
    }

    @GetMapping("/approved")
    @Operation(summary = "Approved tutors", description = "ADMIN or OWNER. Most recently changed first. Paged.")
    PageResponse<AdminTutorView> approved(PageQuery query) {
        return profiles.approved(query.requireSortable(Set.of())).map(this::view);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One tutor profile (draft and published)", description = "ADMIN or OWNER.")
    AdminTutorView get(@PathVariable UUID id) {
        return view(profiles.get(id));
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "A profile's state changes", description = "ADMIN or OWNER. Oldest first. Paged.")
    PageResponse<StateChange> history(@PathVariable UUID id, PageQuery query) {
        return profiles.history(id, query.requireSortable(Set.of()))
                .map(e -> new StateChange(
                        e.fromStatus(), e.toStatus(), e.at(), e.actorId(), e.actorRole(), e.reason(), null));
    }

    @PostMapping("/{id}/approve")
    @Operation(
            summary = "Approve a profile or its pending changes",
            description = "ADMIN or OWNER. SUBMITTED → APPROVED, or publishes the pending draft of an APPROVED "
                    + "profile. Otherwise 409 `tutor.invalid_transition`.")
    AdminTutorView approve(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return view(profiles.approve(user, id));
    }

    @PostMapping("/{id}/reject")
    @Operation(
            summary = "Reject a profile or its pending changes",
            description = "ADMIN or OWNER. SUBMITTED → REJECTED; for an APPROVED profile with pending changes the "
                    + "draft returns to the published version. Otherwise 409.")
    AdminTutorView reject(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody ReasonRequest body) {
        return view(profiles.reject(user, id, body.reason()));
    }

    @PostMapping("/{id}/request-changes")
    @Operation(
            summary = "Ask the tutor for changes",
            description = "ADMIN or OWNER. SUBMITTED → CHANGES_REQUESTED (or takes pending changes of an APPROVED "
                    + "profile out of the queue). Otherwise 409.")
    AdminTutorView requestChanges(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody CommentsRequest body) {
        return view(profiles.requestChanges(user, id, body.comments()));
    }

    @PostMapping("/{id}/suspend")
    @Operation(
            summary = "Suspend an approved tutor",
            description = "ADMIN or OWNER. APPROVED → SUSPENDED (hidden publicly). Otherwise 409.")
    AdminTutorView suspend(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody ReasonRequest body) {
        return view(profiles.suspend(user, id, body.reason()));
    }

    @PostMapping("/{id}/reinstate")
    @Operation(summary = "Reinstate a suspended tutor", description = "ADMIN or OWNER. SUSPENDED → APPROVED.")
    AdminTutorView reinstate(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return view(profiles.reinstate(user, id));
    }
}
