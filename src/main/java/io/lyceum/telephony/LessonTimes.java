package io.lyceum.telephony;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A lesson's start as people hear or read it: in their own time zone, short. */
final class LessonTimes {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("EEE d MMM 'at' HH:mm", Locale.ENGLISH);

    private LessonTimes() {}

    static String format(Instant instant, String timeZone) {
        ZoneId zone;
        try {
            zone = timeZone == null ? ZoneId.of("UTC") : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            zone = ZoneId.of("UTC");
        }
        return FORMAT.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }
}
