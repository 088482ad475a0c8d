package io.lyceum.web;

import java.util.List;
import java.util.Map;

/**
 * The price a page shows before booking, read from the tutor's published terms by the rule the booking itself
 * applies (trial price for a trial, else the rate for the length, else the subject's hourly price pro rata). It is
 * shown, never sent: the booking's own price, answered by the API, is what checkout charges and shows again.
 */
final class LessonPrices {

    private LessonPrices() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> price(Map<String, Object> tutor, BookingPages.Choice choice) {
        if (!(tutor.get("pricing") instanceof Map<?, ?> pricingMap)) {
            return null;
        }
        var pricing = (Map<String, Object>) pricingMap;
        Object currency = pricing.get("currency");
        if (choice.trial()) {
            Object trial = pricing.get("trialLessonPrice");
            return trial == null ? null : Map.of("amount", trial, "currency", currency);
        }
        for (Object r : (List<Object>) pricing.getOrDefault("rates", List.of())) {
            var rate = (Map<String, Object>) r;
            if (((Number) rate.get("minutes")).intValue() == choice.duration()) {
                return Map.of("amount", rate.get("amount"), "currency", currency);
            }
        }
        for (Object s : (List<Object>) tutor.getOrDefault("subjects", List.of())) {
            var subject = (Map<String, Object>) s;
            if (String.valueOf(subject.get("subjectId")).equals(choice.subjectId())
                    && String.valueOf(subject.get("level")).equals(choice.level())
                    && subject.get("price") instanceof Map<?, ?> hourly) {
                long perHour = ((Number) hourly.get("amount")).longValue();
                long amount = Math.round(perHour * choice.duration() / 60.0);
                return Map.of("amount", amount, "currency", hourly.get("currency"));
            }
        }
        return null;
    }
}
