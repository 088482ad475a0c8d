/**
 * Trust: the credibility score ("CaaS", seed 000) of every tutor and client, 0–100, computed by a strategy per kind of
 * subject from inputs the owning modules answer through their facades (catalog's profile facts, scheduling's records,
 * reviews' ratings), stored with its breakdown per component. Events that change an input enqueue a recalculation,
 * deduplicated per subject; a worker drains the queue on the scheduler and through the internal worker endpoint
 * guarded by a shared secret. Tutors' scores go to the catalog for search ({@code CatalogApi.recordTutorScore}).
 */
@NullMarked
@ApplicationModule(
        displayName = "Trust",
        allowedDependencies = {"shared", "platform", "tenancy", "accounts", "catalog", "scheduling", "reviews"})
package io.lyceum.trust;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
