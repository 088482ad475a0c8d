package io.lyceum.catalog;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.ProfileDocument.About;
import io.lyceum.catalog.ProfileDocument.Certification;
import io.lyceum.catalog.ProfileDocument.Education;
import io.lyceum.catalog.ProfileDocument.Pricing;
import io.lyceum.catalog.ProfileDocument.SubjectOffer;
import io.lyceum.catalog.ProfileDocument.Teaching;
import io.lyceum.catalog.TutorProfileStore.ProfileRow;
import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.TutorId;
import io.lyceum.tenancy.TenantContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tutor profiles: section edits by the tutor, the approval workflow, the published version. */
@Service
class TutorProfiles implements CatalogApi {

    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    /**
     * The highest price of 60 minutes (and of a trial), in minor units: a 240-minute lesson at it stays below the
     * payment provider's largest charge (99,999,999).
     */
    static final long MAX_HOURLY_PRICE = 20_000_000;

    private final TutorProfileStore store;
    private final CoursePackStore packs;
    private final SubjectCatalog subjects;
    private final Validator validator;
    private final ApplicationEventPublisher events;
    private final ExchangeRates exchangeRates;
    private final Clock clock;
    private final TutorStandingStore standing;

    private final org.springframework.beans.factory.ObjectProvider<CoursePacks> coursePacks;

