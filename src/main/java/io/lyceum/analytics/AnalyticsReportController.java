package io.lyceum.analytics;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Analytics reports (seed 002's AdminAnalyticsReport): requested by admins, generated in the background as CSV. */
@RestController
@RequestMapping("/api/v1/admin/analytics-reports")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Analytics: reports")
class AnalyticsReportController {

    private final AnalyticsReports reports;
    private final Dashboards dashboards;

    AnalyticsReportController(AnalyticsReports reports, Dashboards dashboards) {
        this.reports = reports;
        this.dashboards = dashboards;
    }

    /**
     * @param type BOOKINGS, REVENUE, TUTORS, USERS or PAYOUTS
     * @param from first day (YYYY-MM-DD, tenant's zone); default the first day of the month eleven months back
     * @param to last day, included; default today
     */
    record ReportRequest(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"BOOKINGS", "REVENUE", "TUTORS", "USERS", "PAYOUTS"})
            @Nullable
            String type,

            @Nullable String from,
            @Nullable String to) {}

    record ReportView(
            UUID id,
            ReportType type,
            String format,
            LocalDate from,
            LocalDate to,
            String timeZone,
            ReportStatus status,
            UUID requestedBy,
            int attempts,
            @Nullable Long rowCount,
            @Nullable Long sizeBytes,
            String sha256,
            String failure,
            Instant requestedAt,
            @Nullable Instant startedAt,
            @Nullable Instant completedAt,
            @Nullable String downloadUrl) {

        static ReportView of(Report r) {
            return new ReportView(
                    r.id(),
                    r.type(),
                    r.format(),
                    r.from(),
                    r.to(),
                    r.timeZone(),
                    r.status(),
                    r.requestedBy(),
                    r.attempts(),
                    r.rowCount(),
                    r.sizeBytes(),
                    r.sha256(),
                    r.failure(),
                    r.requestedAt(),
                    r.startedAt(),
                    r.completedAt(),
                    r.status() == ReportStatus.READY
                            ? "/api/v1/admin/analytics-reports/" + r.id() + "/download"
                            : null);
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Request a report",
            description = "ADMIN or OWNER. Records the request as REQUESTED; a background job generates the CSV"
                    + " (RUNNING, then READY or, after 3 failed attempts, FAILED). 422 `analytics.invalid_report`"
                    + " lists every problem: an unknown type, dates that do not parse, from after to, a period longer"
                    + " than the maximum span.")
    ReportView request(@AuthenticationPrincipal CurrentUser user, @RequestBody ReportRequest body) {
        List<FieldError> errors = new ArrayList<>();
        ReportType type = null;
        if (body.type() == null || body.type().isBlank()) {
            errors.add(new FieldError("type", "is required"));
        } else {
            try {
                type = ReportType.valueOf(body.type().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("type", "must be one of " + Arrays.toString(ReportType.values())));
            }
        }
        Period period = null;
        try {
            period = dashboards.lastTwelveMonths(body.from(), body.to());
        } catch (LyceumException e) {
            errors.addAll(e.fieldErrors());
        }
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("analytics.invalid_report", "The report request is not valid.", errors);
        }
        // both are set when no problem was listed
        return ReportView.of(reports.request(user, Objects.requireNonNull(type), Objects.requireNonNull(period)));
    }

    @GetMapping
    @Operation(
            summary = "The tenant's reports",
            description = "ADMIN or OWNER. Newest first, paged, with their status.")
    PageResponse<ReportView> list(@Parameter(hidden = true) PageQuery page) {
        page.requireSortable(Set.of());
        return reports.list(page).map(ReportView::of);
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "One report",
            description = "ADMIN or OWNER. 404 `analytics.report_not_found` for an unknown report or another tenant's.")
    ReportView get(@PathVariable UUID id) {
        return ReportView.of(reports.get(id));
    }

    @GetMapping(value = "/{id}/download", produces = "text/csv")
    @Operation(
            summary = "Download a report's CSV",
            description = "ADMIN or OWNER. The CSV (UTF-8, RFC 4180, a header row) as an attachment. 409"
                    + " `analytics.report_not_ready` until READY; 404 `analytics.report_not_found` for an unknown"
                    + " report or another tenant's.")
    ResponseEntity<Resource> download(@PathVariable UUID id) {
        Report report = reports.get(id);
        var content = reports.open(id);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .contentLength(content.size())
                .cacheControl(CacheControl.noStore().cachePrivate())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(report.fileName())
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(content.stream()));
    }
}
