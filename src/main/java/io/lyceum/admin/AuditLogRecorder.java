package io.lyceum.admin;

import io.lyceum.accounts.AccountAdministered;
import io.lyceum.billing.CommissionTiersChanged;
import io.lyceum.billing.ReconciliationDifferencesFound;
import io.lyceum.tenancy.TenantCreated;
import io.lyceum.tenancy.TenantUpdated;
import java.util.Map;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Writes the audit log from other modules' events. The listeners run after the action's transaction commits, on the
 * JDBC event publication registry: an event is stored with the action and retried until recorded, so an entry is
 * never lost to a crash, and recording is idempotent for redeliveries. Each entry is one INSERT, made with the
 * event's tenant bound by the tenancy module (every listener of a TenantEvent is), so row-level security applies as
 * everywhere else.
 */
@Component
class AuditLogRecorder {

    static final String USER = "USER";
    static final String TENANT = "TENANT";
    static final String RECONCILIATION_RUN = "RECONCILIATION_RUN";

    private final AuditLogStore store;

    AuditLogRecorder(AuditLogStore store) {
        this.store = store;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(AccountAdministered event) {
        store.append(
                event.actorId(),
                event.action(),
                USER,
                event.subjectUserId().value(),
                event.before(),
                event.after(),
                event.reason(),
                event.requestId(),
                event.occurredAt());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(TenantCreated event) {
        store.append(
                null,
                "TENANT_CREATED",
                TENANT,
                event.tenantId().value(),
                null,
                Map.of("slug", event.slug(), "name", event.name()),
                null,
                event.requestId(),
                event.occurredAt());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(TenantUpdated event) {
        store.append(
                event.actorId(),
                "TENANT_UPDATED",
                TENANT,
                event.tenantId().value(),
                event.before(),
                event.after(),
                null,
                event.requestId(),
                event.occurredAt());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(CommissionTiersChanged event) {
        store.append(
                event.actorId(),
                "COMMISSION_TIERS_UPDATED",
                TENANT,
                event.tenantId().value(),
                event.before(),
                event.after(),
                null,
                null,
                event.occurredAt());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(ReconciliationDifferencesFound event) {
        Map<String, Object> after = new java.util.LinkedHashMap<>();
        after.put("runId", event.runId().toString());
        after.put("windowFrom", event.windowFrom().toString());
        after.put("windowTo", event.windowTo().toString());
        after.put("differences", event.differences());
        after.put("countsByKind", event.countsByKind());
        store.append(
                event.requestedBy(),
                "PAYMENTS_RECONCILIATION_DIFFERENCES",
                RECONCILIATION_RUN,
                event.runId(),
                null,
                after,
                event.differences() + " difference(s) between the ledger and the payment provider",
                null,
                event.occurredAt());
    }

    /** Tutor decisions, admin cancellations, dispute decisions and refunds, announced by the module that made them. */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(io.lyceum.platform.AdministrativeAction event) {
        store.append(
                event.actorId(),
                event.action(),
                event.subjectType(),
                event.subjectId(),
                event.before(),
                event.after(),
                event.reason(),
                event.requestId(),
                event.occurredAt());
    }
}