    TutorProfiles(
            TutorStandingStore standing,
            TutorProfileStore store,
            CoursePackStore packs,
            SubjectCatalog subjects,
            Validator validator,
            ApplicationEventPublisher events,
            ExchangeRates exchangeRates,
            Clock clock,
            org.springframework.beans.factory.ObjectProvider<CoursePacks> coursePacks) {
        this.coursePacks = coursePacks;
        this.standing = standing;
        this.exchangeRates = exchangeRates;
        this.store = store;
        this.packs = packs;
        this.subjects = subjects;
        this.validator = validator;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isApprovedTutor(TutorId tutorId) {
        return store.isApproved(tutorId.value());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<TutorTerms> tutorTerms(TutorId tutorId) {
        return store.find(tutorId.value())
                .filter(row -> row.status() == TutorProfileStatus.APPROVED)
                .map(ProfileRow::published)
                .map(published -> terms(tutorId.value(), published));
    }

    @Override
    public UUID addCourseMaterial(
            TutorId tutorId, CoursePackId packId, String title, @Nullable String description, String sitePath) {
        CurrentUser tutor =
                new CurrentUser(tutorId.asUser(), TenantContext.require(), io.lyceum.accounts.Role.TUTOR, null);
        return coursePacks
                .getObject()
                .addSiteLink(tutor, packId.value(), title, description, sitePath)
                .id();
    }

    @Override
    @Transactional
    public void recordTutorRating(
            TutorId tutorId,
            int count,
            java.math.@Nullable BigDecimal average,
            java.math.@Nullable BigDecimal bayesianAverage) {
        standing.recordRating(tutorId.value(), count, average, bayesianAverage);
    }

    @Override
    @Transactional
    public void recordTutorScore(TutorId tutorId, java.math.BigDecimal score) {
        standing.recordScore(tutorId.value(), score);
    }

    @Override
    @Transactional
    public void recordTutorScores(java.util.Map<UUID, java.math.BigDecimal> scores) {
        standing.recordScores(scores);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<TutorProfileFacts> tutorProfileFacts(TutorId tutorId) {
        return store.find(tutorId.value()).map(row -> {
            ProfileDocument p = row.published();
            int filled = 0;
            int credentials = 0;
            if (p != null) {
                filled += p.about() != null ? 1 : 0;
                filled += p.subjects().isEmpty() ? 0 : 1;
                filled += p.certifications().isEmpty() ? 0 : 1;
                filled += p.education().isEmpty() ? 0 : 1;
                filled += p.pricing() != null ? 1 : 0;
                filled += p.languages().isEmpty() ? 0 : 1;
                filled += p.teaching() != null ? 1 : 0;
                filled += p.teaching() != null && p.teaching().introVideoUrl() != null ? 1 : 0;
                credentials = p.certifications().size() + p.education().size();
            }
            return new TutorProfileFacts(
                    tutorId,
                    row.status() == TutorProfileStatus.APPROVED,
                    filled,
                    credentials,
                    standing.firstApprovedAt(tutorId.value()));
        });
    }

    @Override
    @Transactional(readOnly = true)
    public List<CoursePackFacts> coursePacksOf(TutorId tutorId, int limit) {
        return packs.listOfTutor(tutorId.value(), Math.max(1, Math.min(limit, 100)), 0).stream()
                .map(this::facts)
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CoursePackFacts> coursePack(CoursePackId packId) {
        return packs.find(packId.value()).map(this::facts);
    }

    private CoursePackFacts facts(CoursePackStore.PackRow p) {
        return (new CoursePackFacts(
                CoursePackId.of(p.id()),
                TutorId.of(p.tutorId()),
                p.title(),
                p.published(),
                p.moderationStatus() == ModerationStatus.ACTIVE,
                p.preliminaryMeetingRequired(),
                Money.of(p.priceAmount(), p.priceCurrency()),
                p.numberOfLessons(),
                p.lessonMinutes(),
                p.schedulingType().name(),
                p.fixedDates(),
                p.level().name(),
                lessonSubject(p.tutorId(), p.categoryId(), p.level())));
    }

    /** The subject a pack's lessons are booked under: one the tutor teaches in the pack's category, level first. */
    private @Nullable UUID lessonSubject(UUID tutorId, UUID categoryId, Level level) {
        List<SubjectOffer> offers = store.find(tutorId)
                .map(ProfileRow::published)
                .map(ProfileDocument::subjects)
                .orElse(List.of());
        UUID fallback = null;
        for (SubjectOffer offer : offers) {
            boolean inCategory = subjects.findSubject(offer.subjectId())
                    .map(s -> s.categoryId().equals(categoryId))
                    .orElse(false);
            if (inCategory && offer.level() == level) {
                return offer.subjectId();
            }
            if (inCategory && fallback == null) {
                fallback = offer.subjectId();
            }
        }
        return fallback;
    }

    private static TutorTerms terms(UUID tutorId, ProfileDocument doc) {
        ZoneId zone = doc.teaching() == null
                ? java.time.ZoneOffset.UTC
                : ZoneId.of(doc.teaching().timeZone());
        Pricing pricing = doc.pricing();
        return new TutorTerms(
                TutorId.of(tutorId),
                zone,
                pricing == null ? null : pricing.currency(),
                pricing == null ? List.of(TutorTerms.PRICED_MINUTES) : pricing.lessonLengths(),
                pricing == null ? null : pricing.trialLessonPrice(),
                doc.subjects().stream()
                        .map(o -> new TutorTerms.Offer(o.subjectId(), o.level(), o.price()))
                        .toList());
    }

    @Override
    @Transactional(readOnly = true)
    public LessonQuote quoteLesson(
            TutorId tutorId,
            @Nullable UUID subjectId,
            @Nullable Level level,
            int durationMinutes,
            boolean trial,
            @Nullable String displayCurrency) {
        requireLessonLength(durationMinutes);
        TutorTerms terms = tutorTerms(tutorId)
                .orElseThrow(
                        () -> LyceumException.notFound("lesson.tutor_unavailable", "No approved tutor with this id."));
        return quoteLesson(terms, subjectId, level, durationMinutes, trial, displayCurrency);
    }

    @Override
    public LessonQuote quoteLesson(
            TutorTerms terms,
            @Nullable UUID subjectId,
            @Nullable Level level,
            int durationMinutes,
            boolean trial,
            @Nullable String displayCurrency) {
        requireLessonLength(durationMinutes);
        LessonQuote quote = terms.quote(subjectId, level, durationMinutes, trial, "lesson");
        return displayCurrency == null
                ? quote
                : quote.withDisplayPrice(
                        displayPrice(quote.price(), displayCurrency).orElse(null));
    }

    private static void requireLessonLength(int durationMinutes) {
        if (durationMinutes < 15 || durationMinutes > 240) {
            throw LyceumException.invalid(
                    "lesson.invalid_duration",
                    "A lesson lasts between 15 and 240 minutes.",
                    List.of(new FieldError("durationMinutes", "must be between 15 and 240")));
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Money> displayPrice(Money price, String currency) {
        return exchangeRates.table().convert(price, currency);
    }

    // ---- the tutor's own profile

    @Transactional
    ProfileRow myProfile(CurrentUser tutor) {
        return store.lockOrCreate(tutor.userId().value(), clock.instant());
    }

    @Transactional
    ProfileRow updateAbout(CurrentUser tutor, About about) {
        check("", about, new ArrayList<>());
        return edit(tutor, false, doc -> doc.withAbout(about));
    }

    @Transactional
    ProfileRow updateSubjects(CurrentUser tutor, List<SubjectOffer> offers) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < offers.size(); i++) {
            SubjectOffer offer = offers.get(i);
            String path = "[" + i + "]";
            if (!collect(path, offer, errors) || offer == null) {
                continue;
            }
            var subject = subjects.findSubject(offer.subjectId());
            if (subject.isEmpty() || !subject.get().active()) {
                errors.add(new FieldError(path + ".subjectId", "no such active subject"));
            } else if (!subject.get().levels().contains(offer.level())) {
                errors.add(new FieldError(path + ".level", "the subject is not offered at this level"));
            }
            if (offer.price().amount() < 0 || offer.price().amount() > MAX_HOURLY_PRICE) {
                errors.add(new FieldError(path + ".price.amount", "must be between 0 and " + MAX_HOURLY_PRICE));
            }
            currency(path + ".price.currency", offer.price().currencyCode(), errors);
            if (!seen.add(offer.subjectId() + "/" + offer.level())) {
                errors.add(new FieldError(path, "duplicate subject and level"));
            }
        }
        if (offers.size() > 50) {
            errors.add(new FieldError("subjects", "at most 50 entries"));
        }
        fail(errors);
        Pricing pricing = store.find(tutor.userId().value())
                .map(row -> row.draft().pricing())
                .orElse(null);
        String currency = pricing == null
                ? offers.isEmpty() ? null : offers.getFirst().price().currencyCode()
                : pricing.currency();
        for (int i = 0; i < offers.size(); i++) {
            if (!offers.get(i).price().currencyCode().equals(currency)) {
                errors.add(new FieldError(
                        "[" + i + "].price.currency",
                        "must be " + currency + ", the currency of "
                                + (pricing == null ? "your first subject" : "your pricing")));
            }
        }
        if (!errors.isEmpty()) {
            throw LyceumException.invalid(
                    "tutor.currency_mismatch", "Every price of a tutor is in the tutor's one currency.", errors);
        }
        return edit(tutor, true, doc -> doc.withSubjects(offers));
    }

    @Transactional
    ProfileRow updateCertifications(CurrentUser tutor, List<Certification> certifications) {
        checkList(certifications, 30);
        return edit(tutor, true, doc -> doc.withCertifications(certifications));
    }

    @Transactional
    ProfileRow updateEducation(CurrentUser tutor, List<Education> education) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < education.size(); i++) {
            Education e = education.get(i);
            if (collect("[" + i + "]", e, errors)
                    && e != null
                    && e.startYear() != null
                    && e.endYear() != null
                    && e.endYear() < e.startYear()) {
                errors.add(new FieldError("[" + i + "].endYear", "must not be before startYear"));
            }
        }
        if (education.size() > 30) {
            errors.add(new FieldError("education", "at most 30 entries"));
        }
        fail(errors);
        return edit(tutor, true, doc -> doc.withEducation(education));
    }

    @Transactional
    ProfileRow updatePricing(CurrentUser tutor, Pricing pricing) {
        List<FieldError> errors = new ArrayList<>();
        if (collect("", pricing, errors)) {
            currency("currency", pricing.currency(), errors);
            Set<Integer> minutes = new HashSet<>();
            for (int i = 0; i < pricing.lessonLengths().size(); i++) {
                Integer length = pricing.lessonLengths().get(i);
                if (length != null && !minutes.add(length)) {
                    errors.add(new FieldError("lessonLengths[" + i + "]", "duplicate lesson length"));
                } else if (length != null && length % 5 != 0) {
                    errors.add(new FieldError("lessonLengths[" + i + "]", "must be a multiple of 5 minutes"));
                }
            }
            Money trial = pricing.trialLessonPrice();
            if (trial != null) {
                if (trial.amount() < 0 || trial.amount() > MAX_HOURLY_PRICE) {
                    errors.add(new FieldError("trialLessonPrice.amount", "must be between 0 and " + MAX_HOURLY_PRICE));
                }
                if (!trial.currencyCode().equals(pricing.currency())) {
                    errors.add(new FieldError("trialLessonPrice.currency", "must be " + pricing.currency()));
                }
            }
        }
        fail(errors);
        if (pricing != null) {
            List<SubjectOffer> offers = store.find(tutor.userId().value())
                    .map(row -> row.draft().subjects())
                    .orElse(List.of());
            for (int i = 0; i < offers.size(); i++) {
                if (!offers.get(i).price().currencyCode().equals(pricing.currency())) {
                    errors.add(new FieldError(
                            "currency",
                            "your subject prices are in "
                                    + offers.get(i).price().currencyCode()));
                    break;
                }
            }
            if (!errors.isEmpty()) {
                throw LyceumException.invalid(
                        "tutor.currency_mismatch", "Every price of a tutor is in the tutor's one currency.", errors);
            }
        }
        return edit(tutor, true, doc -> doc.withPricing(pricing));
    }

    @Transactional
    ProfileRow updateLanguages(CurrentUser tutor, List<String> languages) {
        List<FieldError> errors = new ArrayList<>();
        if (languages.isEmpty() || languages.size() > 20) {
            errors.add(new FieldError("languages", "between 1 and 20 language codes"));
        }
        for (int i = 0; i < languages.size(); i++) {
            String code = languages.get(i);
            if (code == null || !LANGUAGES.contains(code)) {
                errors.add(new FieldError("[" + i + "]", "must be a lowercase ISO 639-1 code such as en"));
            }
        }
        fail(errors);
        return edit(tutor, false, doc -> doc.withLanguages(List.copyOf(new java.util.LinkedHashSet<>(languages))));
    }

    @Transactional
    ProfileRow updateTeaching(CurrentUser tutor, Teaching teaching) {
        List<FieldError> errors = new ArrayList<>();
        if (collect("", teaching, errors)) {
            try {
                ZoneId.of(teaching.timeZone());
            } catch (DateTimeException e) {
                errors.add(new FieldError("timeZone", "must be an IANA time zone such as Europe/London"));
            }
            if (teaching.teachingMode() != ProfileDocument.TeachingMode.ONLINE
                    && (teaching.area() == null || teaching.area().isBlank())) {
                errors.add(new FieldError("area", "required for in-person lessons"));
            }
        }
        fail(errors);
        return edit(tutor, false, doc -> doc.withTeaching(teaching));
    }

    /**
     * Applies an edit to the draft. On an approved (or suspended) profile a non-material edit goes live at once; a
     * material one waits for re-approval while the published version stays as it was.
     */
    private ProfileRow edit(CurrentUser tutor, boolean material, UnaryOperator<ProfileDocument> change) {
        Instant now = clock.instant();
        ProfileRow row = store.lockOrCreate(tutor.userId().value(), now);
        ProfileDocument draft = change.apply(row.draft());
        ProfileDocument published = row.published();
        boolean pending = row.pendingReview();
        long version = row.publishedVersion();
        if (published != null) {
            if (material) {
                pending = !draft.equals(published);
            } else {
                published = change.apply(published);
                version++;
            }
        }
        ProfileRow updated = new ProfileRow(
                row.tutorId(),
                row.status(),
                draft,
                published,
                pending,
                row.statusReason(),
                version,
                now,
                row.submittedAt());
        store.save(updated, now);
        if (pending && !row.pendingReview()) {
            events.publishEvent(new TutorProfileSubmitted(
                    TenantContext.require(),
                    tutor.userId().asTutor(),
                    tutor.userId().value(),
                    now));
        }
        return store.find(tutor.userId().value()).orElseThrow();
    }

    @Transactional
    ProfileRow submit(CurrentUser tutor) {
        Instant now = clock.instant();
        ProfileRow row = store.lockOrCreate(tutor.userId().value(), now);
        var from = row.status();
        if (from != TutorProfileStatus.DRAFT
                && from != TutorProfileStatus.REJECTED
                && from != TutorProfileStatus.CHANGES_REQUESTED) {
            throw invalidTransition(from, TutorProfileStatus.SUBMITTED);
        }
        List<String> missing = row.draft().missingSections();
        if (!missing.isEmpty()) {
            throw LyceumException.invalid(
                    "tutor.profile_incomplete",
                    "Fill in every required section before submitting: " + String.join(", ", missing) + ".",
                    missing.stream()
                            .map(s -> new FieldError(s, "required section is missing"))
                            .toList());
        }
        return transition(
                row,
                tutor.userId().value(),
                TutorProfileStatus.SUBMITTED,
                null,
                now,
                r -> new ProfileRow(
                        r.tutorId(),
                        TutorProfileStatus.SUBMITTED,
                        r.draft(),
                        r.published(),
                        false,
                        null,
                        r.publishedVersion(),
                        now,
                        now));
    }

    // ---- admin decisions

    PageResponse<ProfileRow> pending(PageQuery page) {
        return store.pending(page);
    }

    PageResponse<ProfileRow> approved(PageQuery page) {
        return store.approved(page);
    }

    ProfileRow get(UUID tutorId) {
        return store.find(tutorId).orElseThrow(TutorProfiles::notFound);
    }

    PageResponse<TutorProfileStore.HistoryEntry> history(UUID tutorId, PageQuery page) {
        get(tutorId);
        return store.history(tutorId, page);
    }

    @Transactional
    ProfileRow approve(CurrentUser admin, UUID tutorId) {
        Instant now = clock.instant();
        ProfileRow row = store.lock(tutorId).orElseThrow(TutorProfiles::notFound);
        boolean reapproval = row.status() == TutorProfileStatus.APPROVED && row.pendingReview();
        if (row.status() != TutorProfileStatus.SUBMITTED && !reapproval) {
            throw invalidTransition(row.status(), TutorProfileStatus.APPROVED);
        }
        ProfileRow result = transition(
                row,
                admin.userId().value(),
                TutorProfileStatus.APPROVED,
                null,
                now,
                r -> new ProfileRow(
                        r.tutorId(),
                        TutorProfileStatus.APPROVED,
                        r.draft(),
                        r.draft(),
                        false,
                        null,
                        r.publishedVersion() + 1,
                        now,
                        r.submittedAt()));
        events.publishEvent(new TutorApproved(
                TenantContext.require(), TutorId.of(tutorId), admin.userId().value(), now));
        audited(admin.userId().value(), "TUTOR_APPROVED", row, null, now);
        return result;
    }

    @Transactional
    ProfileRow reject(CurrentUser admin, UUID tutorId, String reason) {
        Instant now = clock.instant();
        ProfileRow row = store.lock(tutorId).orElseThrow(TutorProfiles::notFound);
        ProfileRow result;
        if (row.status() == TutorProfileStatus.SUBMITTED) {
            result = transition(
                    row,
                    admin.userId().value(),
                    TutorProfileStatus.REJECTED,
                    reason,
                    now,
                    r -> r.decided(TutorProfileStatus.REJECTED, reason, now));
        } else if (row.status() == TutorProfileStatus.APPROVED && row.pendingReview()) {
            // the pending changes are refused: the draft goes back to the published version
            result = transition(
                    row,
                    admin.userId().value(),
                    TutorProfileStatus.APPROVED,
                    reason,
                    now,
                    r -> new ProfileRow(
                            r.tutorId(),
                            TutorProfileStatus.APPROVED,
                            r.requirePublished(),
                            r.published(),
                            false,
                            reason,
                            r.publishedVersion(),
                            now,
                            r.submittedAt()));
        } else {
            throw invalidTransition(row.status(), TutorProfileStatus.REJECTED);
        }
        events.publishEvent(new TutorRejected(
                TenantContext.require(), TutorId.of(tutorId), admin.userId().value(), reason, now));
        audited(admin.userId().value(), "TUTOR_REJECTED", row, reason, now);
        return result;
    }

    @Transactional
    ProfileRow requestChanges(CurrentUser admin, UUID tutorId, String comments) {
        Instant now = clock.instant();
        ProfileRow row = store.lock(tutorId).orElseThrow(TutorProfiles::notFound);
        ProfileRow result;
        if (row.status() == TutorProfileStatus.SUBMITTED) {
            result = transition(
                    row,
                    admin.userId().value(),
                    TutorProfileStatus.CHANGES_REQUESTED,
                    comments,
                    now,
                    r -> r.decided(TutorProfileStatus.CHANGES_REQUESTED, comments, now));
        } else if (row.status() == TutorProfileStatus.APPROVED && row.pendingReview()) {
            // the published version stays live; the draft leaves the queue until the tutor edits it again
            result = transition(
                    row,
                    admin.userId().value(),
                    TutorProfileStatus.APPROVED,
                    comments,
                    now,
                    r -> r.decided(TutorProfileStatus.APPROVED, comments, now));
        } else {
            throw invalidTransition(row.status(), TutorProfileStatus.CHANGES_REQUESTED);
        }
        events.publishEvent(new TutorChangesRequested(
                TenantContext.require(), TutorId.of(tutorId), admin.userId().value(), comments, now));
        audited(admin.userId().value(), "TUTOR_CHANGES_REQUESTED", row, comments, now);
        return result;
    }

    @Transactional
    ProfileRow suspend(CurrentUser admin, UUID tutorId, String reason) {
        return suspendBy(admin.userId().value(), tutorId, reason);
    }

    /** APPROVED → SUSPENDED: the public profile disappears from search and its page. */
    private ProfileRow suspendBy(UUID actorId, UUID tutorId, String reason) {
        Instant now = clock.instant();
        ProfileRow row = store.lock(tutorId).orElseThrow(TutorProfiles::notFound);
        if (row.status() != TutorProfileStatus.APPROVED) {
            throw invalidTransition(row.status(), TutorProfileStatus.SUSPENDED);
        }
        ProfileRow result = transition(
                row,
                actorId,
                TutorProfileStatus.SUSPENDED,
                reason,
                now,
                r -> new ProfileRow(
                        r.tutorId(),
                        TutorProfileStatus.SUSPENDED,
                        r.draft(),
                        r.published(),
                        r.pendingReview(),
                        reason,
                        r.publishedVersion(),
                        now,
                        r.submittedAt()));
        events.publishEvent(new TutorSuspended(TenantContext.require(), TutorId.of(tutorId), actorId, reason, now));
        audited(actorId, "TUTOR_SUSPENDED", row, reason, now);
        return result;
    }

    @Override
    public boolean removeCoursePack(CurrentUser admin, CoursePackId packId, String reason) {
        if (!admin.isStaff()) {
            throw LyceumException.forbidden("pack.not_allowed", "Only admins remove course packs.");
        }
        var pack = packs.find(packId.value())
                .orElseThrow(() -> LyceumException.notFound("pack.not_found", "No such pack."));
        if (pack.moderationStatus() == ModerationStatus.REMOVED) {
            return false;
        }
        coursePacks.getObject().remove(admin, packId.value(), reason);
        return true;
    }

    @Override
    @Transactional
    public boolean hideTutorProfile(CurrentUser admin, TutorId tutorId, String reason) {
        if (!admin.isStaff()) {
            throw LyceumException.forbidden("tutor.not_allowed", "Only admins hide tutor profiles.");
        }
        return hideBy(admin.userId().value(), tutorId.value(), reason);
    }

    /**
     * Hides a tutor's public profile (APPROVED → SUSPENDED); true when it did. A profile that is not public (draft,
     * submitted, rejected, already suspended) or does not exist is left as it is.
     */
    @Transactional
    boolean hideBy(UUID actorId, UUID tutorId, String reason) {
        var row = store.lock(tutorId);
        if (row.isEmpty() || row.get().status() != TutorProfileStatus.APPROVED) {
            return false;
        }
        suspendBy(actorId, tutorId, reason);
        return true;
    }

    @Transactional
    ProfileRow reinstate(CurrentUser admin, UUID tutorId) {
        Instant now = clock.instant();
        ProfileRow row = store.lock(tutorId).orElseThrow(TutorProfiles::notFound);
        if (row.status() != TutorProfileStatus.SUSPENDED) {
            throw invalidTransition(row.status(), TutorProfileStatus.APPROVED);
        }
        ProfileRow result = transition(
                row,
                admin.userId().value(),
                TutorProfileStatus.APPROVED,
                null,
                now,
                r -> new ProfileRow(
                        r.tutorId(),
                        TutorProfileStatus.APPROVED,
                        r.draft(),
                        r.published(),
                        r.pendingReview(),
                        null,
                        r.publishedVersion() + 1,
                        now,
                        r.submittedAt()));
        events.publishEvent(new TutorReinstated(
                TenantContext.require(), TutorId.of(tutorId), admin.userId().value(), now));
        audited(admin.userId().value(), "TUTOR_REINSTATED", row, null, now);
        return result;
    }

    // ---- public reads

    /** The published profile of an approved tutor, or 404. */
    @Transactional(readOnly = true)
    ProfileRow publicProfile(UUID tutorId) {
        return store.find(tutorId)
                .filter(r -> r.status() == TutorProfileStatus.APPROVED && r.published() != null)
                .orElseThrow(TutorProfiles::notFound);
    }

    // ---- helpers

    private ProfileRow transition(
            ProfileRow row,
            UUID actor,
            TutorProfileStatus to,
            @Nullable String reason,
            Instant now,
            UnaryOperator<ProfileRow> change) {
        ProfileRow updated = change.apply(row);
        store.save(updated, now);
        store.appendHistory(row.tutorId(), actor, row.status(), to, reason, now);
        if (to == TutorProfileStatus.SUBMITTED) {
            events.publishEvent(
                    new TutorProfileSubmitted(TenantContext.require(), TutorId.of(row.tutorId()), actor, now));
        }
        return store.find(row.tutorId()).orElseThrow();
    }

    private static LyceumException notFound() {
        return LyceumException.notFound("tutor.not_found", "No such tutor profile.");
    }

    private static LyceumException invalidTransition(TutorProfileStatus from, TutorProfileStatus to) {
        return LyceumException.conflict(
                "tutor.invalid_transition", "A profile in state " + from + " cannot move to " + to + ".");
    }

    private <T> void checkList(List<T> items, int max) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            collect("[" + i + "]", items.get(i), errors);
        }
        if (items.size() > max) {
            errors.add(new FieldError("items", "at most " + max + " entries"));
        }
        fail(errors);
    }

