package io.lyceum.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One report request and, once READY, its file in the file storage. */
record Report(
        UUID id,
        ReportType type,
        String format,
        LocalDate from,
        LocalDate to,
        String timeZone,
        ReportStatus status,
        UUID requestedBy,
        int attempts,
        String storageKey,
        String contentType,
        @Nullable Long sizeBytes,
        String sha256,
        @Nullable Long rowCount,
        String failure,
        Instant requestedAt,
        @Nullable Instant startedAt,
        @Nullable Instant completedAt) {

    Period period() {
        return new Period(from, to, ZoneId.of(timeZone));
    }

    /** The file name offered on download, e.g. {@code lyceum-bookings-2026-01-01-2026-03-31.csv}. */
    String fileName() {
        return "lyceum-" + type.name().toLowerCase(java.util.Locale.ROOT) + "-" + from + "-" + to + ".csv";
    }
}
