package io.lyceum.web;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The price a page shows before booking, looked up in what the tutor's public profile publishes: the trial price for a
 * trial, else the subject offer's price for the length ({@code lessonPrices}, "as a booking charges it"). Shown, never
 * sent: checkout shows and charges the booking's own price as the API answers it.
 */
final class LessonPrices {

    private LessonPrices() {}

    @SuppressWarnings("unchecked")
    static @Nullable Map<String, Object> price(Map<String, Object> tutor, BookingPages.Choice choice) {
        if (choice.trial()) {
            return tutor.get("pricing") instanceof Map<?, ?> pricing
                            && pricing.get("trialLessonPrice") instanceof Map<?, ?> trial
                    ? (Map<String, Object>) trial
                    : null;
        }
        for (Object s : (List<Object>) tutor.getOrDefault("subjects", List.of())) {
            var subject = (Map<String, Object>) s;
            if (!String.valueOf(subject.get("subjectId")).equals(choice.subjectId())
                    || !String.valueOf(subject.get("level")).equals(choice.level())) {
                continue;
            }
            for (Object l : (List<Object>) subject.getOrDefault("lessonPrices", List.of())) {
                var length = (Map<String, Object>) l;
                if (ApiFields.number(length, "durationMinutes").intValue() == choice.duration()) {
                    return (Map<String, Object>) length.get("price");
                }
            }
        }
        return null;
    }
}
