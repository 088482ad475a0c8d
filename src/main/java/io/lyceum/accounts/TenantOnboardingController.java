package io.lyceum.accounts;

import io.lyceum.shared.PlainText;
import io.lyceum.tenancy.NewTenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Tenants")
class TenantOnboardingController {

    private final TenantOnboarding onboarding;
    private final PlatformOperator operator;
    private final io.lyceum.tenancy.TenancyApi tenants;

    TenantOnboardingController(
            TenantOnboarding onboarding, PlatformOperator operator, io.lyceum.tenancy.TenancyApi tenants) {
        this.onboarding = onboarding;
        this.tenants = tenants;
        this.operator = operator;
    }

    record OwnerRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 128) String password,

            @NotBlank @Size(max = 200) @Pattern(regexp = PlainText.PATTERN, message = PlainText.MESSAGE)
            String fullName) {}

    record CreateTenantRequest(
            @NotBlank @Size(max = 63) String slug,

            @NotBlank @Size(max = 200) @Pattern(regexp = PlainText.PATTERN, message = PlainText.MESSAGE)
            String name,

            @NotBlank @Size(max = 3) String defaultCurrency,
            @NotBlank @Size(max = 64) String timeZone,
            @NotNull @Valid OwnerRequest owner) {}

    record TenantSummary(UUID id, String slug, String name, String status, String defaultCurrency, String timeZone) {}

    record OwnerSummary(UUID id, String email, String fullName, Role role, boolean emailVerified) {}

    record CreatedTenant(TenantSummary tenant, OwnerSummary owner, boolean emailVerificationNeeded) {}

    @org.springframework.web.bind.annotation.GetMapping(TenantOnboardingSecurity.ROUTE)
    @Operation(
            operationId = "tenantList",
            summary = "All tenants of the platform",
            description = "The platform operator only (`Authorization: Bearer <lyceum.platform.operator-token>`), "
                    + "even with self-service on: 401 `tenant.operator_token_required` without a bearer token, "
                    + "401 `tenant.invalid_operator_token` with any other. Oldest first.",
            security = @SecurityRequirement(name = "operator"))
    io.lyceum.shared.PageResponse<TenantSummary> list(
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) io.lyceum.shared.PageQuery page) {
        return tenants.list(page.requireSortable(java.util.Set.of()))
                .map(tenant -> new TenantSummary(
                        tenant.id().value(),
                        tenant.slug(),
                        tenant.name(),
                        tenant.status().name(),
                        tenant.defaultCurrency(),
                        tenant.timeZone()));
    }

    @PostMapping(TenantOnboardingSecurity.ROUTE)
    @Operation(
            summary = "Create a tenant with its owner account",
            description = "The platform operator (`Authorization: Bearer <lyceum.platform.operator-token>`), or "
                    + "anyone when `lyceum.tenancy.self-service=true`. Slug: 2 to 63 lowercase letters, digits or "
                    + "hyphens; a taken slug is 409 `tenant.slug_taken`. The operator's owner starts with a verified "
                    + "email; a self-service owner is emailed a verification code first. The owner then signs in "
                    + "with `X-Tenant: <slug>`.",
            security = @SecurityRequirement(name = "operator"))
    ResponseEntity<CreatedTenant> create(@Valid @RequestBody CreateTenantRequest body, HttpServletRequest request) {
        boolean byOperator = operator.isOperator(request);
        var created = onboarding.create(
                new NewTenant(body.slug(), body.name(), body.defaultCurrency(), body.timeZone()),
                new TenantOnboarding.NewOwner(
                        body.owner().email(),
                        body.owner().password(),
                        body.owner().fullName()),
                byOperator);
        var tenant = created.tenant();
        var owner = created.owner();
        return ResponseEntity.created(URI.create("/api/v1/tenants/me"))
                .body(new CreatedTenant(
                        new TenantSummary(
                                tenant.id().value(),
                                tenant.slug(),
                                tenant.name(),
                                tenant.status().name(),
                                tenant.defaultCurrency(),
                                tenant.timeZone()),
                        new OwnerSummary(
                                owner.id(), owner.email(), owner.fullName(), owner.role(), owner.emailVerified()),
                        created.emailVerificationNeeded()));
    }
}
