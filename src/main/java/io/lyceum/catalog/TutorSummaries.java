package io.lyceum.catalog;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.catalog.ProfileDocument.SubjectOffer;
import io.lyceum.catalog.TutorProfileStore.ProfileRow;
import io.lyceum.shared.Money;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Builds a tutor's public summary (as on the summary card) with the photo URL, from the published version. */
@Component
class TutorSummaries {

    /** A tutor's public summary; {@code photoUrl} is null when the tutor has no photo. */
    record TutorSummary(
            UUID tutorId,
            @Nullable String fullName,
            @Nullable String headline,
            List<String> subjects,
            List<String> languages,
            ProfileDocument.@Nullable TeachingMode teachingMode,
            @Nullable Money priceFrom,
            @Nullable Money trialLessonPrice,
            @Nullable String photoUrl) {}

    private final SubjectCatalog subjects;
    private final AccountsApi accounts;
    private final TutorPhotoStore photos;

    TutorSummaries(SubjectCatalog subjects, AccountsApi accounts, TutorPhotoStore photos) {
        this.subjects = subjects;
        this.accounts = accounts;
        this.photos = photos;
    }

    static String photoUrl(UUID tutorId) {
        return "/api/v1/tutors/" + tutorId + "/photo";
    }

    /** The lowest price of 60 minutes among the tutor's subjects, as search shows it; null without subjects. */
    static @Nullable Money priceFrom(ProfileDocument doc) {
        return doc.subjects().stream()
                .map(SubjectOffer::price)
                .min(Comparator.comparingLong(Money::amount))
                .orElse(null);
    }

    /** The summary of a row {@link TutorProfiles#publicProfile} answered. */
    TutorSummary of(ProfileRow row) {
        ProfileDocument doc = row.requirePublished();
        Money from = priceFrom(doc);
        Money trial = doc.pricing() == null ? null : doc.pricing().trialLessonPrice();
        return new TutorSummary(
                row.tutorId(),
                TutorProfileController.nameOf(accounts, row.tutorId()),
                doc.about() == null ? null : doc.about().headline(),
                doc.subjects().stream()
                        .map(o -> subjects.findSubject(o.subjectId())
                                .map(SubjectCatalog.Subject::name)
                                .orElse(null))
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .toList(),
                doc.languages(),
                doc.teaching() == null ? null : doc.teaching().teachingMode(),
                from,
                trial,
                photos.find(row.tutorId()).isPresent() ? photoUrl(row.tutorId()) : null);
    }
}
