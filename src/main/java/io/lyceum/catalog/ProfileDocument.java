package io.lyceum.catalog;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.lyceum.shared.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A tutor profile's sections, stored as one JSON document (the draft and the published version). */
record ProfileDocument(
        @Nullable About about,
        List<SubjectOffer> subjects,
        List<Certification> certifications,
        List<Education> education,
        @Nullable Pricing pricing,
        List<String> languages,
        @Nullable Teaching teaching) {

    /** The lists may be absent from a stored or sent document: they read as empty. */
    ProfileDocument {
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        certifications = certifications == null ? List.of() : List.copyOf(certifications);
        education = education == null ? List.of() : List.copyOf(education);
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    static final ProfileDocument EMPTY =
            new ProfileDocument(null, List.of(), List.of(), List.of(), null, List.of(), null);

    record About(
            @NotBlank @Size(max = 120) String headline,
            @NotBlank @Size(max = 5000) String bio) {}

    /** A subject at a level and its price for 60 minutes (see {@link TutorTerms} for the pricing model). */
    record SubjectOffer(
            @NotNull UUID subjectId,
            @NotNull Level level,

            @Schema(description = "the price of a 60-minute lesson; other lengths are scaled from it") @NotNull
            Money price) {}

    record Certification(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 200) @Nullable String issuer,
            @Min(1900) @Max(2100) @Nullable Integer year,

            @Size(max = 500) @Pattern(regexp = "https://\\S+", message = "must be an https URL") @Nullable
            String url) {}

    record Education(
            @NotBlank @Size(max = 200) String institution,
            @Size(max = 200) @Nullable String degree,
            @Size(max = 200) @Nullable String field,
            @Min(1900) @Max(2100) @Nullable Integer startYear,
            @Min(1900) @Max(2100) @Nullable Integer endYear) {}

    /**
     * The tutor's currency (every subject price and the trial price are in it), the lesson lengths offered (the
     * schedule's default lengths) and the trial lesson's price (absent: no trial lesson).
     */
    record Pricing(
            @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,

            @Schema(description = "lesson lengths in minutes the tutor offers; default [60]") @Size(max = 10)
            List<@NotNull @Min(15) @Max(240) Integer> lessonLengths,

            @Schema(description = "the price of a trial lesson, in the tutor's currency; absent: no trial lesson")
            @Nullable
            Money trialLessonPrice) {

        Pricing {
            lessonLengths = lessonLengths == null || lessonLengths.isEmpty()
                    ? List.of(TutorTerms.PRICED_MINUTES)
                    : java.util.Collections.unmodifiableList(new ArrayList<>(lessonLengths));
        }
    }

    enum TeachingMode {
        ONLINE,
        IN_PERSON,
        BOTH
    }

    record Teaching(
            @JsonAlias("mode") @NotNull TeachingMode teachingMode,
            @Size(max = 200) @Nullable String area,
            @NotBlank @Size(max = 64) String timeZone,

            @Size(max = 500) @Pattern(regexp = "https://\\S+", message = "must be an https URL") @Nullable
            String introVideoUrl) {}

    ProfileDocument withAbout(About value) {
        return new ProfileDocument(value, subjects, certifications, education, pricing, languages, teaching);
    }

    ProfileDocument withSubjects(List<SubjectOffer> value) {
        return new ProfileDocument(about, value, certifications, education, pricing, languages, teaching);
    }

    ProfileDocument withCertifications(List<Certification> value) {
        return new ProfileDocument(about, subjects, value, education, pricing, languages, teaching);
    }

    ProfileDocument withEducation(List<Education> value) {
        return new ProfileDocument(about, subjects, certifications, value, pricing, languages, teaching);
    }

    ProfileDocument withPricing(Pricing value) {
        return new ProfileDocument(about, subjects, certifications, education, value, languages, teaching);
    }

    ProfileDocument withLanguages(List<String> value) {
        return new ProfileDocument(about, subjects, certifications, education, pricing, value, teaching);
    }

    ProfileDocument withTeaching(Teaching value) {
        return new ProfileDocument(about, subjects, certifications, education, pricing, languages, value);
    }

    /** Sections that must be filled before the profile can be submitted. */
    List<String> missingSections() {
        List<String> missing = new ArrayList<>();
        if (about == null) missing.add("about");
        if (subjects.isEmpty()) missing.add("subjects");
        if (pricing == null) missing.add("pricing");
        if (languages.isEmpty()) missing.add("languages");
        if (teaching == null) missing.add("teaching");
        return missing;
    }
}