    private void check(String path, Object value, List<FieldError> errors) {
        collect(path, value, errors);
        fail(errors);
    }

    /** Bean-validates one value, adding its errors; true when it had none. */
    private boolean collect(String path, @Nullable Object value, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(path.isEmpty() ? "body" : path, "must not be null"));
            return false;
        }
        Set<ConstraintViolation<Object>> violations = validator.validate(value);
        for (var v : violations) {
            String field = v.getPropertyPath().toString();
            errors.add(new FieldError(path.isEmpty() ? field : path + "." + field, v.getMessage()));
        }
        return violations.isEmpty();
    }

    private static void currency(String field, String code, List<FieldError> errors) {
        try {
            Money.currency(code);
        } catch (LyceumException e) {
            errors.add(new FieldError(field, "must be an ISO 4217 currency code"));
        }
    }

    private static void fail(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("request.validation_failed", "The request has invalid fields.", errors);
        }
    }

    /** The audit log's entry for an admin's decision on a profile: its status before and after. */
    private void audited(UUID actorId, String action, ProfileRow before, @Nullable String reason, Instant now) {
        ProfileRow after = store.lock(before.tutorId()).orElse(before);
        events.publishEvent(io.lyceum.platform.AdministrativeAction.of(
                TenantContext.require().value(),
                actorId,
                action,
                "TUTOR",
                before.tutorId(),
                auditedState(before),
                auditedState(after),
                reason,
                now));
    }

    private static java.util.Map<String, Object> auditedState(ProfileRow row) {
        return java.util.Map.of("status", row.status().name(), "pendingReview", row.pendingReview());
    }
}
