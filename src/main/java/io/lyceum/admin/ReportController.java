package io.lyceum.admin;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Reports")
class ReportController {

    private final Reports reports;

    ReportController(Reports reports) {
        this.reports = reports;
    }

    record FileReportRequest(
            @NotNull ReportTargetType targetType,
            @NotNull UUID targetId,
            @NotBlank @Size(max = 4000) String description) {}

    @PostMapping("/api/v1/reports")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Report a user, a message, a course pack or a tutor profile",
            description = "Anyone signed in. `targetType` USER (a user's id), MESSAGE (a message of a conversation "
                    + "you read), COURSE_PACK (a published pack), PROFILE (an approved tutor's id). Something that "
                    + "does not exist or you cannot see is 404 `report.target_not_found`; yourself or your own "
                    + "content 422 `report.own_target`; a system or deleted message 422 "
                    + "`report.target_not_reportable`; REVIEW 422 `report.target_type_unsupported` until reviews "
                    + "exist. Reporting the same thing again while your report is handled is 409 `report.duplicate`.")
    ReportViews.ReporterView file(
            @AuthenticationPrincipal CurrentUser user, @Valid @RequestBody FileReportRequest body) {
        return ReportViews.ReporterView.of(reports.file(user, body.targetType(), body.targetId(), body.description()));
    }

    @GetMapping("/api/v1/my-reports")
    @Operation(
            summary = "My reports",
            description = "Anyone signed in: the reports you filed, newest first, with their status, resolution and "
                    + "what the admin chose to tell you. The admin's internal note is never included. Paged.")
    PageResponse<ReportViews.ReporterView> mine(@AuthenticationPrincipal CurrentUser user, PageQuery query) {
        return reports.mine(user, query.requireSortable(Set.of())).map(ReportViews.ReporterView::of);
    }

    @GetMapping("/api/v1/my-reports/{id}")
    @Operation(
            summary = "One of my reports",
            description = "The reporter only; anyone else's report is 404 `report.not_found`.")
    ReportViews.ReporterView one(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return ReportViews.ReporterView.of(reports.mine(user, id));
    }
}
