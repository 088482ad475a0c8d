/**
 * Admin: issues and reports, disputes desk, moderation log, analytics, owner metrics, the audit log and outgoing
 * webhooks. The audit log records administrative actions that other modules announce as events (accounts'
 * {@code AccountAdministered}, tenancy's {@code TenantCreated} and {@code TenantUpdated}, billing's {@code CommissionTiersChanged} and
 * {@code ReconciliationDifferencesFound}; catalog, scheduling, billing, messaging and reviews publish
 * {@code platform.AdministrativeAction}); those modules do not depend on this one. The admin desk (reports, the
 * disputes desk) reads and acts through the other modules' facades; see docs/admin-desk.md.
 */
@NullMarked
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
            "messaging",
            "reviews"
        })
package io.lyceum.admin;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
