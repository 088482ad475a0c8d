/**
 * Catalog: subjects and categories, tutor profiles and their approval workflow, favorites. Other modules ask
 * {@link io.lyceum.catalog.CatalogApi} whether a tutor is approved and listen to the profile events
 * ({@code TutorApproved}, {@code TutorSuspended}, ...).
 */
@NullMarked
@ApplicationModule(
        displayName = "Catalog",
        allowedDependencies = {"shared", "platform", "tenancy", "accounts", "mail"})
package io.lyceum.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
