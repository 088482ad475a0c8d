package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * An admin resolved a dispute; billing settles the money: {@code studentRefund} back to the payer, {@code tutorAmount}
 * to the tutor, always {@code studentRefund + tutorAmount = price}.
 */
public record BookingDisputeResolved(
        TenantId tenantId,
        BookingId bookingId,
        TutorId tutorId,
        UserId studentId,
        DisputeOutcome outcome,
        Money price,
        Money studentRefund,
        Money tutorAmount,
        UUID adminId,
        String note,
        Instant occurredAt)
        implements TenantEvent {}
