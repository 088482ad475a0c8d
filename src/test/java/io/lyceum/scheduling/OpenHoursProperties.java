package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.scheduling.OpenHours.Interval;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The open-hours engine against the definition "an instant is open when its wall-clock time in the tutor's zone lies
 * in an open window of its local date", over many zones and dates at and next to their daylight-saving transitions.
 */
class OpenHoursProperties {

    record Case(TutorSchedule schedule, LocalDate date) {}

    @Provide
    Arbitrary<Case> cases() {
        return ScheduleArbitraries.zones().flatMap(zone -> ScheduleArbitraries.datesAround(zone)
                .flatMap(date -> Combinators.combine(ScheduleArbitraries.windows(), ScheduleArbitraries.overrides(date))
                        .as((windows, overrides) -> new Case(
                                ScheduleArbitraries.schedule(zone, windows, overrides, 0, 0, 30, List.of(60)), date))));
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void openHoursMatchTheWallClockDefinitionMinuteByMinute(@ForAll("cases") Case c) {
        ZoneId zone = c.schedule().zone();
        // the report shows how the tries spread over the zones
        Statistics.label("zone").collect(zone.getId());
        Instant from = c.date().minusDays(1).atStartOfDay(zone).toInstant();
        Instant to = c.date().plusDays(2).atStartOfDay(zone).toInstant();
        List<Interval> open = OpenHours.between(c.schedule(), from, to);
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
            boolean expected = ScheduleArbitraries.openAt(c.schedule(), t);
            assertThat(ScheduleArbitraries.in(open, t))
                    .as("%s at %s (%s)", zone, t, t.atZone(zone))
                    .isEqualTo(expected);
        }
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void intervalsAreSortedDisjointAndClipped(@ForAll("cases") Case c) {
        ZoneId zone = c.schedule().zone();
        Instant from = c.date().atStartOfDay(zone).toInstant().plusSeconds(37 * 60);
        Instant to = c.date().plusDays(1).atStartOfDay(zone).toInstant().plusSeconds(11 * 60);
        List<Interval> open = OpenHours.between(c.schedule(), from, to);
        for (int i = 0; i < open.size(); i++) {
            Interval interval = open.get(i);
            assertThat(interval.start()).isBefore(interval.end());
            assertThat(interval.start()).isAfterOrEqualTo(from);
            assertThat(interval.end()).isBeforeOrEqualTo(to);
            if (i > 0) {
                assertThat(interval.start())
                        .as("merged")
                        .isAfter(open.get(i - 1).end());
            }
        }
    }

    /** One window every day of the transition week, starting and ending at wall-clock times that exist once. */
    record Weekly(ZoneId zone, LocalDate date, int start, int end) {}

    @Provide
    Arbitrary<Weekly> weekly() {
        return ScheduleArbitraries.zones().flatMap(zone -> ScheduleArbitraries.datesAround(zone)
                .flatMap(date -> Arbitraries.integers().between(0, 95).flatMap(a -> Arbitraries.integers()
                        .between(a + 1, 96)
                        .map(b -> new Weekly(zone, date, a * 15, b * 15)))));
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void weeklyWindowsKeepTheirWallClockHoursAndLastAsLongAsTheClockSays(@ForAll("weekly") Weekly w) {
        List<TutorSchedule.Window> windows = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            windows.add(new TutorSchedule.Window(
                    UUID.randomUUID(), day, ScheduleArbitraries.time(w.start()), ScheduleArbitraries.time(w.end())));
        }
        TutorSchedule schedule = ScheduleArbitraries.schedule(w.zone(), windows, List.of(), 0, 0, 30, List.of(60));
        for (LocalDate date = w.date().minusDays(3); date.isBefore(w.date().plusDays(4)); date = date.plusDays(1)) {
            LocalDateTime start = date.atTime(ScheduleArbitraries.time(w.start()));
            LocalDateTime end = w.end() == 1440
                    ? date.plusDays(1).atStartOfDay()
                    : date.atTime(LocalTime.of(w.end() / 60, w.end() % 60));
            if (!existsOnce(w.zone(), start) || !existsOnce(w.zone(), end)) {
                continue; // the boundary falls in a gap or an overlap: covered by the minute-by-minute property
            }
            List<Interval> open = OpenHours.openOn(schedule, date);
            Duration expected = Duration.between(start.atZone(w.zone()), end.atZone(w.zone()));
            if (expected.isZero() || expected.isNegative()) {
                assertThat(open).isEmpty();
                continue;
            }
            assertThat(open).as("%s %s", w.zone(), date).hasSize(1);
            Interval interval = open.getFirst();
            assertThat(interval.start().atZone(w.zone()).toLocalDateTime()).isEqualTo(start);
            assertThat(interval.end().atZone(w.zone()).toLocalDateTime()).isEqualTo(end);
            assertThat(Duration.between(interval.start(), interval.end())).isEqualTo(expected);
        }
    }

    private static boolean existsOnce(ZoneId zone, LocalDateTime local) {
        return zone.getRules().getValidOffsets(local).size() == 1;
    }

    // ---- examples

    private static TutorSchedule daily(String zone, String start, String end) {
        List<TutorSchedule.Window> windows = new ArrayList<>();
        LocalTime to = end.equals("24:00") ? LocalTime.MAX : LocalTime.parse(end);
        for (DayOfWeek day : DayOfWeek.values()) {
            windows.add(new TutorSchedule.Window(UUID.randomUUID(), day, LocalTime.parse(start), to));
        }
        return ScheduleArbitraries.schedule(ZoneId.of(zone), windows, List.of(), 0, 0, 30, List.of(60));
    }

    private static Duration openOn(TutorSchedule schedule, String date) {
        return OpenHours.openOn(schedule, LocalDate.parse(date)).stream()
                .map(i -> Duration.between(i.start(), i.end()))
                .reduce(Duration.ZERO, Duration::plus);
    }

    @Example
    void newYorkNightWindowIsThreeHoursInSpringAndFiveInAutumn() {
        TutorSchedule s = daily("America/New_York", "00:00", "04:00");
        assertThat(openOn(s, "2026-03-07")).isEqualTo(Duration.ofHours(4));
        assertThat(openOn(s, "2026-03-08")).isEqualTo(Duration.ofHours(3));
        assertThat(openOn(s, "2026-11-01")).isEqualTo(Duration.ofHours(5));
    }

    @Example
    void aWindowStartingInTheGapOpensWhenTheClocksResume() {
        TutorSchedule s = daily("America/New_York", "02:30", "04:00");
        List<Interval> open = OpenHours.openOn(s, LocalDate.parse("2026-03-08"));
        assertThat(open)
                .containsExactly(new Interval(
                        ZonedDateTime.parse("2026-03-08T03:00-04:00[America/New_York]")
                                .toInstant(),
                        ZonedDateTime.parse("2026-03-08T04:00-04:00[America/New_York]")
                                .toInstant()));
    }

    @Example
    void aWindowInsideTheRepeatedHourIsOpenBothTimes() {
        TutorSchedule s = daily("America/New_York", "01:00", "01:30");
        List<Interval> open = OpenHours.openOn(s, LocalDate.parse("2026-11-01"));
        assertThat(open)
                .containsExactly(
                        new Interval(Instant.parse("2026-11-01T05:00:00Z"), Instant.parse("2026-11-01T05:30:00Z")),
                        new Interval(Instant.parse("2026-11-01T06:00:00Z"), Instant.parse("2026-11-01T06:30:00Z")));
    }

    @Example
    void lordHoweLosesHalfAnHour() {
        TutorSchedule s = daily("Australia/Lord_Howe", "00:00", "04:00");
        assertThat(openOn(s, "2026-10-04")).isEqualTo(Duration.ofMinutes(210));
        assertThat(openOn(s, "2026-04-05")).isEqualTo(Duration.ofMinutes(270));
    }

    @Example
    void santiagoMidnightThatDoesNotExist() {
        // clocks go from 24:00 to 01:00 on 6 September 2026: the date starts at 01:00
        TutorSchedule s = daily("America/Santiago", "00:00", "02:00");
        assertThat(openOn(s, "2026-09-06")).isEqualTo(Duration.ofHours(1));
        TutorSchedule evening = daily("America/Santiago", "22:00", "24:00");
        assertThat(openOn(evening, "2026-09-05")).isEqualTo(Duration.ofHours(2));
    }

    @Example
    void apiaSkippedTheThirtiethOfDecember2011() {
        TutorSchedule s = daily("Pacific/Apia", "00:00", "24:00");
        assertThat(openOn(s, "2011-12-30")).isEqualTo(Duration.ZERO);
        assertThat(openOn(s, "2011-12-29")).isEqualTo(Duration.ofHours(24));
        assertThat(openOn(s, "2011-12-31")).isEqualTo(Duration.ofHours(24));
    }
}
