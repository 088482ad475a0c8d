package io.lyceum.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a schedule's local-time windows and overrides into the instants the tutor is open. Local times are resolved
 * in the tutor's zone date by date, so a window keeps its wall-clock hours across daylight-saving changes: a start
 * inside a spring-forward gap moves to the first instant after the gap, and a time repeated in the autumn overlap takes
 * its earlier offset ({@link ZonedDateTime#of} rules).
 */
final class OpenHours {

    /** A half-open interval of instants {@code [start, end)}. */
    record Interval(Instant start, Instant end) {

        boolean contains(Instant from, Instant to) {
            return !from.isBefore(start) && !to.isAfter(end);
        }
    }

    private OpenHours() {}

    /** The open intervals intersecting {@code [from, to)}, clipped to it, sorted and merged. */
    static List<Interval> between(TutorSchedule schedule, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        ZoneId zone = schedule.zone();
        // one day of margin on both sides: a local day can start up to ~26 hours away from a UTC instant
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        List<Interval> open = new ArrayList<>();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            open.addAll(openOn(schedule, date));
        }
        return clip(merge(open), from, to);
    }

    /** The open intervals of one local date: its weekly windows and extra hours, minus its blocks. */
    static List<Interval> openOn(TutorSchedule schedule, LocalDate date) {
        List<TutorSchedule.Override> overrides =
                schedule.overrides().stream().filter(o -> o.date().equals(date)).toList();
        if (overrides.stream().anyMatch(o -> o.kind() == TutorSchedule.OverrideKind.BLOCKED && o.wholeDay())) {
            return List.of();
        }
        List<Interval> open = new ArrayList<>();
        for (TutorSchedule.Window window : schedule.windows()) {
            if (window.day() == date.getDayOfWeek()) {
                open.add(interval(schedule.zone(), date, window.start(), window.end()));
            }
        }
        for (TutorSchedule.Override extra : overrides) {
            if (extra.kind() == TutorSchedule.OverrideKind.EXTRA) {
                open.add(interval(schedule.zone(), date, extra.start(), extra.end()));
            }
        }
        List<Interval> result = merge(open);
        for (TutorSchedule.Override block : overrides) {
            if (block.kind() == TutorSchedule.OverrideKind.BLOCKED) {
                result = subtract(result, interval(schedule.zone(), date, block.start(), block.end()));
            }
        }
        return result;
    }

    static Interval interval(ZoneId zone, LocalDate date, LocalTime start, LocalTime end) {
        Instant from = ZonedDateTime.of(date, start, zone).toInstant();
        Instant to = end.equals(LocalTime.MAX)
                ? date.plusDays(1).atStartOfDay(zone).toInstant()
                : ZonedDateTime.of(date, end, zone).toInstant();
        return new Interval(from, to.isBefore(from) ? from : to);
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
                merged.add(new Interval(last.start(), next.end().isAfter(last.end()) ? next.end() : last.end()));
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
            Instant start = i.start().isBefore(from) ? from : i.start();
            Instant end = i.end().isAfter(to) ? to : i.end();
            if (start.isBefore(end)) {
                result.add(new Interval(start, end));
            }
        }
        return result;
    }
}
