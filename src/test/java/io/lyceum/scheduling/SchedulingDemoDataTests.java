package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SchedulingDemoDataTests {

    @Test
    void priyasDayOffIsNeverTheThursdayOfHerWeeklyPackLessonsWhateverDayTheDemoStarts() {
        LocalDate monday =
                LocalDate.of(2026, 12, 7); // the day the demo's start failed: its eighth weekday is a Thursday
        for (int i = 0; i < 7; i++) {
            LocalDate today = monday.plusDays(i);
            LocalDate dayOff = SchedulingDemoData.insetDay(today);
            assertThat(dayOff.getDayOfWeek())
                    .as("day off when the demo starts on %s", today)
                    .isNotIn(DayOfWeek.THURSDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            // after the demo's upcoming bookings (second and fifth weekdays) and within the second week
            assertThat(dayOff).isAfter(today.plusDays(7)).isBefore(today.plusDays(15));
        }
        assertThat(SchedulingDemoData.insetDay(monday)).isEqualTo(LocalDate.of(2026, 12, 18));
    }
}
