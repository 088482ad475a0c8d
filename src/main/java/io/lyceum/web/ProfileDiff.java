package io.lyceum.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What a tutor's pending draft changes against the published profile, field by field, in words an admin reads: the
 * approval queue shows these rows instead of two JSON documents. A tutor never approved has no published profile, so
 * every filled field of the draft is a change.
 */
final class ProfileDiff {

    /** One field of the profile: its message key ({@code admin.field.*}), the published and the draft value. */
    record Change(String field, String published, String draft) {}

    private static final List<String> FIELDS = List.of(
            "about.headline",
            "about.bio",
            "teaching.teachingMode",
            "teaching.timeZone",
            "teaching.area",
            "teaching.introVideoUrl",
            "pricing.currency",
            "pricing.lessonLengths",
            "pricing.trialLessonPrice",
            "subjects",
            "languages",
            "education",
            "certifications");

    private ProfileDiff() {}

    static List<Change> between(@Nullable Object published, @Nullable Object draft, Names names, Formats formats) {
        List<Change> changes = new ArrayList<>();
        for (String field : FIELDS) {
            String before = text(field, value(published, field), names, formats);
            String after = text(field, value(draft, field), names, formats);
            if (!Objects.equals(before, after)) {
                changes.add(new Change(field, before, after));
            }
        }
        return changes;
    }

    private static @Nullable Object value(@Nullable Object document, String path) {
        Object current = document;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static String text(String field, @Nullable Object value, Names names, Formats formats) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> item(field, item, names, formats)).collect(Collectors.joining("; "));
        }
        if (value instanceof Map<?, ?> map && map.containsKey("amount") && map.containsKey("currency")) {
            return formats.money(map);
        }
        return String.valueOf(value);
    }

    private static String item(String field, Object item, Names names, Formats formats) {
        if (!(item instanceof Map<?, ?> map)) {
            return String.valueOf(item);
        }
        return switch (field) {
            case "subjects" ->
                names.subject(String.valueOf(map.get("subjectId"))) + " " + map.get("level") + " "
                        + text("price", map.get("price"), names, formats);
            case "education" -> join(map.get("degree"), map.get("field"), map.get("institution"), map.get("endYear"));
            case "certifications" -> join(map.get("name"), map.get("issuer"), map.get("year"));
            default -> String.valueOf(map);
        };
    }

    private static String join(@Nullable Object... parts) {
        List<String> present = new ArrayList<>();
        for (Object part : parts) {
            if (part != null && !String.valueOf(part).isBlank()) {
                present.add(String.valueOf(part));
            }
        }
        return String.join(", ", present);
    }
}
