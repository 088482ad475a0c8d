package io.lyceum.reviews;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;

/** A tutor rated the student of a lesson privately (the rating itself stays in this module). */
public record StudentRated(
        TenantId tenantId, BookingId bookingId, TutorId tutorId, UserId studentId, Instant occurredAt)
        implements TenantEvent {}
