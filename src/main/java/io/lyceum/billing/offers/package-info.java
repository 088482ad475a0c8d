/**
 * Billing's offers: lesson packages with their credits, course-pack enrollments, and the refund requests learners
 * make for them. Both are sold through payments' orders ({@code OrderFulfilment}) and post to the ledger; a package
 * lesson taught earns the tutor through payments' {@code Earnings}. Implements the catalog's
 * {@link io.lyceum.catalog.CoursePackEnrollments}.
 */
@NullMarked
@ApplicationModule(
        displayName = "Billing: offers",
        allowedDependencies = {
            "billing",
            "billing.payments",
            "billing.ledger",
            "shared",
            "platform",
            "tenancy",
            "accounts",
            "catalog",
            "scheduling"
        })
package io.lyceum.billing.offers;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
