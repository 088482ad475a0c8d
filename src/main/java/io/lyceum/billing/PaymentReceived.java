package io.lyceum.billing;

import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * An order was paid (a lesson, a package of credits, a course pack enrollment, an invoice): the payer's receipt.
 *
 * @param kind the order's kind ({@code BOOKING}, {@code PACKAGE}, {@code ENROLLMENT}, {@code INVOICE}, ...)
 * @param referenceId what was bought (the booking, package, enrollment or invoice)
 */
public record PaymentReceived(
        TenantId tenantId,
        UUID orderId,
        String kind,
        UUID referenceId,
        UUID payerId,
        UUID studentId,
        UUID tutorId,
        String description,
        Money amount,
        Instant occurredAt)
        implements TenantEvent {}
