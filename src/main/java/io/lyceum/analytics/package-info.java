/**
 * Analytics: the admins' dashboards, the owner's business metrics and the analytics reports (CSV files generated in the
 * background). It owns no business data: every figure is computed in SQL by the module that owns the rows and read
 * through that module's reporting interface ({@code AccountsReporting}, {@code CatalogReporting}, {@code
 * SchedulingReporting}, {@code BillingReporting}); this module composes them in the tenant's time zone. It keeps only
 * its own report requests and their files.
 */
@NullMarked
@ApplicationModule(
        displayName = "Analytics",
        allowedDependencies = {"shared", "platform", "tenancy", "accounts", "catalog", "scheduling", "billing"})
package io.lyceum.analytics;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
