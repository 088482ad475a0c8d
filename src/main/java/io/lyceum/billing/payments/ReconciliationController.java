package io.lyceum.billing.payments;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.billing.payments.Reconciliation.Run;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/payments/reconciliation")
@PreAuthorize("hasRole('ADMIN')")
@Tag(
        name = "Billing: reconciliation",
        description = "The ledger compared with the payment provider's records; see docs/ledger-and-wallets.md.")
class ReconciliationController {

    private final Reconciliation reconciliation;

    ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Schema(name = "ReconciliationRequest")
    record RunRequest(
            @Schema(description = "Window start; default: `to` minus the configured window (3 days)") @Nullable
            Instant from,

            @Schema(description = "Window end; default: now minus a short grace for webhooks on their way") @Nullable
            Instant to) {}

    @PostMapping
    @Operation(
            summary = "Reconcile now",
            description = "ADMIN. Runs the daily reconciliation for this tenant at once over the window (default the "
                    + "last 3 days): payments that succeeded at the provider without a paid order, amount and refund "
                    + "differences, paid orders without their ledger entry or unknown to the provider, provider "
                    + "clearing per order against the provider's net. The run and its differences are stored; "
                    + "differences are written to the audit log. 422 `reconciliation.invalid_window`.")
    @ApiResponse(responseCode = "201", description = "The run with its differences")
    ResponseEntity<Run> run(
            @AuthenticationPrincipal CurrentUser admin, @RequestBody(required = false) RunRequest body) {
        Instant from = body == null ? null : body.from();
        Instant to = body == null ? null : body.to();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(reconciliation.run(from, to, admin.userId().value()));
    }

    @GetMapping
    @Operation(
            summary = "Reconciliation runs",
            description = "ADMIN. Newest first, each with (up to 100 of) its differences; `differencesOnly=true` "
                    + "lists only runs that found some.")
    PageResponse<Run> runs(
            @Parameter(description = "Only runs with differences") @RequestParam(defaultValue = "false")
                    boolean differencesOnly,
            @Parameter(hidden = true) PageQuery page) {
        return reconciliation.page(differencesOnly, page.requireSortable(Set.of()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One reconciliation run", description = "ADMIN. With up to 1000 differences.")
    Run get(@PathVariable UUID id) {
        return reconciliation
                .find(id, 1000)
                .orElseThrow(() -> LyceumException.notFound("reconciliation.not_found", "No such reconciliation run."));
    }
}
