package io.lyceum.admin;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.UserSummary;
import io.lyceum.shared.StateChange;
import io.lyceum.shared.UserId;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The two ways a report is shown: to its reporter (no admin note, no assignee) and on the admin desk. */
final class ReportViews {

    private ReportViews() {}

    @Schema(description = "A report as its reporter sees it: the admin's note and the assignee are never included")
    record ReporterView(
            UUID id,
            ReportTargetType targetType,
            UUID targetId,

            @Schema(description = "A short label of the target when it was reported (a name, a title, an excerpt)")
            @Nullable
            String targetLabel,

            String description,
            ReportStatus status,

            @Schema(description = "How the report was closed; absent while it is handled") @Nullable
            ReportResolution resolution,

            @Schema(description = "What the admin chose to tell the reporter") @Nullable
            String publicResolution,

            @Nullable Instant createdAt,
            @Nullable Instant resolvedAt) {

        static ReporterView of(Report r) {
            return new ReporterView(
                    r.id(),
                    r.targetType(),
                    r.targetId(),
                    r.targetLabel(),
                    r.description(),
                    r.status(),
                    r.resolution(),
                    r.publicResolution(),
                    r.createdAt(),
                    r.resolvedAt());
        }
    }

    @Schema(description = "A person named on a report")
    record Person(
            UUID id,
            @Nullable String fullName,
            @Nullable String email,
            @Nullable String role) {

        static @Nullable Person of(@Nullable UUID id, AccountsApi accounts) {
            if (id == null) {
                return null;
            }
            return accounts.findUser(UserId.of(id))
                    .map(u ->
                            new Person(u.id(), u.fullName(), u.email(), u.role().name()))
                    .orElse(new Person(id, null, null, null));
        }

        static Person of(UserSummary u) {
            return new Person(u.id(), u.fullName(), u.email(), u.role().name());
        }
    }

    @Schema(description = "A report on the admin desk")
    record AdminView(
            UUID id,
            ReportTargetType targetType,
            UUID targetId,
            @Nullable String targetLabel,

            @Schema(description = "The reported user, or the author or owner of the reported content")
            UUID targetUserId,

            UUID reporterId,
            String description,
            ReportStatus status,
            @Nullable UUID assigneeId,
            @Nullable ReportResolution resolution,
            @Nullable String publicResolution,

            @Schema(description = "Internal; never shown to the reporter") @Nullable
            String adminNote,

            @Nullable UUID resolvedBy,
            @Nullable Instant resolvedAt,
            @Nullable Instant createdAt,
            @Nullable Instant updatedAt,
            long version) {

        static AdminView of(Report r) {
            return new AdminView(
                    r.id(),
                    r.targetType(),
                    r.targetId(),
                    r.targetLabel(),
                    r.targetUserId(),
                    r.reporterId(),
                    r.description(),
                    r.status(),
                    r.assigneeId(),
                    r.resolution(),
                    r.publicResolution(),
                    r.adminNote(),
                    r.resolvedBy(),
                    r.resolvedAt(),
                    r.createdAt(),
                    r.updatedAt(),
                    r.version());
        }
    }

    @Schema(description = "A report with the people it names and its history, oldest change first")
    record AdminDetail(
            AdminView report,
            @Nullable Person reporter,
            @Nullable Person targetUser,
            @Nullable Person assignee,

            @Schema(description = "The resolutions that apply to this report's target")
            List<ReportResolution> resolutions,

            List<StateChange> history) {}
}
