/**
 * Billing: everything a user pays and everything a tutor earns, in six nested application modules. This top package is
 * billing's API to the rest of the application and the part every nested module may use: the facades other modules
 * call ({@link io.lyceum.billing.BillingToolsApi}, {@link io.lyceum.billing.BillingReporting}), the public events
 * ({@link io.lyceum.billing.PaymentSucceeded}, {@link io.lyceum.billing.RefundSettled},
 * {@link io.lyceum.billing.PayoutCompleted}, ...), the payment settings, the personal-data export and the tenant-row
 * helper. It depends on none of its parts.
 *
 * <ul>
 *   <li>{@code billing.provider}: the payment provider port and the Stripe adapter; uses nothing else of billing;
 *   <li>{@code billing.sandbox}: the sandbox provider (a Stripe emulator) and the payments start-up check; uses the
 *       provider port;
 *   <li>{@code billing.ledger}: the double-entry ledger, commission, wallets, withdrawals and payouts, reports; uses
 *       the provider port (payouts);
 *   <li>{@code billing.payments}: orders, checkout, payment attempts, webhooks, refunds, payment methods, recovery,
 *       reconciliation, earnings and the booking's order; uses the ledger and the provider port;
 *   <li>{@code billing.offers}: packages and credits, course-pack enrollments and refund requests; uses payments and
 *       the ledger;
 *   <li>{@code billing.documents}: quotes, invoices, their PDFs, mail and timers; uses payments, the ledger and the
 *       provider port.
 * </ul>
 *
 * <p>Spring Modulith verifies the parts like modules ({@code ModularityTests}): a part's public types in its base
 * package are what its parent and siblings may use, each declares the parts it uses, and no cycle is allowed between
 * the parts or with this package. Other modules see only this package. The dependencies below are this package's
 * own; each part declares its own, and together billing uses shared, platform, tenancy, accounts, catalog, scheduling
 * and mail.
 *
 * <p>Billing depends on scheduling and catalog, never the reverse: it listens to scheduling's booking events and
 * answers with {@link io.lyceum.scheduling.BookingPaymentSucceeded} / {@link io.lyceum.scheduling.BookingPaymentFailed},
 * and implements the catalog's {@link io.lyceum.catalog.CoursePackEnrollments}.
 */
@NullMarked
@ApplicationModule(
        displayName = "Billing",
        allowedDependencies = {"shared", "platform", "tenancy", "accounts"})
package io.lyceum.billing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
