package io.lyceum.notifications;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Hours in the user's own time zone when SMS and calls wait (email and in-app do not). {@code start} after {@code
 * end} spans midnight (22:00–07:00).
 */
record QuietHours(LocalTime start, LocalTime end) {

    QuietHours {
        if (start.equals(end)) {
            throw new IllegalArgumentException("Quiet hours start and end at different times");
        }
    }

    boolean contains(LocalTime time) {
        return start.isBefore(end)
                ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
    }

    /** {@code now} when outside the quiet hours, else the moment they end in {@code zone}. */
    Instant nextAllowed(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        if (!contains(local.toLocalTime())) {
            return now;
        }
        ZonedDateTime end = local.with(this.end).withSecond(0).withNano(0);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }
}
