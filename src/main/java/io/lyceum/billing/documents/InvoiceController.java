package io.lyceum.billing.documents;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.billing.documents.DocumentViews.DocumentView;
import io.lyceum.billing.documents.DocumentViews.InvoiceRequest;
import io.lyceum.billing.documents.DocumentViews.ReasonRequest;
import io.lyceum.billing.payments.Checkout;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.StateChange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/invoices")
@Tag(
        name = "Billing: invoices",
        description = "Invoices with line items, tax and a pay link; see docs/invoices-and-quotes.md.")
class InvoiceController {

    private static final String IF_MATCH =
            " Optional If-Match with the ETag (version) from GET: 412 `invoice.version_mismatch` when it changed since.";

    private final Documents documents;
    private final DocumentRoutes routes;
    private final Checkout checkout;

    InvoiceController(Documents documents, Checkout checkout) {
        this.documents = documents;
        this.routes = new DocumentRoutes(documents, DocumentType.INVOICE, "/api/v1/invoices/");
        this.checkout = checkout;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('TUTOR', 'ADMIN')")
    @Operation(
            summary = "Draft an invoice",
            description = "ADMIN/OWNER for the agency, or TUTOR for a student they have taught (or that student's "
                    + "guardian). Totals are computed here: each line is quantity x unit price rounded half-even, tax "
                    + "is the subtotal x `taxRateBps` / 10000 rounded half-even. 422 `invoice.invalid` with errors[] "
                    + "for a recipient, booking or date that does not fit.")
    @ApiResponse(responseCode = "201", description = "Drafted")
    ResponseEntity<DocumentView> create(
            @AuthenticationPrincipal CurrentUser user,
            @Valid @RequestBody InvoiceRequest body,
            @Parameter(hidden = true) BindingResult fieldErrors) {
        return routes.create(user, body.draft(), fieldErrors);
    }

    @GetMapping
    @Operation(
            summary = "Invoices",
            description = "Staff see every invoice of the tenant, tutors those they issued, students and guardians "
                    + "those sent to them (never drafts). Newest first; filter by `status` (repeatable).")
    PageResponse<DocumentView> list(
            @AuthenticationPrincipal CurrentUser user,
            @Parameter(description = "Only these statuses (repeatable)") @RequestParam(required = false)
                    List<DocumentStatus> status,
            @Parameter(hidden = true) PageQuery page) {
        return routes.list(user, status, page, true);
    }

    @GetMapping("/{id}")
    @Operation(summary = "An invoice", description = "Its parties and staff; 404 for anyone else. ETag = version.")
    ResponseEntity<DocumentView> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return routes.get(user, id);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAnyRole('TUTOR', 'ADMIN')")
    @Operation(
            summary = "Replace a draft invoice",
            description = "The issuer or staff. Only a DRAFT: 409 `invoice.not_draft` once sent." + IF_MATCH)
    ResponseEntity<DocumentView> update(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody InvoiceRequest body,
            @Parameter(hidden = true) BindingResult fieldErrors,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return routes.update(user, id, body.draft(), fieldErrors, ifMatch);
    }

    @PostMapping("/{id}/send")
    @PreAuthorize("hasAnyRole('TUTOR', 'ADMIN')")
    @Operation(
            summary = "Send an invoice",
            description = "The issuer or staff. Numbers the DRAFT (`INV-<year>-<6 digits>`, gapless per tenant and "
                    + "year), makes it SENT (due in 14 days unless the draft named a date), opens its order (payer: "
                    + "the recipient) and emails the recipient the PDF with the pay link. 409 "
                    + "`invoice.illegal_transition` when not a DRAFT, `invoice.zero_total`, `invoice.date_passed`."
                    + IF_MATCH)
    ResponseEntity<DocumentView> send(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return routes.send(user, id, ifMatch);
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAnyRole('TUTOR', 'ADMIN')")
    @Operation(
            summary = "Cancel an invoice",
            description = "The issuer or staff; a DRAFT, SENT or OVERDUE invoice, with its open order. 409 "
                    + "`invoice.illegal_transition` when PAID or CANCELLED, `invoice.payment_in_progress`."
                    + IF_MATCH)
    ResponseEntity<DocumentView> cancel(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) ReasonRequest body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return routes.view(
                documents.cancel(user, id, body == null ? null : body.reason(), DocumentViews.version(ifMatch)));
    }

    @PostMapping("/{id}/pay")
    @PreAuthorize("hasAnyRole('STUDENT', 'GUARDIAN')")
    @Operation(
            summary = "Pay an invoice",
            description = "The recipient pays a SENT or OVERDUE invoice through checkout (the invoice's `payLink`). "
                    + "Send an `Idempotency-Key`: a retry returns the first answer and never charges twice. Answers "
                    + "the payment status as `POST /api/v1/payments/checkout` does: `PAID` (the invoice is PAID and a "
                    + "receipt is emailed), `REQUIRES_ACTION` (open `nextAction.url` for 3-D Secure; the webhook "
                    + "completes it) or `PROCESSING`. Errors: 402 `payment.declined` with `declineCode` (the invoice "
                    + "stays payable); 404 `invoice.not_found` (also anyone else's invoice); 409 "
                    + "`invoice.illegal_transition` (a DRAFT never reaches the recipient; PAID or CANCELLED); 422 "
                    + "`payment.invalid_payment_method`.")
    @ApiResponse(responseCode = "200", description = "The payment status of the invoice's order")
    @ApiResponse(
            responseCode = "402",
            description = "Declined",
            content = @Content(mediaType = "application/problem+json"))
    Checkout.PaymentStatus pay(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody DocumentViews.PayRequest body) {
        UUID orderId = documents.payableOrder(user, id);
        return checkout.pay(user, orderId, body.paymentMethodId().trim(), body.returnUrl());
    }

    @GetMapping("/{id}/history")
    @Operation(
            summary = "An invoice's history",
            description = "Every state change with actor and reason, oldest first. Paged. Its parties and staff; "
                    + "404 for anyone else.")
    PageResponse<StateChange> history(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, PageQuery query) {
        return routes.history(user, id, query);
    }

    @GetMapping("/{id}/pdf")
    @Operation(summary = "An invoice as PDF", description = "Its parties and staff; 404 for anyone else.")
    @ApiResponse(responseCode = "200", description = "application/pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return routes.pdf(user, id);
    }
}
