package io.lyceum.analytics;

import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A period of whole days in the tenant's time zone, both ends included: {@code from} 2026-01-01 to {@code to}
 * 2026-01-31 in Europe/London is {@code [2026-01-01T00:00 London, 2026-02-01T00:00 London)}. Every dashboard figure
 * and report covers one.
 */
record Period(LocalDate from, LocalDate to, ZoneId zone) {

    static final String INVALID = "analytics.invalid_period";

    /** The first instant of the period. */
    Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period. */
    Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /**
     * Reads {@code from} and {@code to} (ISO dates, either may be absent: {@code defaultFrom} and {@code defaultTo}
     * then) and checks them all at once: 422 {@code analytics.invalid_period} listing every problem (a date that does
     * not parse, from after to, a period longer than {@code maxSpan}).
     */
    static Period parse(
            @Nullable String from,
            @Nullable String to,
            ZoneId zone,
            LocalDate defaultFrom,
            LocalDate defaultTo,
            Duration maxSpan) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate start = date("from", from, defaultFrom, errors);
        LocalDate end = date("to", to, defaultTo, errors);
        if (start != null && end != null) {
            long maxDays = maxSpan.toDays();
            if (start.isAfter(end)) {
                errors.add(new FieldError("to", "must not be before from"));
            } else if (ChronoUnit.DAYS.between(start, end) + 1 > maxDays) {
                errors.add(new FieldError("to", "the period may cover at most " + maxDays + " days"));
            }
        }
        if (!errors.isEmpty()) {
            throw LyceumException.invalid(INVALID, "The period is not valid.", errors);
        }
        // both are set when no problem was listed
        return new Period(Objects.requireNonNull(start), Objects.requireNonNull(end), zone);
    }

    private static @Nullable LocalDate date(
            String field, @Nullable String value, LocalDate fallback, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (date.getYear() < 2000 || date.getYear() > 2100) {
                errors.add(new FieldError(field, "must be between 2000-01-01 and 2100-12-31"));
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date as YYYY-MM-DD"));
            return null;
        }
    }
}
