package io.lyceum.scheduling;

import io.lyceum.shared.Money;
import io.lyceum.shared.StateChange;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Request and response bodies of the booking routes. */
final class BookingViews {

    private BookingViews() {}

    record PlaceRequest(
            @NotNull UUID tutorId,

            @Schema(description = "the subject of the lesson; may be omitted when the tutor teaches one subject")
            @Nullable
            UUID subjectId,

            @Schema(
                    description = "PRIMARY, GCSE, A_LEVEL, IB, UNIVERSITY or ADULT; may be omitted when the tutor "
                            + "teaches the subject at one level. The price is the subject's price at this level for "
                            + "60 minutes, scaled to durationMinutes (see GET /api/v1/tutors/{id}/available-slots "
                            + "for the exact quote)")
            @Size(max = 20)
            @Nullable
            String level,

            @Schema(description = "ISO-8601 instant on a whole minute, one of the tutor's free start times") @NotNull
            Instant startsAt,

            @Schema(description = "A lesson length the tutor offers") @NotNull @Min(5) @Max(600)
            Integer durationMinutes,

            @Schema(description = "A trial lesson at the tutor's trial price; one per student and tutor") @Nullable
            Boolean trial,

            @Size(max = 2000) @Nullable String note,

            @Schema(description = "GUARDIAN: the linked student the lesson is for (optional with exactly one link)")
            @Nullable
            UUID studentId) {

        Bookings.NewBooking command() {
            return new Bookings.NewBooking(
                    tutorId, subjectId, level, startsAt, durationMinutes, Boolean.TRUE.equals(trial), note, studentId);
        }
    }

    record ReasonRequest(@NotBlank @Size(max = 1000) String reason) {}

    record OptionalReasonRequest(@Size(max = 1000) @Nullable String reason) {}

    record RescheduleRequest(@NotNull Instant startsAt) {}

    record AssignStudentRequest(@NotNull UUID studentId) {}

    record ResolveRequest(
            @NotNull DisputeOutcome outcome,

            @Schema(description = "SPLIT only: the percentage of the price refunded to the student (1-99)")
            @Min(1)
            @Max(99)
            @Nullable
            Integer studentSharePercent,

            @NotBlank @Size(max = 1000) String note) {}

    static StateChange history(BookingStore.HistoryEntry e) {
        return new StateChange(
                StateChange.name(e.fromState()),
                e.toState().name(),
                e.occurredAt(),
                e.actorId(),
                e.actorRole(),
                e.reason(),
                e.details().isEmpty() ? null : e.details());
    }

    record BookingView(
            UUID id,
            UUID tutorId,
            UUID studentId,
            UUID bookedBy,
            UUID subjectId,
            @Nullable String level,
            boolean trial,
            Instant startsAt,
            Instant endsAt,
            int durationMinutes,
            BookingState state,
            Money price,
            @Nullable String note,

            @Schema(description = "PENDING_PAYMENT: when the hold on the slot ends") @Nullable
            Instant holdExpiresAt,

            boolean confirmationRequired,

            @Schema(description = "REQUESTED: the tutor's deadline to confirm") @Nullable
            Instant confirmBy,

            int rescheduleCount,
            int reschedulesLeft,
            Instant freeCancellationUntil,
            Instant rescheduleUntil,
            PolicyView cancellationPolicy,
            long version,
            Instant createdAt,
            Instant updatedAt,

            @Schema(description = "Only on GET /api/v1/bookings/{id}") @Nullable
            List<StateChange> history) {

        /** The booking as listed (no history). */
        static BookingView of(Booking b, Bookings bookings) {
            return of(b, bookings.policyOf(b), bookings.confirmBy(b), null);
        }

        static BookingView of(
                Booking b, CancellationPolicy policy, Instant confirmBy, @Nullable List<StateChange> history) {
            return new BookingView(
                    b.id(),
                    b.tutorId(),
                    b.studentId(),
                    b.bookedBy(),
                    b.subjectId(),
                    b.level(),
                    b.trial(),
                    b.startsAt(),
                    b.endsAt(),
                    b.durationMinutes(),
                    b.state(),
                    b.price(),
                    b.note(),
                    b.holdExpiresAt(),
                    b.confirmationRequired(),
                    b.state() == BookingState.REQUESTED ? confirmBy : null,
                    b.rescheduleCount(),
                    policy.reschedulesLeft(b.rescheduleCount()),
                    policy.freeCancellationUntil(b.startsAt()),
                    policy.rescheduleUntil(b.startsAt()),
                    PolicyView.of(policy),
                    b.version(),
                    b.createdAt(),
                    b.updatedAt(),
                    history);
        }
    }

    /** A policy, or a tutor's overrides of it (a field the tutor does not override is absent). */
    record PolicyView(
            @Nullable Integer freeCancellationHours,
            @Nullable Integer lateFeePercent,
            @Nullable Integer rescheduleUntilHours,
            @Nullable Integer maxReschedules) {

        static PolicyView of(CancellationPolicy p) {
            return new PolicyView(
                    p.freeCancellationHours(), p.lateFeePercent(), p.rescheduleUntilHours(), p.maxReschedules());
        }

        static PolicyView of(PolicyStore.Override o) {
            return new PolicyView(
                    o.freeCancellationHours(), o.lateFeePercent(), o.rescheduleUntilHours(), o.maxReschedules());
        }
    }

    /** The tenant's policy; every field required. */
    record PolicyRequest(
            @NotNull @Min(0) @Max(CancellationPolicy.MAX_HOURS)
            Integer freeCancellationHours,

            @NotNull @Min(0) @Max(100) Integer lateFeePercent,

            @NotNull @Min(0) @Max(CancellationPolicy.MAX_HOURS)
            Integer rescheduleUntilHours,

            @NotNull @Min(0) @Max(CancellationPolicy.MAX_RESCHEDULES)
            Integer maxReschedules) {

        CancellationPolicy policy() {
            return new CancellationPolicy(freeCancellationHours, lateFeePercent, rescheduleUntilHours, maxReschedules);
        }
    }

    /** A tutor's overrides; a null field inherits the tenant's value. */
    record TutorPolicyRequest(
            @Min(0) @Max(CancellationPolicy.MAX_HOURS) @Nullable
            Integer freeCancellationHours,

            @Min(0) @Max(100) @Nullable Integer lateFeePercent,

            @Min(0) @Max(CancellationPolicy.MAX_HOURS) @Nullable
            Integer rescheduleUntilHours,

            @Min(0) @Max(CancellationPolicy.MAX_RESCHEDULES) @Nullable
            Integer maxReschedules) {

        PolicyStore.Override override() {
            return new PolicyStore.Override(
                    freeCancellationHours, lateFeePercent, rescheduleUntilHours, maxReschedules);
        }
    }

    record TutorPolicyView(
            @Schema(description = "The tutor's own values; null inherits the tenant's")
            PolicyView overrides,

            @Schema(description = "The policy new bookings with this tutor get")
            PolicyView effective) {}
}
