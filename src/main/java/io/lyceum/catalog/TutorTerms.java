package io.lyceum.catalog;

import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The published terms on which an approved tutor can be booked: their zone, their currency, the lesson lengths they
 * offer, what they teach and what a lesson costs. This is the one place a lesson's price is computed.
 *
 * <p>The pricing model: each subject at a level has a price for {@value #PRICED_MINUTES} minutes (the price search
 * shows, filters and sorts on); a lesson of another length costs that price scaled to its length, rounded half up to
 * the currency's minor unit ({@link #scale}); a trial lesson costs the tutor's separate trial price whatever its
 * subject. Packages and enrollments start from the same single-lesson price.
 */
public record TutorTerms(
        TutorId tutorId,
        ZoneId timeZone,
        @Nullable String currency,
        List<Integer> lessonLengths,
        @Nullable Money trialLessonPrice,
        List<Offer> offers) {

    /** The lesson length a subject's listed price is for. */
    public static final int PRICED_MINUTES = 60;

    public TutorTerms {
        lessonLengths = List.copyOf(lessonLengths);
        offers = List.copyOf(offers);
    }

    /** A subject at a level, with its price for {@value #PRICED_MINUTES} minutes. */
    public record Offer(UUID subjectId, Level level, Money hourlyPrice) {}

    /**
     * The price of a lesson of {@code minutes} at a {@value #PRICED_MINUTES}-minute price: {@code hourly * minutes /
     * 60} rounded half up to the minor unit. Exact for 60 minutes, so a listed price is a charged price.
     */
    public static Money scale(Money hourly, int minutes) {
        if (minutes <= 0) {
            throw new IllegalArgumentException("minutes must be positive");
        }
        long scaled = Math.floorDiv(
                Math.addExact(Math.multiplyExact(hourly.amount(), minutes), PRICED_MINUTES / 2), PRICED_MINUTES);
        return new Money(scaled, hourly.currency());
    }

    /** Whether the tutor teaches the subject (at the level, when one is given). */
    public boolean teaches(UUID subjectId, @Nullable Level level) {
        return offers.stream().anyMatch(o -> o.subjectId().equals(subjectId) && (level == null || o.level() == level));
    }

    /**
     * The offer a lesson is taught under. The subject may be left out when the tutor teaches one subject, the level
     * when the tutor teaches the subject at one level; otherwise both are needed. Refusals are 422 with the code
     * {@code <prefix>.subject_required}, {@code <prefix>.level_required} or {@code <prefix>.subject_not_taught}.
     */
    public Offer offer(@Nullable UUID subjectId, @Nullable Level level, String codePrefix) {
        List<Offer> candidates = offers.stream()
                .filter(o -> subjectId == null || o.subjectId().equals(subjectId))
                .filter(o -> level == null || o.level() == level)
                .toList();
        if (candidates.isEmpty()) {
            String detail = "The tutor does not teach this subject" + (level == null ? "" : " at level " + level) + ".";
            throw LyceumException.invalid(
                    codePrefix + ".subject_not_taught",
                    detail,
                    List.of(new FieldError(subjectId == null ? "level" : "subjectId", detail)));
        }
        if (candidates.size() > 1) {
            boolean oneSubject =
                    candidates.stream().map(Offer::subjectId).distinct().count() == 1;
            String field = oneSubject ? "level" : "subjectId";
            String detail = oneSubject
                    ? "The tutor teaches this subject at several levels: name one of "
                            + candidates.stream().map(o -> o.level().name()).toList() + "."
                    : "The tutor teaches several subjects: name the subject (and level) of the lesson.";
            throw LyceumException.invalid(
                    codePrefix + (oneSubject ? ".level_required" : ".subject_required"),
                    detail,
                    List.of(new FieldError(field, detail)));
        }
        return candidates.getFirst();
    }

    /** The price of a lesson under an offer: the trial price for a trial, else the offer's price scaled. */
    public Optional<Money> lessonPrice(Offer offer, int minutes, boolean trial) {
        if (trial) {
            return Optional.ofNullable(trialLessonPrice);
        }
        return Optional.of(scale(offer.hourlyPrice(), minutes));
    }

    /**
     * The quote for a lesson, with the subject and level resolved as {@link #offer} does. Refused with {@code
     * <prefix>.trial_not_offered} for a trial when the tutor offers none.
     */
    public LessonQuote quote(
            @Nullable UUID subjectId, @Nullable Level level, int minutes, boolean trial, String codePrefix) {
        Offer offer = offer(subjectId, level, codePrefix);
        Money price = lessonPrice(offer, minutes, trial)
                .orElseThrow(() -> LyceumException.invalid(
                        codePrefix + ".trial_not_offered",
                        "The tutor offers no trial lesson.",
                        List.of(new FieldError("trial", "the tutor offers no trial lesson"))));
        return new LessonQuote(
                tutorId, offer.subjectId(), offer.level(), minutes, trial, price, offer.hourlyPrice(), null);
    }
}
