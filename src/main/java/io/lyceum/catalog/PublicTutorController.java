package io.lyceum.catalog;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.catalog.TutorProfileStore.ProfileRow;
import io.lyceum.shared.ETags;
import io.lyceum.shared.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tutors")
@Tag(name = "Catalog: tutors")
class PublicTutorController {

    private static final CacheControl CACHE =
            CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();

    private final TutorProfiles profiles;
    private final SubjectCatalog subjects;
    private final AccountsApi accounts;

    PublicTutorController(TutorProfiles profiles, SubjectCatalog subjects, AccountsApi accounts) {
        this.profiles = profiles;
        this.subjects = subjects;
        this.accounts = accounts;
    }

    /** The price of one lesson length. */
    record LengthPrice(int durationMinutes, Money price) {}

    record OfferedSubject(
            UUID subjectId,
            @Nullable String name,
            Level level,
            @Schema(description = "the price of 60 minutes") Money price,

            @Schema(description = "the price of each lesson length the tutor offers, as a booking charges it")
            List<LengthPrice> lessonPrices) {}

    record PublicProfile(
            UUID tutorId,
            @Nullable String fullName,
            ProfileDocument.@Nullable About about,
            List<OfferedSubject> subjects,
            List<ProfileDocument.Certification> certifications,
            List<ProfileDocument.Education> education,
            ProfileDocument.@Nullable Pricing pricing,
            List<String> languages,
            ProfileDocument.@Nullable Teaching teaching) {}

    record TutorCard(
            UUID tutorId,
            @Nullable String fullName,
            @Nullable String headline,
            List<String> subjects,
            List<String> languages,
            ProfileDocument.@Nullable TeachingMode teachingMode,
            @Nullable Money priceFrom,
            @Nullable Money trialLessonPrice) {}

    private List<OfferedSubject> offered(ProfileDocument doc) {
        List<Integer> lengths = doc.pricing() == null
                ? List.of(TutorTerms.PRICED_MINUTES)
                : doc.pricing().lessonLengths();
        return doc.subjects().stream()
                .map(o -> new OfferedSubject(
                        o.subjectId(),
                        subjects.findSubject(o.subjectId())
                                .map(SubjectCatalog.Subject::name)
                                .orElse(null),
                        o.level(),
                        o.price(),
                        lengths.stream()
                                .sorted()
                                .map(minutes -> new LengthPrice(minutes, TutorTerms.scale(o.price(), minutes)))
                                .toList()))
                .toList();
    }

    private static String etag(ProfileRow row, String kind) {
        return "\"" + kind + "-" + row.tutorId() + "-" + row.publishedVersion() + "\"";
    }

    private static <T> ResponseEntity<T> cached(
            String etag, @Nullable String ifNoneMatch, java.util.function.Supplier<T> body) {
        if (ETags.matches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(etag)
                    .cacheControl(CACHE)
                    .build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(CACHE).body(body.get());
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "A tutor's full public profile",
            description = "Public. The published version of an APPROVED tutor's profile; anything else is 404. "
                    + "Carries an ETag and Cache-Control: public, max-age=60; If-None-Match answers 304.")
    ResponseEntity<PublicProfile> profile(
            @PathVariable UUID id,
            @RequestHeader(value = "If-None-Match", required = false) @Nullable String ifNoneMatch) {
        ProfileRow row = profiles.publicProfile(id);
        ProfileDocument doc = row.requirePublished();
        return cached(
                etag(row, "p"),
                ifNoneMatch,
                () -> new PublicProfile(
                        row.tutorId(),
                        TutorProfileController.nameOf(accounts, id),
                        doc.about(),
                        offered(doc),
                        doc.certifications(),
                        doc.education(),
                        doc.pricing(),
                        doc.languages(),
                        doc.teaching()));
    }

    @GetMapping("/{id}/public")
    @Operation(
            summary = "A tutor's summary card",
            description = "Public. Name, headline, subjects, languages, teachingMode, the lowest price of 60 minutes"
                    + " (priceFrom, as search shows it) and the trial price of an "
                    + "APPROVED tutor; anything else is 404. ETag and Cache-Control as for the full profile.")
    ResponseEntity<TutorCard> card(
            @PathVariable UUID id,
            @RequestHeader(value = "If-None-Match", required = false) @Nullable String ifNoneMatch) {
        ProfileRow row = profiles.publicProfile(id);
        ProfileDocument doc = row.requirePublished();
        return cached(etag(row, "c"), ifNoneMatch, () -> {
            Money from = TutorSummaries.priceFrom(doc);
            Money trial = doc.pricing() == null ? null : doc.pricing().trialLessonPrice();
            return new TutorCard(
                    row.tutorId(),
                    TutorProfileController.nameOf(accounts, id),
                    doc.about() == null ? null : doc.about().headline(),
                    offered(doc).stream().map(OfferedSubject::name).distinct().toList(),
                    doc.languages(),
                    doc.teaching() == null ? null : doc.teaching().teachingMode(),
                    from,
                    trial);
        });
    }
}
