package io.lyceum.catalog;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.catalog.ProfileDocument.Price;
import io.lyceum.catalog.ProfileDocument.Rate;
import io.lyceum.catalog.TutorProfileStore.ProfileRow;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Builds a tutor's public summary (as on the summary card) with the photo URL, from the published version. */
@Component
class TutorSummaries {

    /** A tutor's public summary; {@code photoUrl} is null when the tutor has no photo. */
    record TutorSummary(
            UUID tutorId,
            String fullName,
            String headline,
            List<String> subjects,
            List<String> languages,
            ProfileDocument.TeachingMode mode,
            Price priceFrom,
            Price trialLessonPrice,
            String photoUrl) {}

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

    TutorSummary of(ProfileRow row) {
        ProfileDocument doc = row.published();
        var pricing = doc.pricing();
        Price from = pricing == null
                ? null
                : pricing.rates().stream()
                        .min(Comparator.comparingLong(Rate::amount))
                        .map(r -> new Price(r.amount(), pricing.currency()))
                        .orElse(null);
        Price trial = pricing == null || pricing.trialLessonPrice() == null
                ? null
                : new Price(pricing.trialLessonPrice(), pricing.currency());
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
                doc.teaching() == null ? null : doc.teaching().mode(),
                from,
                trial,
                photos.find(row.tutorId()).isPresent() ? photoUrl(row.tutorId()) : null);
    }
}
