package io.lyceum.billing.offers;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.billing.offers.PackageViews.OfferRequest;
import io.lyceum.billing.offers.PackageViews.OfferView;
import io.lyceum.billing.offers.PackageViews.PackageView;
import io.lyceum.billing.offers.PackageViews.PurchaseRequest;
import io.lyceum.billing.offers.PackageViews.RefundRequest;
import io.lyceum.billing.offers.PackageViews.UseCreditRequest;
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
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Billing: packages", description = "Lesson packages and credits; see docs/packages-and-enrollments.md.")
class PackageController {

    private final Packages packages;

    PackageController(Packages packages) {
        this.packages = packages;
    }

    @PostMapping("/api/v1/tutors/me/package-offers")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(
            summary = "Offer a package",
            description = "An approved tutor offers `lessons` (2..50) lessons of a subject (at a level) and length, "
                    + "either `discountPercent` (0..50) off the single-lesson price of their published terms or a "
                    + "`price` (Money in the tutor's currency) between half and all of it. Errors: 409 `package.tutor_not_approved`; 422 "
                    + "`package.subject_not_taught`, `package.price_required`, `package.invalid_price`.")
    @ApiResponse(responseCode = "201", description = "Offered")
    ResponseEntity<OfferView> offer(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody OfferRequest body) {
        PackageStore.Offer offer = packages.createOffer(user, body.command());
        return ResponseEntity.created(URI.create("/api/v1/tutors/me/package-offers/" + offer.id()))
                .body(OfferView.of(offer));
    }

    @GetMapping("/api/v1/tutors/me/package-offers")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(summary = "My package offers", description = "Active and withdrawn, newest first.")
    PageResponse<OfferView> myOffers(
            @AuthenticationPrincipal CurrentUser user, @Parameter(hidden = true) PageQuery page) {
        return packages.myOffers(user, page).map(OfferView::of);
    }

    @DeleteMapping("/api/v1/tutors/me/package-offers/{id}")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(
            summary = "Withdraw a package offer",
            description =
                    "Packages already bought are not affected. 404 `package.offer_not_found` for another tutor's offer; 409 "
                            + "`package.offer_withdrawn` when withdrawn already.")
    @ApiResponse(responseCode = "204", description = "Withdrawn")
    ResponseEntity<Void> withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        packages.withdrawOffer(user, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/tutors/{tutorId}/package-offers")
    @Operation(summary = "A tutor's package offers", description = "Public: the active offers, newest first.")
    PageResponse<OfferView> publicOffers(@PathVariable UUID tutorId, @Parameter(hidden = true) PageQuery page) {
        return packages.publicOffers(tutorId, page).map(OfferView::of);
    }

    @PostMapping("/api/v1/packages")
    @PreAuthorize("hasAnyRole('STUDENT', 'GUARDIAN')")
    @Operation(
            summary = "Buy a package",
            description = "A student for themself, a guardian for a linked student (`studentId`). Creates the "
                    + "package as PENDING_PAYMENT and its order (kind PACKAGE): pay it through "
                    + "`POST /api/v1/payments/checkout` with `orderId`. Send an `Idempotency-Key`. Errors: 404 "
                    + "`package.offer_not_found`; 409 `package.tutor_unavailable`; 403 `package.student_not_linked`.")
    @ApiResponse(responseCode = "201", description = "Created, waiting for payment")
    ResponseEntity<PackageView> purchase(
            @AuthenticationPrincipal CurrentUser user, @Valid @RequestBody PurchaseRequest body) {
        Packages.Detail detail = packages.purchase(user, body.offerId(), body.studentId());
        return ResponseEntity.created(
                        URI.create("/api/v1/packages/" + detail.pack().id()))
                .body(PackageView.of(detail));
    }

    @GetMapping("/api/v1/packages")
    @Operation(
            summary = "My packages",
            description = "Students see theirs, guardians their linked students', tutors the packages they sold, "
                    + "admins all; with credits left, used, expired and refunded. Filter `status`.")
    PageResponse<PackageView> list(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) PackageStore.Status status,
            @Parameter(hidden = true) PageQuery page) {
        return packages.list(user, status, page).map(PackageView::of);
    }

    @GetMapping("/api/v1/packages/{id}")
    @Operation(
            summary = "One package with its history",
            description = "Its student, their guardians, its tutor, " + "admins; 404 for anyone else.")
    PackageView get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return PackageView.of(packages.get(user, id));
    }

    @PatchMapping("/api/v1/packages/{id}/use-credit")
    @PreAuthorize("hasAnyRole('STUDENT', 'GUARDIAN')")
    @Operation(
            summary = "Pay a booking with a credit",
            description = "The booking must be the package student's, with the package's tutor and lesson length, "
                    + "and waiting for payment (PENDING_PAYMENT); it is confirmed as paid and its card order is "
                    + "cancelled. Errors: 404 `package.not_found`, `booking.not_found`; 409 `package.no_credits`, "
                    + "`package.expired`, `package.not_paid`, `package.booking_not_payable`, "
                    + "`package.credit_already_used`, `package.booking_already_paid`; 422 `package.booking_mismatch`.")
    PackageView useCredit(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody UseCreditRequest body) {
        return PackageView.of(packages.useCredit(user, id, body.bookingId()));
    }

    @PostMapping("/api/v1/packages/{id}/refund")
    @PreAuthorize("hasAnyRole('STUDENT', 'GUARDIAN', 'ADMIN')")
    @Operation(
            summary = "Refund the unused credits",
            description = "The student or their guardian, or an admin: the unused credits' value goes back to the "
                    + "payer's card and the package becomes REFUNDED (once). Errors: 409 `package.already_refunded`, "
                    + "`package.nothing_to_refund`, `package.expired`, `package.not_paid`.")
    RefundView refund(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) RefundRequest body) {
        return RefundView.of(packages.refund(user, id, body == null ? null : body.reason()));
    }
}
