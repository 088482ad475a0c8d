/**
 * Billing: orders (one model for everything a user pays: a booking, a package, an enrollment, an invoice), the payment
 * provider port with its sandbox and Stripe adapters, incoming payment webhooks, refunds, packages and credits,
 * course-pack enrollments, the double-entry ledger, commission, wallets and payouts, invoices and quotes.
 *
 * <p>Billing depends on scheduling and catalog, never the reverse: it listens to scheduling's booking events and
 * answers with {@link io.lyceum.scheduling.BookingPaymentSucceeded} / {@link io.lyceum.scheduling.BookingPaymentFailed},
 * and implements the catalog's {@link io.lyceum.catalog.CoursePackEnrollments}.
 */
@ApplicationModule(
        displayName = "Billing",
        allowedDependencies = {"shared", "platform", "tenancy", "accounts", "catalog", "scheduling", "mail"})
package io.lyceum.billing;

import org.springframework.modulith.ApplicationModule;
