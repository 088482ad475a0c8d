package io.lyceum.scheduling;

import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parsing and validation of availability input: windows, overrides and settings. Times are {@code HH:mm} on the
 * quarter hour ({@code 24:00} allowed as an end), windows of one day must not overlap, overrides of one date must not
 * overlap (a whole-day block covers the whole date), and the schedule's size is limited.
 */
final class AvailabilityRules {

    static final int MAX_WINDOWS = 50;
    static final int MAX_OVERRIDES = 500;
    static final int MIN_LESSON = 15;
    static final int MAX_LESSON = 240;
    static final int MAX_LESSON_LENGTHS = 8;
    static final int MAX_BUFFER = 240;
    static final int MAX_NOTICE = 43_200;
    static final int MAX_HORIZON = 365;
    static final int MAX_NOTE = 200;
    static final LocalDate FIRST_DATE = LocalDate.of(2000, 1, 1);
    static final LocalDate LAST_DATE = LocalDate.of(2100, 12, 31);

    private static final Pattern TIME = Pattern.compile("(\\d{2}):(\\d{2})(?::00)?");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private AvailabilityRules() {}

    /** A weekly window as sent: ISO day name, start and end times. */
    record WindowInput(
            @Nullable String dayOfWeek,
            @Nullable String start,
            @Nullable String end) {}

    /** A dated override as sent: ISO date, BLOCKED or EXTRA, optional times, optional note. */
    record OverrideInput(
            @Nullable String date,
            @Nullable String kind,
            @Nullable String start,
            @Nullable String end,
            @Nullable String note) {}

    /** Settings as sent; a null field keeps the current value. */
    record SettingsInput(
            @Nullable String timeZone,
            @Nullable Integer bufferMinutes,
            @Nullable Integer minimumNoticeMinutes,
            @Nullable Integer horizonDays,
            @Nullable List<Integer> lessonLengths,
            @Nullable Boolean requiresConfirmation) {}

    // ---- items

