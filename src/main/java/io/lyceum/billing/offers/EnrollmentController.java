package io.lyceum.billing.offers;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.billing.offers.EnrollmentViews.AdminRefundRequest;
import io.lyceum.billing.offers.EnrollmentViews.CancelRequest;
import io.lyceum.billing.offers.EnrollmentViews.DecisionRequest;
import io.lyceum.billing.offers.EnrollmentViews.EnrollRequest;
import io.lyceum.billing.offers.EnrollmentViews.EnrollmentView;
import io.lyceum.billing.offers.EnrollmentViews.RefundRequestBody;
import io.lyceum.billing.offers.EnrollmentViews.RefundRequestView;
import io.lyceum.billing.offers.PurchaseViews.AdminRefundView;
import io.lyceum.billing.offers.PurchaseViews.PaymentView;
import io.lyceum.billing.offers.PurchaseViews.RefundView;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(
        name = "Billing: enrollments",
        description =
                "Course-pack enrollments, refund requests and admin refunds; see docs/packages-and-enrollments.md.")
class EnrollmentController {

    private final Enrollments enrollments;
    private final RefundRequests requests;

    EnrollmentController(Enrollments enrollments, RefundRequests requests) {
        this.enrollments = enrollments;
        this.requests = requests;
    }

    @PostMapping("/api/v1/enrollments")
    @PreAuthorize("hasAnyRole('STUDENT', 'GUARDIAN')")
    @Operation(
            summary = "Enroll in a course pack",
            description = "A student for themself, a guardian for a linked student (`studentId`). Books the pack's "
                    + "lessons (FLEXIBLE packs: one start per lesson in `lessonStarts`; STRICT packs: the pack's "
                    + "fixed dates, `lessonStarts` empty) as PENDING_PAYMENT, held for the payment window (60 "
                    + "minutes), and opens the enrollment's order (`orderId`): pay it through checkout. Unpaid "
                    + "enrollments are cancelled after the window and free their slots. Send an `Idempotency-Key`. "
                    + "Errors: 404 `enrollment.pack_not_found`; 409 `enrollment.pack_closed`, "
                    + "`enrollment.preliminary_meeting_required`, `enrollment.already_enrolled`, "
                    + "`enrollment.pack_not_bookable`, `booking.slot_unavailable` / `booking.student_busy` / "
                    + "`booking.slot_not_offered` (naming the start); 422 `enrollment.lesson_count`, "
                    + "`enrollment.fixed_dates`, `enrollment.duplicate_start`.")
    @ApiResponse(responseCode = "201", description = "Enrolled, waiting for payment (ACTIVE for a free pack)")
    ResponseEntity<EnrollmentView> enroll(
            @AuthenticationPrincipal CurrentUser user, @Valid @RequestBody EnrollRequest body) {
        Enrollments.Detail detail =
                enrollments.enroll(user, body.coursePackId(), body.lessonStarts(), body.studentId());
        return ResponseEntity.created(
                        URI.create("/api/v1/enrollments/" + detail.enrollment().id()))
                .body(EnrollmentView.of(detail));
    }

