package io.lyceum.web;

import java.util.List;
import java.util.Map;

/**
 * The price a page shows before booking, read (never computed) from the tutor's published profile as the API lists
 * it: the trial price for a trial, else the chosen subject's price for the chosen length ({@code
 * subjects[].lessonPrices}, computed by the catalog's one pricing model, the same one the booking charges; see
 * docs/pricing.md). The booking's own price, answered by the API, is what checkout charges and shows again.
 */
final class LessonPrices {

    private LessonPrices() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> price(Map<String, Object> tutor, BookingPages.Choice choice) {
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
            for (Object p : (List<Object>) subject.getOrDefault("lessonPrices", List.of())) {
                var lengthPrice = (Map<String, Object>) p;
                if (((Number) lengthPrice.get("durationMinutes")).intValue() == choice.duration()) {
                    return (Map<String, Object>) lengthPrice.get("price");
                }
            }
        }
        return null;
    }
}
