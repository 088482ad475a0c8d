package io.lyceum.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a schedule offers a lesson of a given length at a given start, apart from other bookings (the database's
 * exclusion constraints decide those): the length is one the tutor teaches, the start respects the minimum notice and
 * the booking horizon, and the whole lesson lies within the tutor's open hours.
 */
final class Bookability {

    private Bookability() {}

    /** The reason the slot is not offered, or empty when it is. */
    static Optional<String> refusal(TutorSchedule schedule, Instant start, int minutes, Instant now) {
        if (!schedule.offersLength(minutes)) {
            return Optional.of("The tutor does not teach " + minutes + "-minute lessons; lengths offered: "
                    + schedule.lessonLengths() + ".");
        }
        if (start.isBefore(now.plus(schedule.minimumNotice()))) {
            return Optional.of("Lessons must be booked at least "
                    + schedule.minimumNotice().toMinutes() + " minutes ahead.");
        }
        if (!start.isBefore(now.plus(Duration.ofDays(schedule.horizonDays())))) {
            return Optional.of("Lessons can be booked at most " + schedule.horizonDays() + " days ahead.");
        }
        Instant end = start.plus(Duration.ofMinutes(minutes));
        boolean open = OpenHours.between(schedule, start, end).stream().anyMatch(i -> i.contains(start, end));
        return open ? Optional.empty() : Optional.of("The tutor is not available at that time.");
    }
}
