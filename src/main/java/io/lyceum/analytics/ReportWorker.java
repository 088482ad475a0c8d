package io.lyceum.analytics;

import io.lyceum.platform.FileStorage;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates requested reports, run by the recurring job of {@link ReportJobs}. Tenant by tenant, it claims one due
 * report at a time (a short transaction: REQUESTED, or RUNNING past its lease, becomes RUNNING for this attempt),
 * writes the CSV to a temporary file inside one read-only REPEATABLE READ transaction (one consistent snapshot, rows
 * streamed), uploads it to the file storage with no transaction open, then marks the attempt READY. A failed attempt
 * goes back to REQUESTED with a growing delay until the attempts run out (FAILED); an instance that dies mid-report
 * leaves it RUNNING until its lease ends, when another sweep claims it again.
 */
@Component
class ReportWorker {

    private static final Logger log = LoggerFactory.getLogger(ReportWorker.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final int MAX_PER_TENANT = 10;

    private final AnalyticsReportStore store;
    private final ReportWriter writer;
    private final FileStorage storage;
    private final AnalyticsProperties properties;
    private final TransactionTemplate transactions;
    private final TransactionTemplate snapshot;
    private final Clock clock;

    ReportWorker(
            AnalyticsReportStore store,
            ReportWriter writer,
            FileStorage storage,
            AnalyticsProperties properties,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.store = store;
        this.writer = writer;
        this.storage = storage;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.clock = clock;
    }

    /** Generates the due reports of every tenant that has one; returns how many attempts it made. */
    int sweep() {
        int attempts = 0;
        for (TenantId tenant : store.tenantsWithDueReports(clock.instant())) {
            try {
                attempts += TenantContext.callAs(tenant, this::sweepTenant);
            } catch (RuntimeException e) {
                // one tenant's trouble must not starve the others; the next sweep tries again
                log.error("Analytics reports failed in tenant {}", tenant, e);
            }
        }
        return attempts;
    }

    private int sweepTenant() {
        int attempts = 0;
        while (attempts < MAX_PER_TENANT) {
            Instant now = clock.instant();
            Optional<Report> claimed =
                    transactions.execute(status -> store.claimNext(now, now.plus(properties.reportLease())));
            if (claimed == null || claimed.isEmpty()) {
                break;
            }
            attempts++;
            generate(claimed.get());
        }
        return attempts;
    }

    private void generate(Report report) {
        if (report.attempts() > properties.reportMaxAttempts()) {
            // taken over after a crash with no attempt left
            transactions.executeWithoutResult(status -> store.failed(
                    report.id(),
                    report.attempts(),
                    "gave up after " + (report.attempts() - 1) + " attempts",
                    null,
                    clock.instant()));
            return;
        }
        Path file = null;
        try {
            file = Files.createTempFile("lyceum-report-", ".csv");
            Path target = file;
            long rows = snapshot.execute(status -> {
                try (Writer out = new BufferedWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8))) {
                    return writer.write(report.type(), report.period(), out);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String key = "analytics/reports/" + TenantContext.require().value() + "/" + report.id() + "/attempt-"
                    + report.attempts() + ".csv";
            FileStorage.StoredObject stored;
            try (InputStream in = Files.newInputStream(file)) {
                stored = storage.put(key, in, "text/csv");
            }
            boolean mine = Boolean.TRUE.equals(transactions.execute(
                    status -> store.ready(report.id(), report.attempts(), stored, rows, clock.instant())));
            if (!mine) {
                // another worker took the report over after our lease ran out; its attempt owns the result
                storage.delete(key);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Analytics report {} attempt {} failed", report.id(), report.attempts(), e);
            Instant now = clock.instant();
            Instant retryAt = report.attempts() >= properties.reportMaxAttempts()
                    ? null
                    : now.plus(FIRST_RETRY.multipliedBy(1L << (report.attempts() - 1)));
            String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            transactions.executeWithoutResult(
                    status -> store.failed(report.id(), report.attempts(), reason, retryAt, now));
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.debug("Temporary report file {} not deleted", file, e);
                }
            }
        }
    }
}