    @GetMapping("/api/v1/enrollments")
    @Operation(
            summary = "Enrollments",
            description = "Students see theirs, guardians their linked students', tutors those in their packs, "
                    + "admins all. Filters: `status` (PENDING, ACTIVE, COMPLETED, CANCELLED), `coursePackId`.")
    PageResponse<EnrollmentView> list(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) EnrollmentStore.Status status,
            @RequestParam(required = false) UUID coursePackId,
            @Parameter(hidden = true) PageQuery page) {
        return enrollments.list(user, status, coursePackId, page).map(EnrollmentView::summary);
    }

    @GetMapping("/api/v1/enrollments/{id}")
    @Operation(
            summary = "One enrollment",
            description = "With its lessons (and their booking states), payment, refund request and history. Its "
                    + "student, their guardians, its tutor and admins; 404 for anyone else.")
    EnrollmentView get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return EnrollmentView.of(enrollments.get(user, id));
    }

    @PostMapping("/api/v1/enrollments/{id}/cancel")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Force-cancel an enrollment",
            description = "Admin. A pending enrollment is cancelled (its order too); an active one has its unused "
                    + "lessons cancelled and refunded pro rata. 409 `enrollment.illegal_transition` when completed or "
                    + "cancelled already.")
    EnrollmentView cancel(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody CancelRequest body) {
        return EnrollmentView.of(enrollments.adminCancel(user, id, body.reason()));
    }

    @PostMapping("/api/v1/enrollments/{id}/refund-requests")
    @PreAuthorize("hasAnyRole('STUDENT', 'GUARDIAN')")
    @Operation(
            summary = "Request a refund",
            description = "The student or their guardian, once per enrollment, only while exactly one lesson is "
                    + "completed: approved at once, the unused lessons are cancelled and price × unused / total "
                    + "(rounded down) is refunded. When the first lesson had a tutor no-show or is disputed and none "
                    + "is completed, the request waits (PENDING) for an admin. Errors: 409 `refund.not_eligible`, "
                    + "`refund.already_requested`.")
    @ApiResponse(responseCode = "201", description = "Requested (AUTO_APPROVED or PENDING)")
    ResponseEntity<RefundRequestView> requestRefund(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody RefundRequestBody body) {
        EnrollmentStore.RefundRequest request = requests.request(user, id, body.reason());
        return ResponseEntity.created(URI.create("/api/v1/refund-requests/" + request.id()))
                .body(RefundRequestView.of(request));
    }

    @GetMapping("/api/v1/refund-requests")
    @Operation(
            summary = "Refund requests",
            description = "Students see theirs, guardians their linked students', tutors those on their packs, admins "
                    + "all. Filter `status` (PENDING, APPROVED, REJECTED, AUTO_APPROVED).")
    PageResponse<RefundRequestView> refundRequests(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String status,
            @Parameter(hidden = true) PageQuery page) {
        return requests.list(user, status == null ? null : status.toUpperCase(java.util.Locale.ROOT), page)
                .map(RefundRequestView::of);
    }

    @GetMapping("/api/v1/refund-requests/{id}")
    @Operation(
            summary = "One refund request",
            description = "Parties of the enrollment and admins; anyone else gets 404 `refund.not_found`.")
    RefundRequestView refundRequest(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return RefundRequestView.of(requests.get(user, id));
    }

    @PatchMapping("/api/v1/refund-requests/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Approve or reject a pending refund request",
            description =
                    "Admin. APPROVE refunds the unused lessons pro rata and cancels the enrollment; REJECT "
                            + "closes the request. 404 `refund.not_found`; 409 `refund.not_pending` for requests already decided.")
    RefundRequestView decide(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody DecisionRequest body) {
        return RefundRequestView.of(requests.decide(user, id, body.decision(), body.adminNote()));
    }

    @PostMapping("/api/v1/payments/refund")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Refund an order (admin)",
            description = "`orderId` or `enrollmentId`, optional `amount` (Money in the order's currency, positive;"
                    + " default: the unused part), "
                    + "`reason`. An enrollment is cancelled and its unused lessons refunded; a package's unused "
                    + "credits are refunded; a booking's payment is refunded from the prepayment. Send an "
                    + "`Idempotency-Key`. Errors: 404; 409 `refund.not_paid`, `refund.nothing_to_refund`; 422 "
                    + "`refund.exceeds_payment` above what is left of the payment, `refund.target_required`, "
                    + "`refund.invalid_amount` (not positive or not the order's currency).")
    @ApiResponse(responseCode = "201", description = "Refunded")
    ResponseEntity<AdminRefundView> adminRefund(
            @AuthenticationPrincipal CurrentUser user, @Valid @RequestBody AdminRefundRequest body) {
        RefundRequests.AdminRefund made =
                requests.adminRefund(user, body.orderId(), body.enrollmentId(), body.amount(), body.reason());
        return ResponseEntity.status(201)
                .body(new AdminRefundView(RefundView.of(made.refund()), PaymentView.of(made.order())));
    }
}
