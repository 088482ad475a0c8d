package io.lyceum.admin;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
@RequestMapping("/api/v1/admin/reports")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Admin: reports")
class AdminReportController {

    private static final String WORKFLOW = " OPEN → INVESTIGATING → RESOLVED or DISMISSED (OPEN may be closed at once);"
            + " anything else is 409 `report.invalid_transition`, as is acting on a report another admin has just "
            + "closed. A non-admin is 403 `auth.forbidden`; another tenant's report 404 `report.not_found`.";

    private final Reports reports;
    private final AccountsApi accounts;

    AdminReportController(Reports reports, AccountsApi accounts) {
        this.reports = reports;
        this.accounts = accounts;
    }

    record AssignRequest(@NotNull UUID assigneeId) {}

    record NoteRequest(@Size(max = 4000) @Nullable String note) {}

    record ResolveRequest(
            @NotNull ReportResolution resolution,
            @Size(max = 2000) @Nullable String publicResolution,
            @Size(max = 4000) @Nullable String adminNote,
            @Size(max = 4000) @Nullable String message) {}

    @GetMapping
    @Operation(
            summary = "The reports queue",
            description = "ADMIN or OWNER. Oldest first (sort=createdAt,desc for newest first). Filters: status "
                    + "(repeatable; default every status), targetType, assigneeId, unassigned=true, reporterId, "
                    + "targetUserId (reports about a user or their content). Paged.")
    PageResponse<ReportViews.AdminView> list(
            @Parameter(description = "OPEN, INVESTIGATING, RESOLVED or DISMISSED; repeatable")
                    @RequestParam(required = false)
                    @Nullable
                    List<ReportStatus> status,
            @RequestParam(required = false) @Nullable ReportTargetType targetType,
            @RequestParam(required = false) @Nullable UUID assigneeId,
            @RequestParam(required = false) @Nullable Boolean unassigned,
            @RequestParam(required = false) @Nullable UUID reporterId,
            @RequestParam(required = false) @Nullable UUID targetUserId,
            PageQuery query) {
        PageQuery page = query.requireSortable(Set.of("createdAt"));
        boolean oldestFirst =
                page.sort().stream().findFirst().map(PageQuery.Sort::ascending).orElse(true);
        return reports.queue(
                        new ReportStore.Filter(status, targetType, assigneeId, unassigned, reporterId, targetUserId),
                        page,
                        oldestFirst)
                .map(ReportViews.AdminView::of);
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "One report with the people it names and its history",
            description = "ADMIN or OWNER. `resolutions` lists the resolutions that apply to its target.")
    ReportViews.AdminDetail get(@PathVariable UUID id) {
        return detail(reports.get(id));
    }

    @PostMapping("/{id}/assign")
    @Operation(
            summary = "Assign a report to an admin",
            description = "ADMIN or OWNER. The assignee must be an active ADMIN or OWNER of the tenant (422 "
                    + "`report.assignee_not_staff`); a closed report is 409 `report.invalid_transition`.")
    ReportViews.AdminDetail assign(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody AssignRequest body) {
        return detail(reports.assign(user, id, body.assigneeId()));
    }

    @PostMapping("/{id}/investigate")
    @Operation(
            summary = "Start investigating a report",
            description = "ADMIN or OWNER. OPEN → INVESTIGATING; assigns the report to the caller when it had no "
                    + "assignee. Body optional." + WORKFLOW)
    ReportViews.AdminDetail investigate(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) NoteRequest body) {
        return detail(reports.investigate(user, id, body == null ? null : body.note()));
    }

    @PostMapping("/{id}/resolve")
    @Operation(
            summary = "Resolve a report",
            description = "ADMIN or OWNER. DISMISSED closes it as DISMISSED, any other resolution as RESOLVED, and "
                    + "applies it in the same transaction: WARNED and CHANGES_REQUIRED send the user (the author of "
                    + "reported content) a warning message with `message` (or a default text); CONTENT_REMOVED "
                    + "(MESSAGE, REVIEW, COURSE_PACK, PROFILE) deletes the message, hides the review, removes the pack (its enrollments are "
                    + "refunded pro rata) or hides the profile; USER_SUSPENDED and USER_BANNED suspend or ban the user "
                    + "under the admin user rules (403 `admin.insufficient_role` for staff accounts); a ban then "
                    + "cancels and refunds the user's future lessons, refunds their enrollments pro rata and hides "
                    + "their profile. If any step fails nothing changes. A resolution that does not fit the target is "
                    + "422 `report.resolution_not_applicable`. `publicResolution` is shown to the reporter, `adminNote` "
                    + "never." + WORKFLOW)
    ReportViews.AdminDetail resolve(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody ResolveRequest body) {
        return detail(reports.resolve(
                user,
                id,
                body.resolution(),
                blankToNull(body.publicResolution()),
                blankToNull(body.adminNote()),
                blankToNull(body.message())));
    }

    private ReportViews.AdminDetail detail(Report r) {
        return new ReportViews.AdminDetail(
                ReportViews.AdminView.of(r),
                ReportViews.Person.of(r.reporterId(), accounts),
                ReportViews.Person.of(r.targetUserId(), accounts),
                ReportViews.Person.of(r.assigneeId(), accounts),
                Arrays.stream(ReportResolution.values())
                        .filter(x -> x.appliesTo(r.targetType()))
                        .toList(),
                reports.history(r.id()));
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
