package io.lyceum.billing.documents;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.billing.documents.DocumentViews.ConvertRequest;
import io.lyceum.billing.documents.DocumentViews.DocumentView;
import io.lyceum.billing.documents.DocumentViews.QuoteRequest;
import io.lyceum.billing.documents.DocumentViews.ReasonRequest;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.StateChange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
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
@RequestMapping("/api/v1/quotes")
@Tag(name = "Billing: quotes", description = "Quotes with line items and tax; see docs/invoices-and-quotes.md.")
class QuoteController {

    private static final String IF_MATCH =
            " Optional If-Match with the ETag (version) from GET: 412 `quote.version_mismatch` when it changed since.";

    private final Documents documents;
    private final DocumentRoutes routes;

    QuoteController(Documents documents) {
        this.documents = documents;
        this.routes = new DocumentRoutes(documents, DocumentType.QUOTE, "/api/v1/quotes/");
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('TUTOR', 'ADMIN')")
    @Operation(
            summary = "Draft a quote",
            description = "ADMIN/OWNER for the agency, or TUTOR for a student they have taught (or that student's "
                    + "guardian). Totals are computed here: each line is quantity x unit price rounded half-even, tax "
                    + "is the subtotal x `taxRateBps` / 10000 rounded half-even. 422 `quote.invalid` with errors[] "
                    + "for a recipient, booking or date that does not fit.")
    @ApiResponse(responseCode = "201", description = "Drafted")
    ResponseEntity<DocumentView> create(
            @AuthenticationPrincipal CurrentUser user,
            @Valid @RequestBody QuoteRequest body,
            @Parameter(hidden = true) BindingResult fieldErrors) {
        return routes.create(user, body.draft(), fieldErrors);
    }

    @GetMapping
    @Operation(
            summary = "Quotes",
            description = "Staff see every quote of the tenant, tutors those they issued, students and guardians "
                    + "those sent to them (never drafts). Newest first; filter by `status` (repeatable).")
    PageResponse<DocumentView> list(
            @AuthenticationPrincipal CurrentUser user,
            @Parameter(description = "Only these statuses (repeatable)") @RequestParam(required = false)
                    List<DocumentStatus> status,
            @Parameter(hidden = true) PageQuery page) {
        return routes.list(user, status, page, false);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A quote", description = "Its parties and staff; 404 for anyone else. ETag = version.")
    ResponseEntity<DocumentView> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return routes.get(user, id);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAnyRole('TUTOR', 'ADMIN')")
    @Operation(
            summary = "Replace a draft quote",
            description = "The issuer or staff. Only a DRAFT: 409 `quote.not_draft` once sent." + IF_MATCH)
    ResponseEntity<DocumentView> update(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody QuoteRequest body,
            @Parameter(hidden = true) BindingResult fieldErrors,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return routes.update(user, id, body.draft(), fieldErrors, ifMatch);
    }

    @PostMapping("/{id}/send")
    @PreAuthorize("hasAnyRole('TUTOR', 'ADMIN')")
    @Operation(
            summary = "Send a quote",
            description = "The issuer or staff. Numbers the DRAFT (`QUO-<year>-<6 digits>`, gapless per tenant and "
                    + "year), makes it SENT (valid for 30 days unless the draft named a date) and emails the "
                    + "recipient the PDF. 409 `quote.illegal_transition` when not a DRAFT, `quote.date_passed`."
                    + IF_MATCH)
    ResponseEntity<DocumentView> send(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return routes.send(user, id, ifMatch);
    }

    @PostMapping("/{id}/accept")
    @PreAuthorize("hasAnyRole('STUDENT', 'GUARDIAN')")
    @Operation(
            summary = "Accept a quote",
            description = "The recipient, while SENT and valid. 409 `quote.illegal_transition`, `quote.expired`.")
    ResponseEntity<DocumentView> accept(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) ReasonRequest body) {
        return routes.view(documents.answer(user, id, true, body == null ? null : body.reason()));
    }

    @PostMapping("/{id}/reject")
    @PreAuthorize("hasAnyRole('STUDENT', 'GUARDIAN')")
    @Operation(
            summary = "Reject a quote",
            description = "The recipient, while SENT, with an optional reason. 409 `quote.illegal_transition`.")
    ResponseEntity<DocumentView> reject(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) ReasonRequest body) {
        return routes.view(documents.answer(user, id, false, body == null ? null : body.reason()));
    }

    @PostMapping("/{id}/convert")
    @PreAuthorize("hasAnyRole('TUTOR', 'ADMIN')")
    @Operation(
            summary = "Convert an accepted quote to an invoice",
            description = "The issuer or staff, once per quote. The invoice copies the recipient, lines, tax and "
                    + "currency and links to the quote; it is a DRAFT, or SENT with `send: true`. 409 "
                    + "`quote.illegal_transition` unless ACCEPTED, `quote.already_converted`.")
    @ApiResponse(responseCode = "201", description = "The invoice")
    ResponseEntity<DocumentView> convert(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) ConvertRequest body) {
        boolean send = body != null && Boolean.TRUE.equals(body.send());
        BillingDocument invoice = documents.convert(user, id, send, body == null ? null : body.dueDate());
        return ResponseEntity.created(URI.create("/api/v1/invoices/" + invoice.id()))
                .eTag(DocumentViews.etag(invoice.version()))
                .body(DocumentView.of(invoice, documents.payLink(invoice)));
    }

    @GetMapping("/{id}/history")
    @Operation(
            summary = "A quote's history",
            description = "Every state change with actor and reason, oldest first. Paged. Its parties and staff; "
                    + "404 for anyone else.")
    PageResponse<StateChange> history(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, PageQuery query) {
        return routes.history(user, id, query);
    }

    @GetMapping("/{id}/pdf")
    @Operation(summary = "A quote as PDF", description = "Its parties and staff; 404 for anyone else.")
    @ApiResponse(responseCode = "200", description = "application/pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return routes.pdf(user, id);
    }
}
