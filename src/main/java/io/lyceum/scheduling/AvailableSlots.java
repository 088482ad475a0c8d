package io.lyceum.scheduling;

import io.lyceum.catalog.CatalogApi;
import io.lyceum.catalog.TutorTerms;
import io.lyceum.scheduling.SlotFinder.Slot;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.TutorId;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The public free slots of an approved tutor ({@link SlotFinder} over the stored schedule and bookings). */
@Service
class AvailableSlots {

    static final Duration MAX_RANGE = Duration.ofDays(62);
    static final Duration DEFAULT_RANGE = Duration.ofDays(7);
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    /**
     * Everything the slots of a query depend on, read in one transaction: equal queries have equal slots (which
     * {@link SlotAnswers} relies on), so the time of asking enters only through the grid-rounded {@code bounds}. The
     * tutor's published terms come with it, for the price quote, from the same read that finds the tutor approved.
     */
    record Found(
            TutorTerms terms,
            TutorSchedule schedule,
            ZoneId viewerZone,
            int minutes,
            Instant from,
            Instant to,
            SlotFinder.Bounds bounds,
            List<OpenHours.Interval> busy) {

        Found {
            busy = List.copyOf(busy);
        }

        /** The free slots, computed from the query alone (no database). */
        List<Slot> slots() {
            return SlotFinder.find(schedule, minutes, bounds, busy);
        }
    }

    private final ScheduleStore store;
    private final Availability availability;
    private final CatalogApi catalog;
    private final Clock clock;

    AvailableSlots(ScheduleStore store, Availability availability, CatalogApi catalog, Clock clock) {
        this.store = store;
        this.availability = availability;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * Validates the query and finds the slots. {@code from} and {@code to} are instants (or dates, read as the start
     * of that date in the viewer's zone); {@code from} defaults to now, {@code to} to a week after {@code from};
     * {@code duration} defaults to the tutor's shortest lesson length.
     */
    @Transactional(readOnly = true)
    Found find(
            UUID tutorId,
            @Nullable String fromText,
            @Nullable String toText,
            @Nullable Integer duration,
            @Nullable String tz) {
        TutorTerms terms = catalog.tutorTerms(TutorId.of(tutorId))
                .orElseThrow(() -> LyceumException.notFound("tutor.not_found", "No such tutor."));
        List<FieldError> errors = new ArrayList<>();
        ZoneId viewer = Availability.UTC;
        if (tz != null && !tz.isBlank()) {
            viewer = AvailabilityRules.zone("tz", tz, errors);
        }
        Instant now = clock.instant();
        ZoneId zone = viewer == null ? Availability.UTC : viewer;
        Instant from = fromText == null || fromText.isBlank() ? now : instant("from", fromText, zone, errors);
        Instant to = toText == null || toText.isBlank()
                ? (from == null ? null : from.plus(DEFAULT_RANGE))
                : instant("to", toText, zone, errors);
        if (from != null && to != null) {
            if (!from.isBefore(to)) {
                errors.add(new FieldError("to", "must be after from"));
            } else if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
                errors.add(new FieldError("to", "at most " + MAX_RANGE.toDays() + " days after from"));
            }
        }
        TutorSchedule schedule = store.find(tutorId).orElseGet(() -> availability.unsaved(tutorId));
        int minutes = duration == null
                ? schedule.lessonLengths().stream()
                        .mapToInt(Integer::intValue)
                        .min()
                        .orElse(60)
                : duration;
        if (!schedule.offersLength(minutes)) {
            errors.add(new FieldError(
                    "duration", "must be one of the tutor's lesson lengths " + schedule.lessonLengths()));
        }
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("slots.invalid_query", "The slot query is invalid; see errors[].", errors);
        }
        // each is set whenever no error was listed
        Instant start = Objects.requireNonNull(from);
        Instant end = Objects.requireNonNull(to);
        ZoneId viewerZone = Objects.requireNonNull(viewer);
        Duration reach = Duration.ofMinutes(minutes).plus(schedule.buffer());
        List<OpenHours.Interval> busy = store.busy(tutorId, start.minus(reach), end.plus(reach));
        return new Found(
                terms, schedule, viewerZone, minutes, start, end, SlotFinder.bounds(schedule, start, end, now), busy);
    }

    /** An ISO instant or offset date-time, or a date (the start of it in the viewer's zone). */
    private static @Nullable Instant instant(String field, String text, ZoneId zone, List<FieldError> errors) {
        String value = text.trim();
        try {
            Instant instant = value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(zone).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                errors.add(new FieldError(field, "must lie between " + EARLIEST + " and " + LATEST));
                return null;
            }
            return instant;
        } catch (DateTimeException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-12-01T09:00:00Z or a date"));
            return null;
        }
    }
}
