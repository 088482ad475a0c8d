/**
 * Billing's payment provider port: {@link io.lyceum.billing.provider.PaymentProvider} (payments, refunds, payouts,
 * saved cards, the provider's events), its {@link io.lyceum.billing.provider.ProviderException}, the problem answers
 * for provider refusals, the charge limits, the parsing and signature check of Stripe-shaped events, and the Stripe
 * adapter.
 *
 * <p>The bottom of billing: payments, the ledger's payouts and documents call the port; the sandbox implements it.
 * It knows no other part of billing.
 */
@NullMarked
@ApplicationModule(
        displayName = "Billing: provider port",
        allowedDependencies = {"billing", "shared"})
package io.lyceum.billing.provider;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
