package io.lyceum.catalog;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.UserSummary;
import io.lyceum.catalog.ProfileDocument.About;
import io.lyceum.catalog.ProfileDocument.Certification;
import io.lyceum.catalog.ProfileDocument.Education;
import io.lyceum.catalog.ProfileDocument.Pricing;
import io.lyceum.catalog.ProfileDocument.SubjectOffer;
import io.lyceum.catalog.ProfileDocument.Teaching;
import io.lyceum.catalog.TutorProfileStore.ProfileRow;
import io.lyceum.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tutors/me")
@PreAuthorize("hasRole('TUTOR')")
@Tag(name = "Catalog: my tutor profile")
class TutorProfileController {

    private static final String MATERIAL = " TUTOR only. A material section: on an APPROVED profile the change waits "
            + "for re-approval while the published version stays live. Invalid input is 422 with errors[].";
    private static final String LIVE =
            " TUTOR only. On an APPROVED profile the change is published at once. Invalid input is 422 with errors[].";

    private final TutorProfiles profiles;

    TutorProfileController(TutorProfiles profiles) {
        this.profiles = profiles;
    }

    record MyProfileView(
            UUID tutorId,
            TutorProfileStatus status,
            @Nullable String statusReason,
            boolean pendingReview,
            List<String> missingSections,
            ProfileDocument profile,
            @Nullable ProfileDocument published,
            @Nullable Instant submittedAt,
            Instant updatedAt) {

        static MyProfileView of(ProfileRow row) {
            return new MyProfileView(
                    row.tutorId(),
                    row.status(),
                    row.statusReason(),
                    row.pendingReview(),
                    row.draft().missingSections(),
                    row.draft(),
                    row.published(),
                    row.submittedAt(),
                    row.updatedAt());
        }
    }

    @GetMapping("/profile")
    @Operation(
            summary = "My tutor profile",
            description = "TUTOR only. The draft (`profile`), the published version, the status and the sections "
                    + "still missing before submission. Created empty on first use.")
    MyProfileView profile(@AuthenticationPrincipal CurrentUser user) {
        return MyProfileView.of(profiles.myProfile(user));
    }

    @PutMapping("/about")
    @Operation(summary = "Set headline and bio", description = LIVE)
    MyProfileView about(@AuthenticationPrincipal CurrentUser user, @RequestBody About body) {
        return MyProfileView.of(profiles.updateAbout(user, body));
    }

    @PutMapping("/subjects")
    @Operation(
            summary = "Replace the subjects taught",
            description = "Each entry: an active subject, a level it is offered at, a price." + MATERIAL)
    MyProfileView subjects(@AuthenticationPrincipal CurrentUser user, @RequestBody List<SubjectOffer> body) {
        return MyProfileView.of(profiles.updateSubjects(user, body));
    }

    @PutMapping("/certifications")
    @Operation(summary = "Replace certifications", description = MATERIAL)
    MyProfileView certifications(@AuthenticationPrincipal CurrentUser user, @RequestBody List<Certification> body) {
        return MyProfileView.of(profiles.updateCertifications(user, body));
    }

    @PutMapping("/education")
    @Operation(summary = "Replace education", description = MATERIAL)
    MyProfileView education(@AuthenticationPrincipal CurrentUser user, @RequestBody List<Education> body) {
        return MyProfileView.of(profiles.updateEducation(user, body));
    }

    @PutMapping("/pricing")
    @Operation(
            summary = "Set pricing",
            description = "Currency, a rate per lesson length (minutes 15-240, amount in minor units), optional trial "
                    + "lesson price." + MATERIAL)
    MyProfileView pricing(@AuthenticationPrincipal CurrentUser user, @RequestBody Pricing body) {
        return MyProfileView.of(profiles.updatePricing(user, body));
    }

    @PutMapping("/languages")
    @Operation(summary = "Set languages spoken", description = "ISO 639-1 codes such as en, fr." + LIVE)
    MyProfileView languages(@AuthenticationPrincipal CurrentUser user, @RequestBody List<String> body) {
        return MyProfileView.of(profiles.updateLanguages(user, body));
    }

    @PutMapping("/teaching")
    @Operation(
            summary = "Set teaching mode, area, time zone and intro video",
            description = "mode ONLINE, IN_PERSON or BOTH (area required unless ONLINE); IANA time zone; "
                    + "introVideoUrl must be https." + LIVE)
    MyProfileView teaching(@AuthenticationPrincipal CurrentUser user, @RequestBody Teaching body) {
        return MyProfileView.of(profiles.updateTeaching(user, body));
    }

    @PostMapping("/submit")
    @Operation(
            summary = "Submit my profile for review",
            description =
                    "TUTOR only. From DRAFT, REJECTED or CHANGES_REQUESTED (else 409 `tutor.invalid_transition`). "
                            + "Missing sections: 422 `tutor.profile_incomplete` with errors[] naming them.")
    MyProfileView submit(@AuthenticationPrincipal CurrentUser user) {
        return MyProfileView.of(profiles.submit(user));
    }

    /** The tutor's display name, for views of other modules' data. */
    static @Nullable String nameOf(AccountsApi accounts, UUID tutorId) {
        return accounts.findUser(UserId.of(tutorId)).map(UserSummary::fullName).orElse(null);
    }
}
