package io.lyceum.agents;

import io.lyceum.catalog.CatalogToolsApi.SubjectName;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The deterministic reading of a tutor request ("a patient chemistry tutor for A-level, evenings, under 40 pounds")
 * into the filters of {@code GET /api/v1/tutors}: a subject of the tenant's catalog by name, a level, a price range
 * with its currency (words and symbols), a free-time window from times of day and weekdays (the next such window in
 * the viewer's zone), and the remaining meaningful words as free text. Used when no model is configured, and to map
 * a model's reading onto the catalog.
 */
final class TutorQueryParser {

    /** What the sentence asked for, as search filters, with a line per thing understood. */
    record Criteria(
            @Nullable UUID subjectId,
            @Nullable String subjectName,
            @Nullable String level,
            @Nullable Long minPrice,
            @Nullable Long maxPrice,
            @Nullable String currency,
            @Nullable Instant freeFrom,
            @Nullable Instant freeTo,
            @Nullable String q,
            List<String> understood) {}

    private static final Map<String, String> LEVELS = new LinkedHashMap<>();

    static {
        LEVELS.put("a[- ]?levels?", "A_LEVEL");
        LEVELS.put("as[- ]levels?", "A_LEVEL");
        LEVELS.put("gcses?", "GCSE");
        LEVELS.put("igcses?", "GCSE");
        LEVELS.put("ib|international baccalaureate", "IB");
        LEVELS.put("primary( school)?|elementary", "PRIMARY");
        LEVELS.put("university|undergraduate|college|degree", "UNIVERSITY");
        LEVELS.put("adults?|grown[- ]ups?", "ADULT");
    }

    private static final Map<String, String> CURRENCY_WORDS = Map.ofEntries(
            Map.entry("£", "GBP"),
            Map.entry("pounds", "GBP"),
            Map.entry("pound", "GBP"),
            Map.entry("quid", "GBP"),
            Map.entry("gbp", "GBP"),
            Map.entry("$", "USD"),
            Map.entry("dollars", "USD"),
            Map.entry("dollar", "USD"),
            Map.entry("usd", "USD"),
            Map.entry("€", "EUR"),
            Map.entry("euros", "EUR"),
            Map.entry("euro", "EUR"),
            Map.entry("eur", "EUR"));

    private static final String CURRENCY = "(£|\\$|€|pounds?|quid|gbp|dollars?|usd|euros?|eur)";
    private static final String AMOUNT = "(\\d+(?:[.,]\\d{1,2})?)";
    private static final Pattern BETWEEN = Pattern.compile("(?:between|from)\\s+" + CURRENCY + "?\\s*" + AMOUNT + "\\s*"
            + CURRENCY + "?\\s*(?:and|to|-)\\s*" + CURRENCY + "?\\s*" + AMOUNT + "\\s*" + CURRENCY + "?");
    private static final Pattern BELOW =
            Pattern.compile("(?:under|below|less than|max(?:imum)?|at most|up to|no more than|cheaper than|<)\\s*"
                    + CURRENCY + "?\\s*" + AMOUNT + "\\s*" + CURRENCY + "?");
    private static final Pattern BELOW_AFTER = Pattern.compile(
            CURRENCY + "?\\s*" + AMOUNT + "\\s*" + CURRENCY + "?\\s*(?:max(?:imum)?|or less|at most|tops)\\b");
    private static final Pattern ABOVE = Pattern.compile("(?:over|above|more than|at least|min(?:imum)?|from|>)\\s*"
            + CURRENCY + "?\\s*" + AMOUNT + "\\s*" + CURRENCY + "?");

    private static final Map<String, LocalTime[]> TIMES_OF_DAY = Map.of(
            "morning", new LocalTime[] {LocalTime.of(6, 0), LocalTime.of(12, 0)},
            "afternoon", new LocalTime[] {LocalTime.of(12, 0), LocalTime.of(18, 0)},
            "evening", new LocalTime[] {LocalTime.of(18, 0), LocalTime.of(22, 0)},
            "night", new LocalTime[] {LocalTime.of(20, 0), LocalTime.of(23, 59)});

    private static final Set<String> STOP_WORDS = Set.of(
            "a",
            "an",
            "the",
            "tutor",
            "tutors",
            "teacher",
            "teachers",
            "for",
            "with",
            "in",
            "on",
            "at",
            "who",
            "is",
            "and",
            "or",
            "i",
            "need",
            "want",
            "looking",
            "look",
            "find",
            "me",
            "my",
            "please",
            "some",
            "someone",
            "lesson",
            "lessons",
            "level",
            "levels",
            "class",
            "classes",
            "help",
            "to",
            "of",
            "per",
            "hour",
            "hourly",
            "would",
            "like",
            "can",
            "you",
            "that",
            "good",
            "tuition",
            "son",
            "daughter",
            "child",
            "kid",
            "weekday",
            "weekdays",
            "weekend",
            "weekends",
            "time",
            "times",
            "pm",
            "am",
            "price",
            "budget",
            "cost",
            "costs",
            "around",
            "about",
            "than",
            "less",
            "more",
            "under",
            "over",
            "below",
            "above",
            "between",
            "from");

    private TutorQueryParser() {}

    static Criteria parse(String sentence, List<SubjectName> subjects, ZoneId zone, Instant now) {
        String original = " " + sentence.toLowerCase(Locale.ROOT).replaceAll("[,;!?()]", " ") + " ";
        String text = original;
        List<String> understood = new ArrayList<>();

        // subject: the longest catalog name found in the sentence
        SubjectName subject = subjects.stream()
                .filter(s -> Pattern.compile("\\b" + Pattern.quote(s.name().toLowerCase(Locale.ROOT)) + "\\b")
                        .matcher(original)
                        .find())
                .max(Comparator.comparingInt(s -> s.name().length()))
                .orElse(null);
        if (subject != null) {
            text = text.replaceAll("\\b" + Pattern.quote(subject.name().toLowerCase(Locale.ROOT)) + "\\b", " ");
            understood.add("subject: " + subject.name());
        }

        String level = null;
        for (var entry : LEVELS.entrySet()) {
            Matcher m = Pattern.compile("\\b(?:" + entry.getKey() + ")\\b").matcher(text);
            if (m.find()) {
                level = entry.getValue();
                text = m.replaceAll(" ");
                understood.add("level: " + level);
                break;
            }
        }

        Long minPrice = null;
        Long maxPrice = null;
        String currency = null;
        Matcher between = BETWEEN.matcher(text);
        if (between.find()) {
            minPrice = minor(between.group(2));
            maxPrice = minor(between.group(5));
            currency = firstCurrency(between.group(1), between.group(3), between.group(4), between.group(6));
            text = between.replaceFirst(" ");
        } else {
            Matcher below = BELOW.matcher(text);
            Matcher belowAfter = BELOW_AFTER.matcher(text);
            if (below.find()) {
                maxPrice = minor(below.group(2));
                currency = firstCurrency(below.group(1), below.group(3));
                text = below.replaceFirst(" ");
            } else if (belowAfter.find()) {
                maxPrice = minor(belowAfter.group(2));
                currency = firstCurrency(belowAfter.group(1), belowAfter.group(3));
                text = belowAfter.replaceFirst(" ");
            }
            Matcher above = ABOVE.matcher(text);
            if (above.find()) {
                minPrice = minor(above.group(2));
                currency = currency != null ? currency : firstCurrency(above.group(1), above.group(3));
                text = above.replaceFirst(" ");
            }
        }
        if (minPrice != null || maxPrice != null) {
            understood.add("price: " + (minPrice == null ? "" : "from " + minPrice / 100.0 + " ")
                    + (maxPrice == null ? "" : "up to " + maxPrice / 100.0 + " ") + (currency == null ? "" : currency)
                    + " an hour");
        }

        // times: weekdays and times of day make the next such window
        List<DayOfWeek> days = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String name = day.name().toLowerCase(Locale.ROOT);
            Matcher m = Pattern.compile("\\b" + name + "s?\\b|\\b" + name.substring(0, 3) + "\\b")
                    .matcher(text);
            if (m.find()) {
                days.add(day);
                text = m.replaceAll(" ");
            }
        }
        if (text.contains(" weekend")) {
            days.addAll(List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        } else if (text.contains(" weekday")) {
            days.addAll(List.of(
                    DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY));
        }
        if (text.contains(" tonight")) {
            days.add(now.atZone(zone).getDayOfWeek());
            text = text.replace(" tonight", " evening");
        }
        LocalTime[] hours = null;
        String timeName = null;
        for (var entry : TIMES_OF_DAY.entrySet()) {
            Matcher m = Pattern.compile("\\b" + entry.getKey() + "s?\\b").matcher(text);
            if (m.find()) {
                hours = entry.getValue();
                timeName = entry.getKey();
                text = m.replaceAll(" ");
                break;
            }
        }
        Instant freeFrom = null;
        Instant freeTo = null;
        if (hours != null || !days.isEmpty()) {
            LocalTime from = hours == null ? LocalTime.MIDNIGHT : hours[0];
            LocalTime to = hours == null ? LocalTime.MAX : hours[1];
            ZonedDateTime local = now.atZone(zone);
            for (int i = 0; i < 8; i++) {
                LocalDate date = local.toLocalDate().plusDays(i);
                if (!days.isEmpty() && !days.contains(date.getDayOfWeek())) {
                    continue;
                }
                ZonedDateTime end = date.atTime(to).atZone(zone);
                if (end.toInstant().isAfter(now)) {
                    ZonedDateTime start = date.atTime(from).atZone(zone);
                    freeFrom = start.toInstant().isBefore(now) ? now : start.toInstant();
                    freeTo = end.toInstant();
                    understood.add("free: " + date.getDayOfWeek().name().toLowerCase(Locale.ROOT) + " " + date + " "
                            + from + "–" + (hours == null ? "24:00" : to) + " (" + zone.getId() + ")"
                            + (timeName == null ? "" : ", the next " + timeName));
                    break;
                }
            }
        }

        List<String> words = new ArrayList<>();
        for (String word : text.replaceAll("[^\\p{L}\\p{N}' -]", " ").split("\\s+")) {
            if (word.length() > 2
                    && !STOP_WORDS.contains(word)
                    && !CURRENCY_WORDS.containsKey(word)
                    && !word.chars().allMatch(Character::isDigit)) {
                words.add(word);
            }
        }
        String q = words.isEmpty() ? null : String.join(" ", words.subList(0, Math.min(words.size(), 6)));
        if (q != null) {
            understood.add("words: " + q);
        }
        return new Criteria(
                subject == null ? null : subject.id(),
                subject == null ? null : subject.name(),
                level,
                minPrice,
                maxPrice,
                currency,
                freeFrom,
                freeTo,
                q,
                understood);
    }

    private static long minor(String amount) {
        return new java.math.BigDecimal(amount.replace(',', '.'))
                .movePointRight(2)
                .setScale(0, java.math.RoundingMode.HALF_UP)
                .longValueExact();
    }

    private static @Nullable String firstCurrency(@Nullable String... candidates) {

        for (String c : candidates) {
            if (c != null) {
                return CURRENCY_WORDS.get(c.toLowerCase(Locale.ROOT));
            }
        }
        return null;
    }
}
