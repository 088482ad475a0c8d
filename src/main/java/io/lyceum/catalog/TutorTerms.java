package io.lyceum.catalog;

import io.lyceum.shared.Money;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The published terms on which an approved tutor can be booked: their zone, what they teach and what a lesson costs.
 * A lesson's price is the rate for its length when the tutor set one; otherwise the subject's hourly price pro rata.
 */
public record TutorTerms(
        UUID tutorId, ZoneId timeZone, String currency, List<Rate> rates, Long trialLessonPrice, List<Offer> offers) {

    public TutorTerms {
        rates = List.copyOf(rates);
        offers = List.copyOf(offers);
    }

    /** A price for a lesson length, in minor units of {@link #currency()}. */
    public record Rate(int minutes, long amount) {}

    /** A subject at a level, with its hourly price. */
    public record Offer(UUID subjectId, Level level, Money hourlyPrice) {}

    /** Whether the tutor teaches the subject (at the level, when one is given). */
    public boolean teaches(UUID subjectId, Level level) {
        return offers.stream().anyMatch(o -> o.subjectId().equals(subjectId) && (level == null || o.level() == level));
    }

    /**
     * The price of a lesson of the subject: the trial price for a trial lesson, else the rate for its length, else
     * the subject's hourly price pro rata (rounded half up). Empty when the tutor does not teach the subject or
     * offers no trial.
     */
    public Optional<Money> lessonPrice(UUID subjectId, Level level, int minutes, boolean trial) {
        if (!teaches(subjectId, level)) {
            return Optional.empty();
        }
        if (trial) {
            return Optional.ofNullable(trialLessonPrice).map(amount -> Money.of(amount, currency));
        }
        Optional<Money> rate =
                rates.stream().filter(r -> r.minutes() == minutes).findFirst().map(r -> Money.of(r.amount(), currency));
        if (rate.isPresent()) {
            return rate;
        }
        return offers.stream()
                .filter(o -> o.subjectId().equals(subjectId) && (level == null || o.level() == level))
                .findFirst()
                .map(o -> Money.of(
                        (o.hourlyPrice().amount() * minutes + 30) / 60,
                        o.hourlyPrice().currencyCode()));
    }
}
