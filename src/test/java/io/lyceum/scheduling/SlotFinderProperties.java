package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.scheduling.OpenHours.Interval;
import io.lyceum.scheduling.SlotFinder.Slot;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Free slots over many zones and dates around daylight-saving transitions, against a brute-force oracle: every start on
 * the quarter-hour grid whose whole lesson is open minute by minute (by the wall-clock definition), which respects
 * notice and horizon, and whose lesson plus buffer overlaps no booking's occupied interval.
 */
class SlotFinderProperties {

    record Case(
            TutorSchedule schedule,
            LocalDate date,
            int minutes,
            Instant now,
            Instant from,
            Instant to,
            List<Interval> busy,
            ZoneId viewer) {}

    @Provide
    Arbitrary<Case> cases() {
        return ScheduleArbitraries.zones()
                .flatMap(zone -> ScheduleArbitraries.datesAround(zone).flatMap(date -> cases(zone, date)));
    }

    private static Arbitrary<Case> cases(ZoneId zone, LocalDate date) {
        Instant dayStart = date.atStartOfDay(zone).toInstant();
        Arbitrary<Interval> booking = Arbitraries.integers()
                .between(-36 * 60, 60 * 60)
                .flatMap(offset -> Arbitraries.integers().between(15, 180).flatMap(length -> Arbitraries.integers()
                        .between(0, 30)
                        .map(buffer -> new Interval(
                                dayStart.plusSeconds(offset * 60L),
                                dayStart.plusSeconds((offset + length + buffer) * 60L)))));
        return Builders.withBuilder(() -> new CaseBuilder(zone, date))
                .use(ScheduleArbitraries.windows())
                .in((b, w) -> {
                    b.windows = w;
                    return b;
                })
                .use(ScheduleArbitraries.overrides(date))
                .in((b, o) -> {
                    b.overrides = o;
                    return b;
                })
                .use(Arbitraries.integers().between(0, 12).map(i -> i * 5))
                .in((b, v) -> {
                    b.buffer = v;
                    return b;
                })
                .use(Arbitraries.frequencyOf(
                                Tuple.of(4, Arbitraries.integers().between(0, 12 * 4)),
                                Tuple.of(1, Arbitraries.integers().between(0, 48 * 4)))
                        .map(i -> i * 15))
                .in((b, v) -> {
                    b.notice = v;
                    return b;
                })
                .use(Arbitraries.integers().between(1, 10))
                .in((b, v) -> {
                    b.horizon = v;
                    return b;
                })
                .use(Arbitraries.frequencyOf(
                                Tuple.of(3, Arbitraries.integers().between(3, 24)),
                                Tuple.of(1, Arbitraries.integers().between(3, 48)))
                        .map(i -> i * 5))
                .in((b, v) -> {
                    b.minutes = v;
                    return b;
                })
                .use(Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.integers().between(-3 * 24 * 60, -24 * 60)),
                        Tuple.of(1, Arbitraries.integers().between(-24 * 60, 24 * 60))))
                .in((b, v) -> {
                    b.nowOffset = v;
                    return b;
                })
                .use(Arbitraries.integers().between(-24 * 60, 12 * 60))
                .in((b, v) -> {
                    b.fromOffset = v;
                    return b;
                })
                .use(Arbitraries.integers().between(6 * 60, 3 * 24 * 60))
                .in((b, v) -> {
                    b.span = v;
                    return b;
                })
                .use(booking.list().ofMaxSize(5))
                .in((b, v) -> {
                    b.busy = v;
                    return b;
                })
                .use(ScheduleArbitraries.zones())
                .in((b, v) -> {
                    b.viewer = v;
                    return b;
                })
                .build(CaseBuilder::build);
    }

    static final class CaseBuilder {
        final ZoneId zone;
        final LocalDate date;
        List<TutorSchedule.Window> windows = List.of();
        List<TutorSchedule.Override> overrides = List.of();
        int buffer;
        int notice;
        int horizon;
        int minutes;
        int nowOffset;
        int fromOffset;
        int span;
        List<Interval> busy = List.of();
        ZoneId viewer;

        CaseBuilder(ZoneId zone, LocalDate date) {
            this.zone = zone;
            this.date = date;
        }

        Case build() {
            Instant dayStart = date.atStartOfDay(zone).toInstant();
            Instant from = dayStart.plusSeconds(fromOffset * 60L).plusSeconds(7); // off the grid on purpose
            return new Case(
                    ScheduleArbitraries.schedule(zone, windows, overrides, buffer, notice, horizon, List.of(minutes)),
                    date,
                    minutes,
                    dayStart.plusSeconds(nowOffset * 60L).plusMillis(123),
                    from,
                    from.plusSeconds(span * 60L),
                    busy,
                    viewer);
        }
    }

    /** The oracle: every quarter-hour start in range checked minute by minute. */
    static List<Slot> bruteForce(Case c) {
        TutorSchedule s = c.schedule();
        Duration length = Duration.ofMinutes(c.minutes());
        List<Slot> slots = new ArrayList<>();
        Instant first = Instant.ofEpochSecond(
                Math.ceilDiv(c.from().getEpochSecond() + (c.from().getNano() > 0 ? 1 : 0), 900) * 900);
        for (Instant start = first; start.isBefore(c.to()); start = start.plusSeconds(900)) {
            if (start.isBefore(c.now().plus(s.minimumNotice()))
                    || !start.isBefore(c.now().plus(Duration.ofDays(s.horizonDays())))) {
                continue;
            }
            Instant begin = start;
            Instant end = start.plus(length);
            Instant occupiedUntil = end.plus(s.buffer());
            boolean clash = c.busy().stream().anyMatch(b -> b.overlaps(begin, occupiedUntil));
            boolean open = true;
            for (Instant t = start; open && t.isBefore(end); t = t.plusSeconds(60)) {
                open = ScheduleArbitraries.openAt(s, t);
            }
            if (open && !clash) {
                slots.add(new Slot(start, end));
            }
        }
        return slots;
    }

    private static List<Slot> find(Case c) {
        return SlotFinder.find(c.schedule(), c.minutes(), c.from(), c.to(), c.now(), c.busy());
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void slotsAreExactlyTheStartsTheDefinitionAllows(@ForAll("cases") Case c) {
        Statistics.label("zone").collect(c.schedule().zone().getId());
        int found = find(c).size();
        Statistics.label("slots").collect(found == 0 ? "none" : found < 10 ? "1-9" : found < 50 ? "10-49" : "50+");
        assertThat(find(c)).as("%s around %s", c.schedule().zone(), c.date()).isEqualTo(bruteForce(c));
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void everySlotIsAQuarterHourOfTheTutorsClockInsideAWindowAndBookable(@ForAll("cases") Case c) {
        ZoneId zone = c.schedule().zone();
        for (Slot slot : find(c)) {
            LocalDateTime local = LocalDateTime.ofInstant(slot.start(), zone);
            assertThat(local.getMinute() % 15).isZero();
            assertThat(local.getSecond()).isZero();
            assertThat(ScheduleArbitraries.openAt(c.schedule(), slot.start())).isTrue();
            assertThat(ScheduleArbitraries.openAt(c.schedule(), slot.end().minusSeconds(60)))
                    .isTrue();
            assertThat(Bookability.refusal(c.schedule(), slot.start(), c.minutes(), c.now()))
                    .as("Bookability agrees")
                    .isEmpty();
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void slotsNeverCollideWithBookingsOrTheirBuffer(@ForAll("cases") Case c) {
        for (Slot slot : find(c)) {
            Instant occupiedUntil = slot.end().plus(c.schedule().buffer());
            for (Interval b : c.busy()) {
                // the exclusion constraint: tstzrange(starts_at, occupied_until) must not overlap
                assertThat(b.overlaps(slot.start(), occupiedUntil))
                        .as("slot %s-%s against booking %s", slot.start(), occupiedUntil, b)
                        .isFalse();
            }
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void theViewersLocalTimeConvertsBackToTheSameInstant(@ForAll("cases") Case c) {
        for (Slot slot : find(c)) {
            // as AvailableSlotsController renders it
            String local = slot.start().atZone(c.viewer()).toOffsetDateTime().toString();
            OffsetDateTime parsed = OffsetDateTime.parse(local);
            assertThat(parsed.toInstant()).isEqualTo(slot.start());
            assertThat(parsed.getOffset()).isEqualTo(c.viewer().getRules().getOffset(slot.start()));
            // and through the viewer's wall clock, keeping the offset for a repeated hour
            ZonedDateTime zoned = ZonedDateTime.ofLocal(parsed.toLocalDateTime(), c.viewer(), parsed.getOffset());
            assertThat(zoned.toInstant()).isEqualTo(slot.start());
        }
    }

    /** One window every day; on every date of the transition week the slot count follows the window's real length. */
    record Daily(ZoneId zone, LocalDate date, int start, int end, int minutes) {}

    @Provide
    Arbitrary<Daily> daily() {
        return ScheduleArbitraries.zones()
                .flatMap(zone -> ScheduleArbitraries.datesAround(zone).flatMap(date -> Arbitraries.integers()
                        .between(0, 95)
                        .flatMap(a -> Arbitraries.integers().between(a + 1, 96).flatMap(b -> Arbitraries.integers()
                                .between(3, 24)
                                .map(m -> new Daily(zone, date, a * 15, b * 15, m * 5))))));
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void theSlotCountOfEachDayFollowsTheActualLengthOfItsWindow(@ForAll("daily") Daily d) {
        List<TutorSchedule.Window> windows = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            windows.add(new TutorSchedule.Window(
                    UUID.randomUUID(), day, ScheduleArbitraries.time(d.start()), ScheduleArbitraries.time(d.end())));
        }
        TutorSchedule schedule =
                ScheduleArbitraries.schedule(d.zone(), windows, List.of(), 0, 0, 30, List.of(d.minutes()));
        Instant now = d.date().minusDays(5).atStartOfDay(d.zone()).toInstant();
        for (LocalDate date = d.date().minusDays(3); date.isBefore(d.date().plusDays(4)); date = date.plusDays(1)) {
            LocalDateTime start = date.atTime(ScheduleArbitraries.time(d.start()));
            LocalDateTime end = d.end() == 1440
                    ? date.plusDays(1).atStartOfDay()
                    : date.atTime(LocalTime.of(d.end() / 60, d.end() % 60));
            if (d.zone().getRules().getValidOffsets(start).size() != 1
                    || d.zone().getRules().getValidOffsets(end).size() != 1) {
                continue; // a boundary in a gap or overlap: the oracle property covers it
            }
            Instant from = start.atZone(d.zone()).toInstant();
            Instant to = end.atZone(d.zone()).toInstant();
            long available = Duration.between(from, to).toMinutes();
            long expected = available < d.minutes() ? 0 : (available - d.minutes()) / 15 + 1;
            // lessons that end inside this date's window (a 00:00-24:00 window runs on into the next date's)
            List<Slot> slots = SlotFinder.find(schedule, d.minutes(), from, to, now, List.of()).stream()
                    .filter(slot -> !slot.end().isAfter(to))
                    .toList();
            assertThat(slots)
                    .as("%s on %s: %d minutes open", d.zone(), date, available)
                    .hasSize((int) expected);
            if (!slots.isEmpty()) {
                // the first slot starts at the window's wall-clock start, whatever the offset that day
                assertThat(LocalDateTime.ofInstant(slots.getFirst().start(), d.zone()))
                        .isEqualTo(start);
            }
        }
    }

    // ---- examples

    private static TutorSchedule every(String zone, String start, String end, int buffer) {
        List<TutorSchedule.Window> windows = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            windows.add(new TutorSchedule.Window(
                    UUID.randomUUID(),
                    day,
                    LocalTime.parse(start),
                    end.equals("24:00") ? LocalTime.MAX : LocalTime.parse(end)));
        }
        return ScheduleArbitraries.schedule(ZoneId.of(zone), windows, List.of(), buffer, 0, 365, List.of(60));
    }

    @Example
    void newYorkTransitionNights() {
        TutorSchedule s = every("America/New_York", "00:00", "04:00", 0);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        ZoneId ny = ZoneId.of("America/New_York");
        assertThat(SlotFinder.find(
                        s,
                        60,
                        LocalDate.parse("2026-03-08").atStartOfDay(ny).toInstant(),
                        LocalDate.parse("2026-03-09").atStartOfDay(ny).toInstant(),
                        now,
                        List.of()))
                .hasSize(9); // 3 hours: 00:00 ... 01:45, then 03:00 (01:00 + 1 h ends at 03:00 wall clock)
        assertThat(SlotFinder.find(
                        s,
                        60,
                        LocalDate.parse("2026-11-01").atStartOfDay(ny).toInstant(),
                        LocalDate.parse("2026-11-02").atStartOfDay(ny).toInstant(),
                        now,
                        List.of()))
                .hasSize(17); // 5 hours
    }

    @Example
    void theBufferKeepsALessonClearOfTheNextBookingsStart() {
        TutorSchedule s = every("Europe/London", "09:00", "17:00", 15);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        // a booking 12:00-13:00 (+15 buffer) on 2026-06-10 (BST, UTC+1): 11:00-12:00 UTC busy until 12:15 UTC
        List<Interval> busy =
                List.of(new Interval(Instant.parse("2026-06-10T11:00:00Z"), Instant.parse("2026-06-10T12:15:00Z")));
        List<Slot> slots = SlotFinder.find(
                s, 60, Instant.parse("2026-06-10T00:00:00Z"), Instant.parse("2026-06-11T00:00:00Z"), now, busy);
        List<String> starts = slots.stream()
                .map(x -> LocalTime.ofInstant(x.start(), ZoneId.of("Europe/London"))
                        .toString())
                .toList();
        // 10:45 would run to 11:45 + 15 buffer = 12:00: touches, allowed; 11:00 would overlap
        assertThat(starts).contains("09:00", "10:45", "13:15", "16:00");
        assertThat(starts).doesNotContain("11:00", "12:00", "13:00", "16:15");
    }
}
