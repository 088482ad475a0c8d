package io.lyceum.catalog;

import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What one lesson of a tutor costs, before it is booked: exactly what a booking of this subject, level, length and
 * kind charges. {@code price} is in the tutor's currency (money is always charged in it); {@code displayPrice} is the
 * same price converted into the viewer's display currency when one was asked for and a rate exists.
 */
@Schema(description = "The exact price of a lesson before booking; the booking charges `price`.")
public record LessonQuote(
        TutorId tutorId,
        UUID subjectId,
        Level level,
        int durationMinutes,
        boolean trial,
        Money price,

        @Schema(description = "the subject's listed price for 60 minutes, which `price` is scaled from")
        Money pricePer60Minutes,

        @Schema(description = "`price` in the requested display currency (absent without one or without a rate)")
        @Nullable
        Money displayPrice) {

    /** This quote with its price also shown in another currency. */
    public LessonQuote withDisplayPrice(@Nullable Money converted) {
        return new LessonQuote(tutorId, subjectId, level, durationMinutes, trial, price, pricePer60Minutes, converted);
    }
}
