package io.lyceum.admin;

import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/audit-log")
@Tag(name = "Admin: audit log")
class AuditLogController {

    private final AuditLogStore store;

    AuditLogController(AuditLogStore store) {
        this.store = store;
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "The tenant's audit log",
            description = "ADMIN or OWNER. Newest first (sort=occurredAt,asc for oldest first). Filters: subjectId, "
                    + "subjectType (USER, TENANT), actorId, action (repeatable, e.g. USER_SUSPENDED, "
                    + "USER_ROLE_CHANGED), from and to (ISO-8601 instants, to exclusive). Entries appear shortly after "
                    + "the action commits.")
    PageResponse<AuditEntry> list(
            @RequestParam(required = false) UUID subjectId,
            @RequestParam(required = false) @Size(max = 50) String subjectType,
            @RequestParam(required = false) UUID actorId,
            @Parameter(description = "repeatable") @RequestParam(required = false) List<@Size(max = 100) String> action,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            PageQuery query) {
        return store.find(
                new AuditLogStore.Filter(subjectId, subjectType, actorId, action, from, to),
                query.requireSortable(Set.of("occurredAt")));
    }
}
