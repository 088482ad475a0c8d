package io.lyceum.learning;

import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How the tutor wants the course: difficulty (how many and how hard the quizzes are), language, a target length in
 * minutes (0 = no target) and {@code QUALITY} or {@code SPEED} (which model a model generator takes), and the
 * generator ({@code extractive} by default).
 */
record Preferences(String difficulty, String language, int targetMinutes, String mode, String generator) {

    static final List<String> DIFFICULTIES = List.of("BEGINNER", "INTERMEDIATE", "ADVANCED");
    static final List<String> MODES = List.of("QUALITY", "SPEED");

    static Preferences of(
            @Nullable String difficulty,
            @Nullable String language,
            @Nullable Integer targetMinutes,
            @Nullable String mode,
            @Nullable String generator) {

        List<FieldError> errors = new ArrayList<>();
        String d = difficulty == null ? "INTERMEDIATE" : difficulty.trim().toUpperCase(Locale.ROOT);
        if (!DIFFICULTIES.contains(d)) {
            errors.add(new FieldError("preferences.difficulty", "must be beginner, intermediate or advanced"));
        }
        String l =
                language == null || language.isBlank() ? "en" : language.trim().toLowerCase(Locale.ROOT);
        if (!l.matches("[a-z]{2}(-[a-z]{2})?")) {
            errors.add(new FieldError("preferences.language", "must be a language code such as en"));
        }
        int t = targetMinutes == null ? 0 : targetMinutes;
        if (t < 0 || t > 600) {
            errors.add(new FieldError("preferences.duration", "must be between 0 and 600 minutes"));
        }
        String m = mode == null ? "QUALITY" : mode.trim().toUpperCase(Locale.ROOT);
        if (!MODES.contains(m)) {
            errors.add(new FieldError("preferences.mode", "must be quality or speed"));
        }
        String g = generator == null || generator.isBlank()
                ? "extractive"
                : generator.trim().toLowerCase(Locale.ROOT);
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("request.validation_failed", "The preferences are not valid.", errors);
        }
        return new Preferences(d, l, t, m, g);
    }

    /** The part of the cache key the preferences make. */
    String cacheKey() {
        return difficulty + "|" + language + "|" + targetMinutes + "|" + mode + "|" + generator;
    }
}
