package io.lyceum.scheduling;

import io.lyceum.scheduling.OpenHours.Interval;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators for the DST properties: zones with unusual rules, dates around their transitions, random schedules, and a
 * brute-force definition of "open" to check the engine against.
 */
final class ScheduleArbitraries {

    /**
     * Zones with daylight saving at unusual hours or of unusual size, southern-hemisphere rules, skipped dates and
     * fractional offsets (all offsets in use since 2005 are whole quarter hours).
     */
    static final List<String> ZONES = List.of(
            "America/New_York",
            "Europe/London",
            "Australia/Lord_Howe", // 30-minute DST
            "America/Santiago", // transitions at 24:00
            "Asia/Kolkata", // +05:30, no DST
            "Pacific/Apia", // skipped 30 December 2011, DST until 2021
            "Europe/Chisinau",
            "America/Havana", // transitions at midnight
            "Asia/Tehran", // +03:30, DST until 2022 at 24:00
            "America/St_Johns", // -03:30
            "Pacific/Chatham", // +12:45 / +13:45
            "Asia/Kathmandu", // +05:45
            "Africa/Casablanca", // DST suspended during Ramadan
            "Europe/Dublin", // negative DST in the source data
            "America/Sao_Paulo", // DST at midnight until 2019
            "Asia/Gaza",
            "UTC");

    static final LocalDate FIRST = LocalDate.of(2005, 1, 1);
    static final LocalDate LAST = LocalDate.of(2035, 12, 31);

    private ScheduleArbitraries() {}

    static Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES).map(ZoneId::of);
    }

    /** Local dates (in the zone) of its transitions between 2005 and 2035; random dates for a zone without any. */
    static List<LocalDate> transitionDates(ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<LocalDate> dates = new ArrayList<>();
        Instant t = FIRST.atStartOfDay(zone).toInstant();
        Instant end = LAST.atStartOfDay(zone).toInstant();
        ZoneOffsetTransition next;
        while ((next = rules.nextTransition(t)) != null && next.getInstant().isBefore(end)) {
            dates.add(next.getDateTimeBefore().toLocalDate());
            dates.add(next.getDateTimeAfter().toLocalDate());
            t = next.getInstant();
        }
        if (dates.isEmpty()) {
            for (int i = 0; i < 50; i++) dates.add(FIRST.plusDays(i * 223L));
        }
        return dates.stream().distinct().toList();
    }

    /** A date at or next to one of the zone's transitions. */
    static Arbitrary<LocalDate> datesAround(ZoneId zone) {
        return Arbitraries.of(transitionDates(zone))
                .flatMap(d -> Arbitraries.integers().between(-1, 1).map(d::plusDays));
    }

    /** Quarter-hour times as minutes 0..1440. */
    static Arbitrary<List<int[]>> dayWindows() {
        return Arbitraries.integers()
                .between(0, 96)
                .set()
                .ofMinSize(1)
                .ofMaxSize(6)
                .map(points -> {
                    List<Integer> sorted = points.stream().sorted().toList();
                    List<int[]> windows = new ArrayList<>();
                    for (int i = 0; i + 1 < sorted.size(); i += 2) {
                        windows.add(new int[] {sorted.get(i) * 15, sorted.get(i + 1) * 15});
                    }
                    return windows;
                });
    }

    static LocalTime time(int minutes) {
        return minutes >= 1440 ? LocalTime.MAX : LocalTime.of(minutes / 60, minutes % 60);
    }

    static Arbitrary<List<TutorSchedule.Window>> windows() {
        return dayWindows().list().ofSize(7).map(days -> {
            List<TutorSchedule.Window> windows = new ArrayList<>();
            for (int d = 0; d < 7; d++) {
                for (int[] w : days.get(d)) {
                    windows.add(
                            new TutorSchedule.Window(UUID.randomUUID(), DayOfWeek.of(d + 1), time(w[0]), time(w[1])));
                }
            }
            return windows;
        });
    }

    static Arbitrary<List<TutorSchedule.Override>> overrides(LocalDate around) {
        Arbitrary<TutorSchedule.Override> one = Combinators.combine(
                        Arbitraries.integers().between(-1, 1),
                        Arbitraries.integers().between(0, 9),
                        Arbitraries.integers().between(0, 95),
                        Arbitraries.integers().between(1, 24))
                .as((shift, kind, start, length) -> {
                    LocalDate date = around.plusDays(shift);
                    int from = start * 15;
                    int to = Math.min(1440, from + length * 15);
                    return switch (kind) {
                        case 0 ->
                            new TutorSchedule.Override(
                                    UUID.randomUUID(), date, TutorSchedule.OverrideKind.BLOCKED, null, null, null);
                        case 1, 2, 3, 4 ->
                            new TutorSchedule.Override(
                                    UUID.randomUUID(),
                                    date,
                                    TutorSchedule.OverrideKind.BLOCKED,
                                    time(from),
                                    time(to),
                                    null);
                        default ->
                            new TutorSchedule.Override(
                                    UUID.randomUUID(),
                                    date,
                                    TutorSchedule.OverrideKind.EXTRA,
                                    time(from),
                                    time(to),
                                    null);
                    };
                });
        return one.list().ofMaxSize(3);
    }

    static TutorSchedule schedule(
            ZoneId zone,
            List<TutorSchedule.Window> windows,
            List<TutorSchedule.Override> overrides,
            int bufferMinutes,
            int noticeMinutes,
            int horizonDays,
            List<Integer> lengths) {
        return new TutorSchedule(
                UUID.randomUUID(),
                zone,
                Duration.ofMinutes(bufferMinutes),
                Duration.ofMinutes(noticeMinutes),
                horizonDays,
                lengths,
                false,
                windows,
                overrides,
                1);
    }

    // ---- the brute-force definition

    /** Whether the instant is open by definition: its wall-clock time lies in an open window of its local date. */
    static boolean openAt(TutorSchedule schedule, Instant t) {
        LocalDateTime local = LocalDateTime.ofInstant(t, schedule.zone());
        LocalDate date = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        boolean open = false;
        for (TutorSchedule.Window w : schedule.windows()) {
            if (w.day() == date.getDayOfWeek() && inside(time, w.start(), w.end())) {
                open = true;
            }
        }
        for (TutorSchedule.Override o : schedule.overrides()) {
            if (!o.date().equals(date)) continue;
            if (o.kind() == TutorSchedule.OverrideKind.EXTRA && inside(time, o.start(), o.end())) {
                open = true;
            }
        }
        for (TutorSchedule.Override o : schedule.overrides()) {
            if (!o.date().equals(date) || o.kind() != TutorSchedule.OverrideKind.BLOCKED) continue;
            if (o.wholeDay() || inside(time, o.start(), o.end())) {
                return false;
            }
        }
        return open;
    }

    static boolean inside(LocalTime time, LocalTime start, LocalTime end) {
        return !time.isBefore(start) && (end.equals(LocalTime.MAX) || time.isBefore(end));
    }

    /** Whether the instant lies in one of the (sorted or not) intervals. */
    static boolean in(List<Interval> intervals, Instant t) {
        for (Interval i : intervals) {
            if (!t.isBefore(i.start()) && t.isBefore(i.end())) return true;
        }
        return false;
    }
}
