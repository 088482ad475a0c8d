package io.lyceum.scheduling;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A tutor's schedule: settings, weekly windows and dated overrides, all in the tutor's own zone. An end time of
 * {@link LocalTime#MAX} stands for the end of the day (24:00).
 */
record TutorSchedule(
        UUID tutorId,
        ZoneId zone,
        Duration buffer,
        Duration minimumNotice,
        int horizonDays,
        List<Integer> lessonLengths,
        boolean requiresConfirmation,
        List<Window> windows,
        List<Override> overrides,
        long version) {

    TutorSchedule {
        lessonLengths = List.copyOf(lessonLengths);
        windows = List.copyOf(windows);
        overrides = List.copyOf(overrides);
    }

    record Window(UUID id, DayOfWeek day, LocalTime start, LocalTime end) {}

    enum OverrideKind {
        BLOCKED,
        EXTRA
    }

    /** A dated exception; {@code start} and {@code end} are both null for a whole blocked day. */
    record Override(
            UUID id,
            LocalDate date,
            OverrideKind kind,
            @Nullable LocalTime start,
            @Nullable LocalTime end,
            @Nullable String note) {

        boolean wholeDay() {
            return start == null;
        }

        /** The start of an override with times: every EXTRA one, and a BLOCKED one that is not a whole day. */
        LocalTime requireStart() {
            return Objects.requireNonNull(start, "a whole-day override has no start");
        }

        /** The end of an override with times ({@link #requireStart}). */
        LocalTime requireEnd() {
            return Objects.requireNonNull(end, "a whole-day override has no end");
        }
    }

    boolean offersLength(int minutes) {
        return lessonLengths.contains(minutes);
    }
}
