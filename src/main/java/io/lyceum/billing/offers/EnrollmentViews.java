package io.lyceum.billing.offers;

import io.lyceum.billing.offers.EnrollmentStore.Enrollment;
import io.lyceum.billing.offers.EnrollmentStore.RefundRequest;
import io.lyceum.shared.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The enrollment and refund routes' request and response bodies. */
final class EnrollmentViews {

    private EnrollmentViews() {}

    record EnrollRequest(
            @NotNull UUID coursePackId,
            @Size(max = 100) @Nullable List<@NotNull Instant> lessonStarts,
            @Nullable UUID studentId) {}

    record CancelRequest(@NotBlank @Size(max = 500) String reason) {}

    record RefundRequestBody(@NotBlank @Size(max = 1000) String reason) {}

    record DecisionRequest(
            @NotNull RefundRequests.Decision decision,
            @NotBlank @Size(max = 1000) String adminNote) {}

    record AdminRefundRequest(
            @Nullable UUID orderId,
            @Nullable UUID enrollmentId,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "the amount to refund, in the order's currency; default the unused part")
            @Nullable
            Money amount,

            @NotBlank @Size(max = 500) String reason) {}

    record LessonView(
            int position,
            UUID bookingId,
            Instant startsAt,
            Money share,
            @Nullable String bookingState) {}

    // Named apart: several modules have a HistoryView, and same-named records would share one schema.
    @Schema(name = "EnrollmentHistoryEntry")
    record HistoryView(
            @Nullable String fromStatus,
            String toStatus,
            @Nullable UUID actorId,
            String actorRole,
            @Nullable String reason,
            @Nullable Map<String, Object> details,
            Instant occurredAt) {}

    record EnrollmentView(
            UUID id,
            UUID coursePackId,
            @Nullable String coursePackTitle,
            UUID tutorId,
            UUID studentId,
            UUID enrolledBy,
            String status,
            String paymentStatus,
            String refundStatus,
            Money price,
            Money refunded,
            int lessonCount,
            @Nullable UUID orderId,
            Instant paymentDeadline,
            @Nullable Instant enrolledAt,
            @Nullable Instant completedAt,
            @Nullable Instant cancelledAt,
            @Nullable String cancelReason,
            Instant createdAt,
            @Nullable List<LessonView> lessons,
            PurchaseViews.@Nullable PaymentView payment,
            @Nullable RefundRequestView refundRequest,
            @Nullable List<HistoryView> history) {

        static EnrollmentView summary(Enrollment e) {
            return of(e, null, null, null, null, null);
        }

        static EnrollmentView of(Enrollments.Detail d) {
            return of(
                    d.enrollment(),
                    d.coursePackTitle(),
                    d.lessons().stream()
                            .map(l -> new LessonView(
                                    l.lesson().position(),
                                    l.lesson().bookingId(),
                                    l.lesson().startsAt(),
                                    l.lesson().share(),
                                    l.state() == null ? null : l.state().name()))
                            .toList(),
                    PurchaseViews.PaymentView.of(d.order()),
                    d.refundRequest() == null ? null : RefundRequestView.of(d.refundRequest()),
                    d.history().stream()
                            .map(h -> new HistoryView(
                                    h.fromStatus(),
                                    h.toStatus(),
                                    h.actorId(),
                                    h.actorRole(),
                                    h.reason(),
                                    h.details(),
                                    h.occurredAt()))
                            .toList());
        }

        private static EnrollmentView of(
                Enrollment e,
                @Nullable String title,
                @Nullable List<LessonView> lessons,
                PurchaseViews.@Nullable PaymentView payment,
                @Nullable RefundRequestView request,
                @Nullable List<HistoryView> history) {
            return new EnrollmentView(
                    e.id(),
                    e.coursePackId(),
                    title,
                    e.tutorId(),
                    e.studentId(),
                    e.enrolledBy(),
                    e.status().name(),
                    e.paymentStatus(),
                    e.refundStatus(),
                    e.price(),
                    e.refunded(),
                    e.lessons(),
                    e.orderId(),
                    e.paymentDeadline(),
                    e.enrolledAt(),
                    e.completedAt(),
                    e.cancelledAt(),
                    e.cancelReason(),
                    e.createdAt(),
                    lessons,
                    payment,
                    request,
                    history);
        }
    }

    record RefundRequestView(
            UUID id,
            UUID enrollmentId,
            UUID requestedBy,
            String status,
            String reason,
            boolean firstLessonCompleted,
            @Nullable Money amount,
            @Nullable UUID refundId,
            @Nullable String adminNote,
            @Nullable UUID processedBy,
            Instant requestedAt,
            @Nullable Instant processedAt) {

        static RefundRequestView of(RefundRequest r) {
            return new RefundRequestView(
                    r.id(),
                    r.enrollmentId(),
                    r.requestedBy(),
                    r.status(),
                    r.reason(),
                    r.firstLessonCompleted(),
                    r.amount(),
                    r.refundId(),
                    r.adminNote(),
                    r.processedBy(),
                    r.requestedAt(),
                    r.processedAt());
        }
    }
}
