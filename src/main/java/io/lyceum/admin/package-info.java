/**
 * Admin: issues and reports, disputes desk, moderation log, analytics, owner metrics, the audit log and outgoing
 * webhooks. The audit log records administrative actions that other modules announce as events (accounts'
 * {@code AccountAdministered}, tenancy's {@code TenantCreated} and {@code TenantUpdated}, billing's {@code CommissionTiersChanged} and
 * {@code ReconciliationDifferencesFound}); those modules do not depend on this one.
 */
@ApplicationModule(
        displayName = "Admin",
        allowedDependencies = {
            "shared",
            "platform",
            "tenancy",
            "accounts",
            "billing",
            "catalog",
            "scheduling",
            "messaging"
        })
package io.lyceum.admin;

import org.springframework.modulith.ApplicationModule;
