package io.lyceum.admin;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.platform.AdministrativeAction;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reports (seed 002's AdminIssue): filed by anyone signed in about something they can see, worked by admins through
 * {@link ReportStatus}'s state machine. Every admin change locks the report row first, so two admins acting at once
 * take turns and the second finds the report already moved (409 {@code report.invalid_transition}); each change
 * appends to the report's history and publishes an {@link AdministrativeAction} for the audit log.
 */
@Service
class Reports {

    static final String SUBJECT = "REPORT";

    private final ReportStore store;
    private final ReportTargets targets;
    private final ReportEffects effects;
    private final AccountsApi accounts;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Reports(
            ReportStore store,
            ReportTargets targets,
            ReportEffects effects,
            AccountsApi accounts,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.targets = targets;
        this.effects = effects;
        this.accounts = accounts;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    // ---- reporters

    Report file(CurrentUser reporter, ReportTargetType type, UUID targetId, String description) {
        ReportTargets.Target target = targets.visibleTo(reporter, type, targetId);
        Instant now = clock.instant();
        Report report = new Report(
                Ids.newId(),
                reporter.userId().value(),
                type,
                targetId,
                target.ownerUserId(),
                target.label(),
                description.strip(),
                ReportStatus.OPEN,
                null,
                null,
                null,
                null,
                null,
                null,
                1,
                now,
                now);
        try {
            transactions.executeWithoutResult(s -> {
                store.insert(report);
                store.appendHistory(
                        report.id(),
                        null,
                        ReportStatus.OPEN,
                        reporter.userId().value(),
                        reporter.role().name(),
                        null,
                        null,
                        now);
            });
        } catch (DuplicateKeyException e) {
            throw LyceumException.conflict(
                    "report.duplicate", "You already reported this; it is being handled. See your reports.");
        }
        return store.find(report.id()).orElseThrow();
    }

    PageResponse<Report> mine(CurrentUser reporter, PageQuery page) {
        return store.mine(reporter.userId().value(), page);
    }

    /** One of the caller's own reports; someone else's is 404. */
    Report mine(CurrentUser reporter, UUID id) {
        return store.find(id)
                .filter(r -> r.reporterId().equals(reporter.userId().value()))
                .orElseThrow(Reports::notFound);
    }

    // ---- admins

    PageResponse<Report> queue(ReportStore.Filter filter, PageQuery page, boolean oldestFirst) {
        return store.page(filter, page, oldestFirst);
    }

    Report get(UUID id) {
        return store.find(id).orElseThrow(Reports::notFound);
    }

    List<io.lyceum.shared.StateChange> history(UUID id) {
        return store.history(id);
    }

    Report assign(CurrentUser admin, UUID id, UUID assigneeId) {
        accounts.findUser(UserId.of(assigneeId))
                .filter(u -> u.active() && u.role().isStaff())
                .orElseThrow(() -> LyceumException.invalid(
                        "report.assignee_not_staff",
                        "Reports are assigned to an active admin or owner of the tenant.",
                        List.of(new FieldError("assigneeId", "an active admin or owner"))));
        return change(admin, id, report -> {
            if (!report.status().live()) {
                throw closed(report);
            }
            if (assigneeId.equals(report.assigneeId())) {
                return null; // already theirs: nothing to record
            }
            Instant now = clock.instant();
            store.assign(id, assigneeId, now);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("assigneeId", assigneeId.toString());
            if (report.assigneeId() != null) {
                details.put("previousAssigneeId", report.assigneeId().toString());
            }
            store.appendHistory(
                    id,
                    report.status(),
                    report.status(),
                    admin.userId().value(),
                    admin.role().name(),
                    null,
                    details,
                    now);
            return audit(
                    admin,
                    "REPORT_ASSIGNED",
                    report,
                    report.assigneeId() == null
                            ? Map.of()
                            : Map.of("assigneeId", report.assigneeId().toString()),
                    Map.of("assigneeId", assigneeId.toString()),
                    null,
                    now);
        });
    }

    Report investigate(CurrentUser admin, UUID id, @Nullable String note) {
        return change(admin, id, report -> {
            requireMove(report, ReportStatus.INVESTIGATING);
            Instant now = clock.instant();
            store.moveTo(id, ReportStatus.INVESTIGATING, now);
            if (report.assigneeId() == null) {
                store.assign(id, admin.userId().value(), now);
            }
            store.appendHistory(
                    id,
                    report.status(),
                    ReportStatus.INVESTIGATING,
                    admin.userId().value(),
                    admin.role().name(),
                    note,
                    null,
                    now);
            return audit(
                    admin,
                    "REPORT_INVESTIGATING",
                    report,
                    Map.of("status", report.status().name()),
                    Map.of("status", ReportStatus.INVESTIGATING.name()),
                    note,
                    now);
        });
    }

    /**
     * Closes the report with a resolution and applies it, all in one transaction.
     *
     * @param publicResolution what the reporter is told (optional)
     * @param adminNote internal, never shown to the reporter
     * @param message the text of the warning message for WARNED and CHANGES_REQUIRED (a default otherwise), and the
     *     reason recorded with a removal, suspension or ban
     */
    Report resolve(
            CurrentUser admin,
            UUID id,
            ReportResolution resolution,
            @Nullable String publicResolution,
            @Nullable String adminNote,
            @Nullable String message) {
        return change(admin, id, report -> {
            ReportStatus to = resolution.closesAs;
            requireMove(report, to);
            Instant now = clock.instant();
            Map<String, Object> done = new LinkedHashMap<>(effects.apply(admin, report, resolution, message));
            if (!store.close(
                    id,
                    to,
                    resolution,
                    publicResolution,
                    adminNote,
                    admin.userId().value(),
                    now)) {
                throw closed(report);
            }
            done.put("resolution", resolution.name());
            store.appendHistory(
                    id,
                    report.status(),
                    to,
                    admin.userId().value(),
                    admin.role().name(),
                    adminNote,
                    done,
                    now);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("status", to.name());
            after.put("resolution", resolution.name());
            after.put("targetType", report.targetType().name());
            after.put("targetId", report.targetId().toString());
            if (report.targetUserId() != null) {
                after.put("targetUserId", report.targetUserId().toString());
            }
            return audit(
                    admin,
                    "REPORT_RESOLVED",
                    report,
                    Map.of("status", report.status().name()),
                    after,
                    adminNote,
                    now);
        });
    }

    /** Runs an admin's change on the locked report in one transaction, then publishes its audit entry with it. */
    private Report change(CurrentUser admin, UUID id, java.util.function.Function<Report, AdministrativeAction> step) {
        return transactions.execute(s -> {
            Report report = store.lock(id).orElseThrow(Reports::notFound);
            AdministrativeAction action = step.apply(report);
            if (action != null) {
                events.publishEvent(action);
            }
            return store.find(id).orElseThrow();
        });
    }

    private AdministrativeAction audit(
            CurrentUser admin,
            String action,
            Report report,
            Map<String, Object> before,
            Map<String, Object> after,
            @Nullable String reason,
            Instant now) {
        return AdministrativeAction.of(
                TenantContext.require().value(),
                admin.userId().value(),
                action,
                SUBJECT,
                report.id(),
                before,
                after,
                clip(reason),
                now);
    }

    private static void requireMove(Report report, ReportStatus to) {
        if (!report.status().mayMoveTo(to)) {
            throw LyceumException.conflict(
                    "report.invalid_transition", "A report that is " + report.status() + " cannot become " + to + ".");
        }
    }

    private static LyceumException closed(Report report) {
        return LyceumException.conflict("report.invalid_transition", "The report is already " + report.status() + ".");
    }

    static LyceumException notFound() {
        return LyceumException.notFound("report.not_found", "No such report.");
    }

    /** A reason as the audit log and the modules' histories keep it: at most 1000 characters. */
    static @Nullable String clip(@Nullable String reason) {
        return reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 999) + "…";
    }
}
