package io.lyceum.scheduling;

import io.lyceum.scheduling.OpenHours.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The free start times of a tutor for a lesson length: pure, so it can be property-tested. A start {@code s} is offered
 * when
 *
 * <ul>
 *   <li>it lies on the quarter-hour grid of the tutor's local time (09:00, 09:15, ...);
 *   <li>it lies in {@code [from, to)}, at least the minimum notice after {@code now} and before {@code now} plus the
 *       booking horizon (the rules of {@link Bookability});
 *   <li>the lesson {@code [s, s + length)} lies within the open hours ({@link OpenHours});
 *   <li>{@code [s, s + length + buffer)} overlaps no busy interval: busy intervals are the occupying bookings' {@code
 *       [starts_at, occupied_until)}, the very ranges the exclusion constraint {@code bookings_tutor_no_overlap}
 *       compares, so a start offered here is one the database would accept (the buffer thereby also keeps a new
 *       lesson clear of the start of a later booking).
 * </ul>
 */
final class SlotFinder {

    static final Duration GRID = Duration.ofMinutes(15);
    private static final long GRID_SECONDS = GRID.toSeconds();

    /** A lesson slot {@code [start, end)}. */
    record Slot(Instant start, Instant end) {}

    private SlotFinder() {}

    /**
     * The slots for lessons of {@code minutes} starting in {@code [from, to)}, in order.
     *
     * @param busy the occupied intervals {@code [starts_at, occupied_until)} of the tutor's occupying bookings, in any
     *     order, possibly overlapping
     */
    static List<Slot> find(
            TutorSchedule schedule, int minutes, Instant from, Instant to, Instant now, List<Interval> busy) {
        return find(schedule, minutes, bounds(schedule, from, to, now), busy);
    }

    /**
     * Where starts may lie: at or after {@code earliest} and before {@code startsBefore}, both on the grid. The slots
     * depend on the time of asking only through these two, so two requests a few minutes apart with the same bounds
     * get the same slots (what lets {@link SlotAnswers} reuse an answer).
     */
    record Bounds(Instant earliest, Instant startsBefore) {}

    /**
     * The bounds of {@code [from, to)} at {@code now}: no earlier than the minimum notice, before the horizon, rounded up
     * to the grid (a grid start is at or after an instant exactly when it is at or after the instant's rounding up).
     */
    static Bounds bounds(TutorSchedule schedule, Instant from, Instant to, Instant now) {
        ZoneRules rules = schedule.zone().getRules();
        Instant earliest = OpenHours.max(from, now.plus(schedule.minimumNotice()));
        Instant startsBefore = OpenHours.min(to, now.plus(Duration.ofDays(schedule.horizonDays())));
        return new Bounds(alignUp(earliest, rules), alignUp(startsBefore, rules));
    }

    /** The slots for lessons of {@code minutes} starting within the bounds, in order. */
    static List<Slot> find(TutorSchedule schedule, int minutes, Bounds bounds, List<Interval> busy) {
        Duration length = Duration.ofMinutes(minutes);
        Instant earliest = bounds.earliest();
        Instant startsBefore = bounds.startsBefore();
        if (!earliest.isBefore(startsBefore)) {
            return List.of();
        }
        // a lesson [s, s + length) collides with a booking [b, e) when [s, s + length + buffer) overlaps it, that is
        // when the lesson itself overlaps [b - buffer, e)
        List<Interval> blocked = OpenHours.merge(busy.stream()
                .map(b -> new Interval(b.start().minus(schedule.buffer()), b.end()))
                .toList());
        ZoneRules rules = schedule.zone().getRules();
        List<Slot> slots = new ArrayList<>();
        int next = 0;
        for (Interval open : OpenHours.between(schedule, earliest, startsBefore.plus(length))) {
            for (Instant s = alignUp(OpenHours.max(open.start(), earliest), rules);
                    s.isBefore(startsBefore) && !s.plus(length).isAfter(open.end());
                    s = alignUp(s.plus(GRID), rules)) {
                Instant end = s.plus(length);
                while (next < blocked.size() && !blocked.get(next).end().isAfter(s)) {
                    next++; // ends before this start, so before every later one too
                }
                if (next < blocked.size() && blocked.get(next).start().isBefore(end)) {
                    continue;
                }
                slots.add(new Slot(s, end));
            }
        }
        return slots;
    }

    /** The first instant at or after {@code t} whose local time in the zone is a whole quarter hour. */
    static Instant alignUp(Instant t, ZoneRules rules) {
        Instant candidate = t;
        // at most twice: only when the rounding crosses an offset change that is not a whole number of quarter hours
        for (int attempt = 0; attempt < 3; attempt++) {
            long offset = rules.getOffset(candidate).getTotalSeconds();
            long local = candidate.getEpochSecond() + offset + (candidate.getNano() > 0 ? 1 : 0);
            long aligned = Math.ceilDiv(local, GRID_SECONDS) * GRID_SECONDS;
            Instant result = Instant.ofEpochSecond(aligned - offset);
            if (rules.getOffset(result).getTotalSeconds() == offset) {
                return result;
            }
            candidate = result.isAfter(candidate) ? result : candidate.plusSeconds(1);
        }
        return candidate;
    }

    static Instant alignUp(Instant t, ZoneId zone) {
        return alignUp(t, zone.getRules());
    }
}
