package io.lyceum.analytics;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.platform.AdministrativeAction;
import io.lyceum.platform.FileStorage;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Report requests: an admin asks for a report of a type over a period, the {@link ReportWorker} writes it in the
 * background, admins of the same tenant list and download it. Reports of another tenant do not exist for the caller
 * (404): the row is read with the caller's tenant bound, under row-level security too.
 */
@Service
class AnalyticsReports {

    private final AnalyticsReportStore store;
    private final FileStorage storage;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AnalyticsReports(AnalyticsReportStore store, FileStorage storage, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.storage = storage;
        this.events = events;
        this.clock = clock;
    }

    /** Records the request (REQUESTED) and audits it; the worker picks it up within its sweep interval. */
    @Transactional
    Report request(CurrentUser admin, ReportType type, Period period) {
        UUID id = Ids.newId();
        Instant now = clock.instant();
        store.insert(id, type, period, admin.userId().value(), now);
        events.publishEvent(AdministrativeAction.of(
                TenantContext.require().value(),
                admin.userId().value(),
                "ANALYTICS_REPORT_REQUESTED",
                "ANALYTICS_REPORT",
                id,
                Map.of(),
                Map.of(
                        "type", type.name(),
                        "from", period.from().toString(),
                        "to", period.to().toString(),
                        "timeZone", period.zone().getId()),
                null,
                now));
        return store.find(id).orElseThrow();
    }

    PageResponse<Report> list(PageQuery page) {
        return store.list(page);
    }

    Report get(UUID id) {
        return store.find(id).orElseThrow(AnalyticsReports::notFound);
    }

    /** The file of a READY report; 409 {@code analytics.report_not_ready} before, 404 when it is gone. */
    FileStorage.StoredContent open(UUID id) {
        Report report = get(id);
        if (report.status() != ReportStatus.READY) {
            throw LyceumException.conflict(
                    "analytics.report_not_ready", "The report is " + report.status() + ", not READY yet.");
        }
        return storage.get(report.storageKey()).orElseThrow(AnalyticsReports::notFound);
    }

    static LyceumException notFound() {
        return LyceumException.notFound("analytics.report_not_found", "There is no such report.");
    }
}
