package io.lyceum.scheduling;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

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
    record Override(UUID id, LocalDate date, OverrideKind kind, LocalTime start, LocalTime end, String note) {

        boolean wholeDay() {
            return start == null;
        }
    }

    boolean offersLength(int minutes) {
        return lessonLengths.contains(minutes);
    }
}
