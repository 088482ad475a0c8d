package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A booking was placed. When {@code state} is {@link BookingState#PENDING_PAYMENT} the slot is held until
 * {@code holdExpiresAt} and billing is expected to answer with {@link BookingPaymentSucceeded} or
 * {@link BookingPaymentFailed}; free bookings are placed straight as REQUESTED or CONFIRMED. A lesson of a course
 * pack enrollment carries {@code coursePackId}: billing takes its payment through the enrollment's order, so no order
 * of its own is opened for it.
 */
public record BookingPlaced(
        TenantId tenantId,
        BookingId bookingId,
        TutorId tutorId,
        UserId studentId,
        UUID bookedBy,
        Instant startsAt,
        Instant endsAt,
        Money price,
        boolean trial,
        BookingState state,
        @Nullable Instant holdExpiresAt,
        Instant occurredAt,
        @Nullable CoursePackId coursePackId)
        implements TenantEvent {}
