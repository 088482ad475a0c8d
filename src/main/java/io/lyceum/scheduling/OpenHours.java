package io.lyceum.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a schedule's local-time windows and overrides into the instants the tutor is open. A window of a date covers
 * exactly the instants whose wall-clock time in the tutor's zone lies within its hours on that date, so it keeps its
 * wall-clock hours across daylight-saving changes:
 *
 * <ul>
 *   <li>hours skipped by a spring-forward gap are not open (a 00:00-04:00 window lasts three hours that night, and a
 *       window starting inside the gap opens when the clocks resume);
 *   <li>hours repeated by an autumn overlap are open both times (a 00:00-04:00 window lasts five hours that night; a
 *       01:00-01:30 window in a 01:00-02:00 overlap yields two separate half hours);
 *   <li>a date that a zone skipped entirely (Pacific/Apia, 30 December 2011) has no open time.
 * </ul>
 *
 * An end of {@link LocalTime#MAX} stands for 24:00, the start of the next date.
 */
final class OpenHours {

    /** A half-open interval of instants {@code [start, end)}. */
    record Interval(Instant start, Instant end) {

        boolean contains(Instant from, Instant to) {
            return !from.isBefore(start) && !to.isAfter(end);
        }

        boolean overlaps(Instant from, Instant to) {
            return from.isBefore(end) && to.isAfter(start);
        }
    }

    private OpenHours() {}

    /** The open intervals intersecting {@code [from, to)}, clipped to it, sorted and merged. */
    static List<Interval> between(TutorSchedule schedule, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        ZoneId zone = schedule.zone();
        // one day of margin on both sides: a local date can start up to ~26 hours away from a UTC instant
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        Map<LocalDate, List<TutorSchedule.Override>> byDate = new HashMap<>();
        for (TutorSchedule.Override o : schedule.overrides()) {
            if (!o.date().isBefore(first) && !o.date().isAfter(last)) {
                byDate.computeIfAbsent(o.date(), d -> new ArrayList<>()).add(o);
            }
        }
        List<Interval> open = new ArrayList<>();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            open.addAll(openOn(schedule, date, byDate.getOrDefault(date, List.of())));
        }
        return clip(merge(open), from, to);
    }

    /** The open intervals of one local date: its weekly windows and extra hours, minus its blocks. */
    static List<Interval> openOn(TutorSchedule schedule, LocalDate date) {
        return openOn(
                schedule,
                date,
                schedule.overrides().stream().filter(o -> o.date().equals(date)).toList());
    }

    private static List<Interval> openOn(
            TutorSchedule schedule, LocalDate date, List<TutorSchedule.Override> overrides) {
        if (overrides.stream().anyMatch(o -> o.kind() == TutorSchedule.OverrideKind.BLOCKED && o.wholeDay())) {
            return List.of();
        }
        List<Interval> open = new ArrayList<>();
        for (TutorSchedule.Window window : schedule.windows()) {
            if (window.day() == date.getDayOfWeek()) {
                open.addAll(wallClock(schedule.zone(), date, window.start(), window.end()));
            }
        }
        for (TutorSchedule.Override extra : overrides) {
            if (extra.kind() == TutorSchedule.OverrideKind.EXTRA) {
                open.addAll(wallClock(schedule.zone(), date, extra.requireStart(), extra.requireEnd()));
            }
        }
        List<Interval> result = merge(open);
        for (TutorSchedule.Override block : overrides) {
            if (block.kind() == TutorSchedule.OverrideKind.BLOCKED) {
                // a whole-day block answered above
                for (Interval cut : wallClock(schedule.zone(), date, block.requireStart(), block.requireEnd())) {
                    result = subtract(result, cut);
                }
            }
        }
        return result;
    }

    /** The instants whose wall-clock time in the zone lies within {@code [start, end)} of the date (end MAX: 24:00). */
    static List<Interval> wallClock(ZoneId zone, LocalDate date, LocalTime start, LocalTime end) {
        LocalDateTime to = end.equals(LocalTime.MAX) ? date.plusDays(1).atStartOfDay() : date.atTime(end);
        return wallClock(zone, date.atTime(start), to);
    }

    /**
     * The instants whose wall-clock time in the zone lies within {@code [from, to)}: for every stretch of constant
     * offset, the local range shifted by that offset and clipped to the stretch. Sorted and merged; one interval
     * except around an autumn overlap, where the repeated hour can make two.
     */
    static List<Interval> wallClock(ZoneId zone, LocalDateTime from, LocalDateTime to) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        ZoneRules rules = zone.getRules();
        // every offset lies within +-18 hours, so every instant of interest lies between these two
        Instant low = from.toInstant(ZoneOffset.MAX);
        Instant high = to.toInstant(ZoneOffset.MIN);
        List<Interval> result = new ArrayList<>(2);
        Instant stretchStart = low;
        while (stretchStart.isBefore(high)) {
            ZoneOffset offset = rules.getOffset(stretchStart);
            ZoneOffsetTransition next = rules.nextTransition(stretchStart);
            Instant stretchEnd = next == null || next.getInstant().isAfter(high) ? high : next.getInstant();
            Instant a = max(from.toInstant(offset), stretchStart);
            Instant b = min(to.toInstant(offset), stretchEnd);
            if (a.isBefore(b)) {
                result.add(new Interval(a, b));
            }
            stretchStart = stretchEnd;
        }
        return merge(result);
    }

    static List<Interval> merge(List<Interval> intervals) {
        List<Interval> sorted = intervals.stream()
                .filter(i -> i.start().isBefore(i.end()))
                .sorted(Comparator.comparing(Interval::start))
                .toList();
        List<Interval> merged = new ArrayList<>();
        for (Interval next : sorted) {
            if (!merged.isEmpty() && !next.start().isAfter(merged.getLast().end())) {
                Interval last = merged.removeLast();
                merged.add(new Interval(last.start(), max(next.end(), last.end())));
            } else {
                merged.add(next);
            }
        }
        return merged;
    }

    /** {@code intervals} minus {@code cut}; the input must be sorted and disjoint, and so is the output. */
    static List<Interval> subtract(List<Interval> intervals, Interval cut) {
        List<Interval> result = new ArrayList<>();
        for (Interval i : intervals) {
            if (!cut.start().isBefore(i.end()) || !cut.end().isAfter(i.start())) {
                result.add(i);
                continue;
            }
            if (i.start().isBefore(cut.start())) {
                result.add(new Interval(i.start(), cut.start()));
            }
            if (cut.end().isBefore(i.end())) {
                result.add(new Interval(cut.end(), i.end()));
            }
        }
        return result;
    }

    static List<Interval> clip(List<Interval> intervals, Instant from, Instant to) {
        List<Interval> result = new ArrayList<>();
        for (Interval i : intervals) {
            Instant start = max(i.start(), from);
            Instant end = min(i.end(), to);
            if (start.isBefore(end)) {
                result.add(new Interval(start, end));
            }
        }
        return result;
    }

    static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
