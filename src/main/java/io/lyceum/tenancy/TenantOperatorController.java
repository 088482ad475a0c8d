package io.lyceum.tenancy;

import io.lyceum.tenancy.TenantAdministration.TenantDetails;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform operator's tenant controls. Authenticated like {@code POST /api/v1/tenants}: the operator's machine
 * secret ({@code Authorization: Bearer <lyceum.platform.operator-token>}), checked by the operator's filter chain in
 * accounts before anything here runs; never by a tenant's own staff, and not opened by self-service.
 */
@RestController
@RequestMapping("/api/v1/tenants")
@Tag(name = "Tenants")
class TenantOperatorController {

    private final TenantAdministration administration;

    TenantOperatorController(TenantAdministration administration) {
        this.administration = administration;
    }

    record TenantStatusView(UUID id, String slug, String name, TenantStatus status, Instant updatedAt) {

        static TenantStatusView of(TenantDetails details) {
            return new TenantStatusView(
                    details.id(), details.slug(), details.name(), details.status(), details.updatedAt());
        }
    }

    @PostMapping("/{id}/suspend")
    @Operation(
            summary = "Suspend a tenant",
            description = "The platform operator only (`Authorization: Bearer <lyceum.platform.operator-token>`; "
                    + "otherwise 401 `tenant.operator_token_required` or `tenant.invalid_operator_token`). The "
                    + "tenant stops serving at once: requests naming it and its users' access and refresh tokens "
                    + "are 403 `tenant.inactive`. Suspending a suspended tenant changes nothing. The default "
                    + "tenant cannot be suspended (409 `tenant.default_not_suspendable`); a closed one stays "
                    + "closed (409 `tenant.closed`). Unknown id: 404 `tenant.not_found`. Recorded in the audit log.",
            security = @SecurityRequirement(name = "operator"))
    TenantStatusView suspend(
            @PathVariable UUID id,
            @Parameter(description = "why, for the audit log") @RequestParam(required = false) @Size(max = 500)
                    String reason) {
        return TenantStatusView.of(administration.changeStatus(new TenantId(id), TenantStatus.SUSPENDED, reason));
    }

    @PostMapping("/{id}/reinstate")
    @Operation(
            summary = "Reinstate a suspended tenant",
            description = "The platform operator only, as for suspending. The tenant serves again; tokens issued "
                    + "before the suspension work again while their sessions last. Reinstating an active tenant "
                    + "changes nothing.",
            security = @SecurityRequirement(name = "operator"))
    TenantStatusView reinstate(
            @PathVariable UUID id,
            @Parameter(description = "why, for the audit log") @RequestParam(required = false) @Size(max = 500)
                    String reason) {
        return TenantStatusView.of(administration.changeStatus(new TenantId(id), TenantStatus.ACTIVE, reason));
    }
}
