package io.lyceum.accounts;

import io.lyceum.accounts.GuardianLinkStore.Link;
import io.lyceum.accounts.GuardianLinkStore.LinkedUser;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/links")
@Tag(name = "Guardian links", description = "Parents and guardians linked to students, who they may act for.")
class GuardianLinkController {

    private final GuardianLinks links;

    GuardianLinkController(GuardianLinks links) {
        this.links = links;
    }

    record LinkInvitationRequest(
            @NotBlank @Email @Size(max = 254) String studentEmail) {}

    record LinkInvitationAccepted(String status, Instant expiresAt) {}

    record PairingCodeView(String code, Instant expiresAt) {}

    record LinkAcceptRequest(
            @Size(max = 64) @Nullable String invitationCode,
            @Size(max = 32) @Nullable String pairingCode) {}

    record GuardianLinkView(
            UUID id,
            UUID guardianId,
            UUID studentId,
            LinkStatus status,
            @Nullable Instant linkedAt) {

        static GuardianLinkView of(Link link) {
            return new GuardianLinkView(
                    link.id(), link.guardianId(), link.studentId(), link.status(), link.acceptedAt());
        }
    }

    /** A link as one of its parties sees it: the user on the other end. */
    record LinkedUserView(
            UUID id,
            UUID userId,
            String fullName,
            String email,
            LinkStatus status,
            @Nullable Instant linkedAt) {

        static LinkedUserView of(LinkedUser user) {
            return new LinkedUserView(
                    user.linkId(), user.userId(), user.fullName(), user.email(), user.status(), user.linkedAt());
        }
    }

    @PostMapping("/invitations")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasRole('GUARDIAN')")
    @Operation(
            summary = "Invite a student to link with you",
            description = "GUARDIAN only. Emails the student an invitation code valid for 7 days. The answer is the "
                    + "same whether or not a student has this address. At most 20 invitations per 24 hours (429).")
    LinkInvitationAccepted invite(
            @AuthenticationPrincipal CurrentUser user, @Valid @RequestBody LinkInvitationRequest body) {
        Instant expiresAt = links.invite(user.userId().value(), body.studentEmail());
        return new LinkInvitationAccepted("SENT_IF_STUDENT_EXISTS", expiresAt);
    }

    @PostMapping("/pairing-codes")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('STUDENT')")
    @Operation(
            summary = "Create a pairing code for a guardian",
            description = "STUDENT only. An 8-character code valid for 15 minutes and usable once; give it to your "
                    + "parent or guardian, who redeems it with POST /api/v1/links/accept. A new code replaces the "
                    + "previous one.")
    PairingCodeView pairingCode(@AuthenticationPrincipal CurrentUser user) {
        var issued = links.issuePairingCode(user.userId().value());
        return new PairingCodeView(issued.code(), issued.expiresAt());
    }

    @PostMapping("/accept")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('STUDENT', 'GUARDIAN')")
    @Operation(
            summary = "Accept an invitation or redeem a pairing code",
            description = "A STUDENT sends `invitationCode` (from the email); a GUARDIAN sends `pairingCode` (from "
                    + "the student). Creates the ACTIVE link. Wrong role for the code: 403. Unknown, expired or used "
                    + "code: 422 `link.invalid_code`. Already linked: 409 `link.already_linked`. More than 10 wrong "
                    + "codes within an hour: 429 with Retry-After.")
    GuardianLinkView accept(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody LinkAcceptRequest body) {
        String invitationCode = body.invitationCode();
        String pairingCode = body.pairingCode();
        boolean invitation = invitationCode != null && !invitationCode.isBlank();
        boolean pairing = pairingCode != null && !pairingCode.isBlank();
        if (invitation == pairing) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "Send either invitationCode or pairingCode.",
                    List.of(
                            new FieldError("invitationCode", "send exactly one of invitationCode and pairingCode"),
                            new FieldError("pairingCode", "send exactly one of invitationCode and pairingCode")));
        }
        // exactly one of the two was sent (checked above)
        Link link = invitationCode != null && invitation
                ? links.acceptInvitation(user, invitationCode)
                : links.redeemPairingCode(user, Objects.requireNonNull(pairingCode));
        return GuardianLinkView.of(link);
    }

    @GetMapping("/my-students")
    @PreAuthorize("hasRole('GUARDIAN')")
    @Operation(
            summary = "Students linked to me",
            description = "GUARDIAN only. Active links, newest first; sort by linkedAt, fullName or email.")
    PageResponse<LinkedUserView> myStudents(@AuthenticationPrincipal CurrentUser user, PageQuery query) {
        return links.studentsOf(user.userId().value(), query).map(LinkedUserView::of);
    }

    @GetMapping("/my-guardians")
    @PreAuthorize("hasRole('STUDENT')")
    @Operation(
            summary = "Guardians linked to me",
            description = "STUDENT only. Active links by default; `status=PENDING` lists guardians who invited you "
                    + "(decline with DELETE). Sort by linkedAt, fullName or email.")
    PageResponse<LinkedUserView> myGuardians(
            @AuthenticationPrincipal CurrentUser user,
            @Parameter(description = "ACTIVE (default) or PENDING") @RequestParam(defaultValue = "ACTIVE")
                    LinkStatus status,
            PageQuery query) {
        return links.guardiansOf(user.userId().value(), status, query).map(LinkedUserView::of);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "End a link or decline an invitation",
            description = "Either party of the link (the guardian or the student). Anyone else gets 404.")
    void revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        links.revoke(user, id);
    }
}
