package io.lyceum.tenancy;

import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in staff member's own tenant. The tenant is the one in the access token, whatever {@code X-Tenant}
 * says. Role checks use the role hierarchy only (OWNER includes ADMIN): tenancy does not depend on accounts.
 */
@RestController
@RequestMapping("/api/v1/tenants/me")
@Tag(name = "Tenants")
class TenantSettingsController {

    private final TenantAdministration administration;

    TenantSettingsController(TenantAdministration administration) {
        this.administration = administration;
    }

    record Settings(@Nullable Boolean requireEmailVerification) {}

    record TenantView(
            UUID id,
            String slug,
            String name,
            TenantStatus status,
            String defaultCurrency,
            String timeZone,
            Settings settings,
            Instant createdAt,
            Instant updatedAt,
            long version) {

        static TenantView of(TenantAdministration.TenantDetails t) {
            return new TenantView(
                    t.id(),
                    t.slug(),
                    t.name(),
                    t.status(),
                    t.defaultCurrency(),
                    t.timeZone(),
                    new Settings(t.requireEmailVerification()),
                    t.createdAt(),
                    t.updatedAt(),
                    t.version());
        }
    }

    /** Fields left out (or null) stay as they are. */
    record TenantPatch(
            @Nullable String name,
            @Nullable String defaultCurrency,
            @Nullable String timeZone,
            @Valid @Nullable Settings settings) {}

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "The signed-in user's tenant with its settings",
            description = "OWNER or ADMIN of the tenant. The ETag is the tenant's version; send it back in If-Match "
                    + "with PATCH to refuse a concurrent change (412).")
    ResponseEntity<TenantView> get() {
        var details = administration.details(TenantContext.require());
        return ResponseEntity.ok().eTag(etag(details.version())).body(TenantView.of(details));
    }

    @PatchMapping(consumes = {"application/json", "application/merge-patch+json"})
    @PreAuthorize("hasRole('OWNER')")
    @Operation(
            summary = "Change the tenant's name, default currency, time zone or settings",
            description = "OWNER only. Partial update: fields left out stay as they are. "
                    + "`settings.requireEmailVerification=false` lets new users sign in before verifying their email. "
                    + "Optional If-Match with the ETag from GET: 412 `tenant.version_mismatch` when it changed since. "
                    + "Every change is written to the audit log.")
    ResponseEntity<TenantView> update(
            @RequestBody @Valid TenantPatch body,
            @Parameter(description = "ETag from GET /api/v1/tenants/me")
                    @RequestHeader(value = "If-Match", required = false)
                    @Nullable
                    String ifMatch,
            Principal principal) {
        var changes = new TenantAdministration.TenantChanges(
                body.name(),
                body.defaultCurrency(),
                body.timeZone(),
                body.settings() == null ? null : body.settings().requireEmailVerification());
        var details = administration.update(
                TenantContext.require(), UUID.fromString(principal.getName()), changes, version(ifMatch));
        return ResponseEntity.ok().eTag(etag(details.version())).body(TenantView.of(details));
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }

    private static @Nullable Long version(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new LyceumException(
                    ErrorKind.BAD_REQUEST,
                    "request.invalid_parameter",
                    "If-Match must be the ETag from GET /api/v1/tenants/me.",
                    List.of(new FieldError("If-Match", "must be an ETag such as \"3\"")));
        }
    }
}
