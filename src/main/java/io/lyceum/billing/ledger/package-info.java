/**
 * Billing's ledger: the double-entry journal ({@link io.lyceum.billing.ledger.Ledger}) and its account types, the
 * commission schedule and its admin routes, wallets (balances and transactions), tutors' payout accounts and
 * withdrawals (payouts through the provider port), and the reports other modules read
 * ({@link io.lyceum.billing.BillingReporting}).
 *
 * <p>The lowest part of billing besides the provider port: it knows nothing of orders, packages or invoices, which
 * post to it.
 */
@NullMarked
@ApplicationModule(
        displayName = "Billing: ledger",
        allowedDependencies = {"billing", "billing.provider", "shared", "tenancy", "accounts", "scheduling"})
package io.lyceum.billing.ledger;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
