package io.lyceum.billing;

import io.lyceum.shared.Money;
import io.lyceum.shared.OrderId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A payment provider took an order's money (published once per order, in the transaction that records the payment).
 *
 * @param orderKind what the order pays for: {@code BOOKING}, {@code PACKAGE}, {@code ENROLLMENT} or {@code INVOICE}
 * @param referenceId the id of that thing (the booking, the package purchase, the enrollment, the invoice)
 * @param studentId whom it is for, when that is a student (null otherwise)
 * @param tutorId who earns from it, when that is a tutor (null otherwise)
 * @param description the order's description, as the payer saw it
 */
public record PaymentSucceeded(
        TenantId tenantId,
        OrderId orderId,
        String orderKind,
        UUID referenceId,
        UUID payerId,
        @Nullable UserId studentId,
        @Nullable TutorId tutorId,
        String description,
        Money amount,
        Instant occurredAt)
        implements TenantEvent {}
