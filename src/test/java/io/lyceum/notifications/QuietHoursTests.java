package io.lyceum.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Quiet hours in the user's own zone: SMS and calls wait until they end, across midnight and daylight saving. */
class QuietHoursTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));

    @Test
    void outsideTheQuietHoursNothingWaits() {
        Instant noon = Instant.parse("2026-12-07T11:00:00Z"); // 12:00 in Paris
        assertThat(night.nextAllowed(noon, PARIS)).isEqualTo(noon);
    }

    @Test
    void lateInTheEveningItWaitsForTheMorningOfTheNextDay() {
        Instant late = Instant.parse("2026-12-07T22:30:00Z"); // 23:30 in Paris
        assertThat(night.nextAllowed(late, PARIS)).isEqualTo(Instant.parse("2026-12-08T06:00:00Z"));
    }

    @Test
    void afterMidnightItWaitsForTheSameMorning() {
        Instant early = Instant.parse("2026-12-08T02:00:00Z"); // 03:00 in Paris
        assertThat(night.nextAllowed(early, PARIS)).isEqualTo(Instant.parse("2026-12-08T06:00:00Z"));
    }

    @Test
    void theEndIsInTheUsersZoneOnADaylightSavingNight() {
        // the night of 28-29 March 2026: Paris moves from UTC+1 to UTC+2 at 02:00
        Instant early = Instant.parse("2026-03-29T00:30:00Z"); // 01:30 in Paris, before the change
        assertThat(night.nextAllowed(early, PARIS)).isEqualTo(Instant.parse("2026-03-29T05:00:00Z"));
    }

    @Test
    void daytimeQuietHoursDoNotSpanMidnight() {
        QuietHours lessons = new QuietHours(LocalTime.of(9, 0), LocalTime.of(17, 0));
        assertThat(lessons.contains(LocalTime.of(8, 59))).isFalse();
        assertThat(lessons.contains(LocalTime.of(9, 0))).isTrue();
        assertThat(lessons.contains(LocalTime.of(17, 0))).isFalse();
    }

    @Test
    void emptyQuietHoursAreRefused() {
        assertThatThrownBy(() -> new QuietHours(LocalTime.NOON, LocalTime.NOON))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
