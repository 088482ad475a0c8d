/**
 * Billing's payments: orders (one model for everything a user pays: a booking, a package, an enrollment, an invoice)
 * and their fulfilment ({@link io.lyceum.billing.payments.OrderFulfilment}, implemented by offers and documents),
 * checkout and payment attempts, incoming payment webhooks and their outcomes, refunds, saved payment methods, the
 * recovery job for attempts left open, reconciliation with the provider, the tutor's earnings from a lesson (they
 * refund payers through orders and refunds), and the booking's order: it listens to scheduling's booking events and
 * answers with {@link io.lyceum.scheduling.BookingPaymentSucceeded} / {@link io.lyceum.scheduling.BookingPaymentFailed}.
 *
 * <p>Uses the ledger (every payment, refund and earning is posted there, payouts are recovered here) and the provider
 * port; offers and documents sell through it.
 */
@NullMarked
@ApplicationModule(
        displayName = "Billing: payments",
        allowedDependencies = {
            "billing",
            "billing.provider",
            "billing.ledger",
            "shared",
            "platform",
            "tenancy",
            "accounts",
            "scheduling"
        })
package io.lyceum.billing.payments;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
