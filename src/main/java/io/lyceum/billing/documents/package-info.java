/**
 * Billing's documents: quotes and invoices (numbering, totals, issue, payment through an order of kind
 * {@code INVOICE}), their PDFs, the document mail and the timers that mark invoices overdue and quotes expired.
 *
 * <p>Uses payments (an invoice is paid through an order: {@code Checkout}, {@code Orders}, {@code OrderFulfilment}),
 * the ledger (an invoice's postings) and the provider port ({@code ChargeLimits}); no other part of billing uses it.
 */
@NullMarked
@ApplicationModule(
        displayName = "Billing: documents",
        allowedDependencies = {
            "billing",
            "billing.payments",
            "billing.ledger",
            "billing.provider",
            "shared",
            "platform",
            "tenancy",
            "accounts",
            "scheduling",
            "mail"
        })
package io.lyceum.billing.documents;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