    static TutorSchedule.@Nullable Window window(String path, @Nullable WindowInput in, List<FieldError> errors) {
        if (in == null) {
            errors.add(new FieldError(path, "must not be null"));
            return null;
        }
        DayOfWeek day = dayOfWeek(path + "dayOfWeek", in.dayOfWeek(), errors);
        LocalTime start = time(path + "start", in.start(), false, errors);
        LocalTime end = time(path + "end", in.end(), true, errors);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add(new FieldError(path + "end", "must be after start"));
            return null;
        }
        if (day == null || start == null || end == null) {
            return null;
        }
        return new TutorSchedule.Window(Ids.newId(), day, start, end);
    }

    static TutorSchedule.@Nullable Override override(String path, @Nullable OverrideInput in, List<FieldError> errors) {
        if (in == null) {
            errors.add(new FieldError(path, "must not be null"));
            return null;
        }
        LocalDate date = date(path + "date", in.date(), errors);
        TutorSchedule.OverrideKind kind = null;
        if (in.kind() == null || in.kind().isBlank()) {
            errors.add(new FieldError(path + "kind", "must be BLOCKED or EXTRA"));
        } else {
            try {
                kind = TutorSchedule.OverrideKind.valueOf(in.kind().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(path + "kind", "must be BLOCKED or EXTRA"));
            }
        }
        boolean noTimes = blank(in.start()) && blank(in.end());
        LocalTime start = null;
        LocalTime end = null;
        if (noTimes) {
            if (kind == TutorSchedule.OverrideKind.EXTRA) {
                errors.add(new FieldError(path + "start", "extra hours need a start and an end"));
                return null;
            }
        } else {
            start = time(path + "start", in.start(), false, errors);
            end = time(path + "end", in.end(), true, errors);
            if (start != null && end != null && !start.isBefore(end)) {
                errors.add(new FieldError(path + "end", "must be after start"));
                return null;
            }
            if (start == null || end == null) {
                return null;
            }
        }
        String given = in.note();
        String note = given == null || given.isBlank() ? null : given.trim();
        if (note != null && note.length() > MAX_NOTE) {
            errors.add(new FieldError(path + "note", "at most " + MAX_NOTE + " characters"));
            return null;
        }
        if (date == null || kind == null) {
            return null;
        }
        return new TutorSchedule.Override(Ids.newId(), date, kind, start, end, note);
    }

    /**
     * Rejects windows of one day that overlap (touching is fine). {@code added} are the new windows with their paths
     * (for errors[]); {@code kept} the ones already stored.
     */
    static void checkWindows(
            List<TutorSchedule.Window> kept, List<Located<TutorSchedule.Window>> added, List<FieldError> errors) {
        List<Located<TutorSchedule.Window>> all = new ArrayList<>();
        kept.forEach(w -> all.add(new Located<>(null, w)));
        all.addAll(added);
        if (all.size() > MAX_WINDOWS) {
            errors.add(new FieldError(
                    added.isEmpty()
                            ? "windows"
                            : Objects.requireNonNullElse(added.getFirst().path(), "windows"),
                    "at most " + MAX_WINDOWS + " weekly windows (this would make " + all.size() + ")"));
        }
        all.sort(Comparator.comparing(
                        (Located<TutorSchedule.Window> l) -> l.item().day())
                .thenComparing(l -> l.item().start()));
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                TutorSchedule.Window a = all.get(i).item();
                TutorSchedule.Window b = all.get(j).item();
                if (a.day() != b.day() || !b.start().isBefore(a.end())) {
                    break; // sorted by day and start: no later window of the day can overlap a
                }
                reportOverlap(all.get(i), all.get(j), describe(a), describe(b), errors);
            }
        }
    }

    /** Rejects overrides of one date that overlap (a whole-day block overlaps everything on its date). */
    /**
     * Refuses added overrides dated before {@code today} (the tutor's date): past days can no longer be booked, so an
     * override there changes nothing. One already stored (a PUT that sends the schedule back as it was) is kept.
     */
    static void refusePastOverrides(
            List<TutorSchedule.Override> stored,
            List<Located<TutorSchedule.Override>> added,
            LocalDate today,
            List<FieldError> errors) {
        for (Located<TutorSchedule.Override> override : added) {
            TutorSchedule.Override o = override.item();
            boolean kept = stored.stream()
                    .anyMatch(s -> s.date().equals(o.date())
                            && s.kind() == o.kind()
                            && java.util.Objects.equals(s.start(), o.start())
                            && java.util.Objects.equals(s.end(), o.end()));
            if (o.date().isBefore(today) && !kept) {
                // a single POSTed item has the path "start" (where its overlap is reported); its date is "date"
                String field = "start".equals(override.path()) ? "date" : override.path() + ".date";
                errors.add(new FieldError(
                        field,
                        "is in the past: the tutor's date today is " + today + "; overrides are for today or later"));
            }
        }
    }

    static void checkOverrides(
            List<TutorSchedule.Override> kept, List<Located<TutorSchedule.Override>> added, List<FieldError> errors) {
        List<Located<TutorSchedule.Override>> all = new ArrayList<>();
        kept.forEach(o -> all.add(new Located<>(null, o)));
        all.addAll(added);
        if (all.size() > MAX_OVERRIDES) {
            errors.add(new FieldError(
                    added.isEmpty()
                            ? "overrides"
                            : Objects.requireNonNullElse(added.getFirst().path(), "overrides"),
                    "at most " + MAX_OVERRIDES + " overrides (this would make " + all.size() + ")"));
        }
        all.sort(Comparator.comparing(
                        (Located<TutorSchedule.Override> l) -> l.item().date())
                .thenComparing(l -> start(l.item())));
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                TutorSchedule.Override a = all.get(i).item();
                TutorSchedule.Override b = all.get(j).item();
                if (!a.date().equals(b.date()) || !start(b).isBefore(end(a))) {
                    break;
                }
                reportOverlap(all.get(i), all.get(j), describe(a), describe(b), errors);
            }
        }
    }

    /** An item with the path of its input ({@code null} for one already stored). */
    record Located<T>(@Nullable String path, T item) {}

    private static void reportOverlap(
            Located<?> a, Located<?> b, String describeA, String describeB, List<FieldError> errors) {
        if (b.path() != null) {
            errors.add(new FieldError(
                    b.path(), "overlaps " + (a.path() == null ? "the existing " : a.path() + ", ") + describeA));
        } else if (a.path() != null) {
            errors.add(new FieldError(a.path(), "overlaps the existing " + describeB));
        }
    }

    private static LocalTime start(TutorSchedule.Override o) {
        LocalTime start = o.start();
        return start == null ? LocalTime.MIN : start; // a whole day
    }

    /** The end as a comparable time; 24:00 (and a whole day) is {@link LocalTime#MAX}. */
    private static LocalTime end(TutorSchedule.Override o) {
        LocalTime end = o.end();
        return o.wholeDay() || end == null ? LocalTime.MAX : end;
    }

    static String describe(TutorSchedule.Window w) {
        return w.day() + " " + format(w.start()) + "-" + format(w.end()) + " window" + id(w.id());
    }

    static String describe(TutorSchedule.Override o) {
        return o.kind() + " override of " + o.date()
                + (o.wholeDay() ? " (whole day)" : " " + formatOptional(o.start()) + "-" + formatOptional(o.end()))
                + id(o.id());
    }

    private static String id(java.util.@Nullable UUID id) {
        return id == null ? "" : " (" + id + ")";
    }

    /** {@code HH:mm}, with {@code 24:00} for {@link LocalTime#MAX}; null for none. */
    static @Nullable String formatOptional(@Nullable LocalTime time) {
        return time == null ? null : format(time);
    }

    /** {@code HH:mm}, with {@code 24:00} for {@link LocalTime#MAX}. */
    static String format(LocalTime time) {
        return time.equals(LocalTime.MAX)
                ? "24:00"
                : String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
    }

    // ---- settings

    /** The current settings changed by the non-null fields of the input; errors for the invalid ones. */
    static ScheduleStore.Settings settings(
            String path, ScheduleStore.Settings current, @Nullable SettingsInput in, List<FieldError> errors) {
        if (in == null) {
            return current;
        }
        ZoneId zone = current.zone();
        if (in.timeZone() != null) {
            ZoneId given = zone(path + "timeZone", in.timeZone(), errors);
            zone = given == null ? zone : given; // an invalid zone is listed in errors, which refuse the input
        }
        int buffer = range(path + "bufferMinutes", in.bufferMinutes(), current.bufferMinutes(), 0, MAX_BUFFER, errors);
        int notice = range(
                path + "minimumNoticeMinutes",
                in.minimumNoticeMinutes(),
                current.minimumNoticeMinutes(),
                0,
                MAX_NOTICE,
                errors);
        int horizon = range(path + "horizonDays", in.horizonDays(), current.horizonDays(), 1, MAX_HORIZON, errors);
        List<Integer> lengths = current.lessonLengths();
        if (in.lessonLengths() != null) {
            lengths = lessonLengths(path + "lessonLengths", in.lessonLengths(), errors);
        }
        Boolean requiresConfirmation = in.requiresConfirmation();
        boolean confirm = requiresConfirmation == null ? current.requiresConfirmation() : requiresConfirmation;
        return new ScheduleStore.Settings(zone, buffer, notice, horizon, lengths, confirm);
    }

    static @Nullable ZoneId zone(String field, @Nullable String value, List<FieldError> errors) {
        String id = value == null ? "" : value.trim();
        if (!ZONES.contains(id)) {
            errors.add(new FieldError(field, "must be an IANA time zone such as Europe/London"));
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            errors.add(new FieldError(field, "must be an IANA time zone such as Europe/London"));
            return null;
        }
    }

    /** Whether a value is a valid IANA zone id. */
    static boolean isZone(@Nullable String value) {
        return value != null && ZONES.contains(value);
    }

    static List<Integer> lessonLengths(String field, List<Integer> values, List<FieldError> errors) {
        if (values.isEmpty() || values.size() > MAX_LESSON_LENGTHS) {
            errors.add(new FieldError(field, "between 1 and " + MAX_LESSON_LENGTHS + " lesson lengths"));
            return List.of();
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            Integer v = values.get(i);
            if (v == null || v < MIN_LESSON || v > MAX_LESSON || v % 5 != 0) {
                errors.add(new FieldError(
                        field + "[" + i + "]",
                        "lesson lengths are " + MIN_LESSON + " to " + MAX_LESSON + " minutes in steps of 5"));
            } else if (!seen.add(v)) {
                errors.add(new FieldError(field + "[" + i + "]", "duplicate lesson length"));
            }
        }
        return values.stream().filter(v -> v != null).distinct().sorted().toList();
    }

    private static int range(
            String field, @Nullable Integer value, int current, int min, int max, List<FieldError> errors) {
        if (value == null) {
            return current;
        }
        if (value < min || value > max) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
            return current;
        }
        return value;
    }

    // ---- scalars

    static @Nullable DayOfWeek dayOfWeek(String field, @Nullable String value, List<FieldError> errors) {
        if (value != null && !value.isBlank()) {
            try {
                return DayOfWeek.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        errors.add(new FieldError(field, "must be one of MONDAY ... SUNDAY"));
        return null;
    }

    static @Nullable LocalDate date(String field, @Nullable String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "must be a date such as 2026-12-24"));
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.trim());
            if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
                errors.add(new FieldError(field, "must be between " + FIRST_DATE + " and " + LAST_DATE));
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date such as 2026-12-24"));
            return null;
        }
    }

    /** {@code HH:mm} on the quarter hour; {@code 24:00} only as an end, returned as {@link LocalTime#MAX}. */
    static @Nullable LocalTime time(String field, @Nullable String value, boolean end, List<FieldError> errors) {
        Matcher m = value == null || value.isBlank() ? null : TIME.matcher(value.trim());
        if (m == null || !m.matches()) {
            errors.add(new FieldError(field, "must be a time HH:mm such as 09:30"));
            return null;
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        if (hour == 24 && minute == 0) {
            if (end) {
                return LocalTime.MAX;
            }
            errors.add(new FieldError(field, "24:00 is only allowed as an end"));
            return null;
        }
        if (hour > 23 || minute > 59) {
            errors.add(new FieldError(field, "must be a time HH:mm such as 09:30"));
            return null;
        }
        if (minute % 15 != 0) {
            errors.add(new FieldError(field, "must be on the quarter hour (:00, :15, :30 or :45)"));
            return null;
        }
        return LocalTime.of(hour, minute);
    }

    static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    /** Throws 422 with every error when there is any. */
    static void fail(String code, String detail, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            boolean overlap = errors.stream().anyMatch(AvailabilityRules::isOverlap);
            throw LyceumException.invalid(
                    overlap ? code(errors) : code, overlap ? overlapDetail(errors) : detail, errors);
        }
    }

    private static boolean isOverlap(FieldError error) {
        String message = error.message();
        return message != null && message.startsWith("overlaps");
    }

    private static String code(List<FieldError> errors) {
        return errors.stream()
                        .anyMatch(
                                e -> isOverlap(e) && String.valueOf(e.message()).contains("window"))
                ? "availability.overlapping_window"
                : "availability.overlapping_override";
    }

    private static String overlapDetail(List<FieldError> errors) {
        return "Availability items overlap; see errors[].";
    }
}
