package io.lyceum.scheduling;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.scheduling.PreliminaryMeetingStore.Row;
import io.lyceum.scheduling.PreliminaryMeetingStore.State;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Scheduling: preliminary meetings")
class PreliminaryMeetingController {

    private final PreliminaryMeetings meetings;

    PreliminaryMeetingController(PreliminaryMeetings meetings) {
        this.meetings = meetings;
    }

    record MeetingRequest(
            @Nullable UUID studentId,
            @Size(max = 2000) @Nullable String message) {}

    record ApproveRequest(
            @Nullable Instant startsAt,
            @Nullable Integer durationMinutes,
            @Size(max = 2000) @Nullable String meetingUrl) {}

    record RejectRequest(@NotBlank @Size(max = 1000) String reason) {}

    record MeetingView(
            UUID id,
            UUID coursePackId,
            UUID tutorId,
            UUID studentId,
            UUID requestedBy,
            State state,
            @Nullable String message,
            @Nullable Instant startsAt,
            @Nullable Integer durationMinutes,
            @Nullable String meetingUrl,
            @Nullable String rejectionReason,
            @Nullable Instant decidedAt,
            Instant createdAt,
            Instant updatedAt) {

        static MeetingView of(Row row) {
            return new MeetingView(
                    row.id(),
                    row.coursePackId(),
                    row.tutorId(),
                    row.studentId(),
                    row.requestedBy(),
                    row.state(),
                    row.message(),
                    row.startsAt(),
                    row.durationMinutes(),
                    row.meetingUrl(),
                    row.rejectionReason(),
                    row.decidedAt(),
                    row.createdAt(),
                    row.updatedAt());
        }
    }

    @PostMapping("/api/v1/course-packs/{packId}/preliminary-meetings")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('STUDENT', 'GUARDIAN')")
    @Operation(
            summary = "Ask for a preliminary meeting",
            description = "STUDENT for themselves, or GUARDIAN for a linked student (`studentId`, required for a "
                    + "guardian; an unlinked student is 404 `student.not_found`). The pack must be published, not "
                    + "removed and its tutor approved (else 404 `course_pack.not_found`) and must require a "
                    + "preliminary meeting (else 409 `preliminary_meeting.not_required`). One per student and pack: "
                    + "409 `preliminary_meeting.exists` (a withdrawn request may be asked again; a rejection is "
                    + "final). The tutor is emailed.")
    @ApiResponse(responseCode = "201", description = "Requested")
    MeetingView request(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID packId,
            @Valid @RequestBody(required = false) @Nullable MeetingRequest body) {
        MeetingRequest request = body == null ? new MeetingRequest(null, null) : body;
        return MeetingView.of(meetings.request(user, packId, request.studentId(), request.message()));
    }

    @GetMapping("/api/v1/preliminary-meetings")
    @Operation(
            summary = "Preliminary meetings",
            description = "Paged, newest first. A student sees theirs, a guardian those they asked for and their "
                    + "linked students', a tutor those for their packs, an admin all. Filters: `state`, "
                    + "`coursePackId`.")
    PageResponse<MeetingView> list(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) @Nullable State state,
            @RequestParam(required = false) @Nullable UUID coursePackId,
            PageQuery query) {
        return meetings.list(user, state, coursePackId, query.requireSortable(Set.of()))
                .map(MeetingView::of);
    }

    @GetMapping("/api/v1/preliminary-meetings/{id}")
    @Operation(
            summary = "One preliminary meeting",
            description = "Its student, the one who asked, a linked guardian, the pack's tutor, or an admin; anyone "
                    + "else 404.")
    MeetingView get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return MeetingView.of(meetings.get(user, id));
    }

    @PostMapping("/api/v1/preliminary-meetings/{id}/cancel")
    @PreAuthorize("hasAnyRole('STUDENT', 'GUARDIAN')")
    @Operation(
            summary = "Withdraw a preliminary meeting request",
            description = "The student, or their guardian, while it is REQUESTED (else 409 "
                    + "`preliminary_meeting.not_requested`). The student may then ask again.")
    MeetingView cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return MeetingView.of(meetings.cancel(user, id));
    }

    @PostMapping("/api/v1/tutor/preliminary-meetings/{id}/approve")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(
            summary = "Approve a preliminary meeting",
            description = "TUTOR of the pack (another tutor's meeting is 404). Sets `startsAt` (required, in the "
                    + "future, within a year), `durationMinutes` (10 to 240, default 30) and `meetingUrl` (https; "
                    + "when absent a new Jitsi room). Only a REQUESTED meeting (409 "
                    + "`preliminary_meeting.not_requested`). The student (and the guardian who asked) are emailed; "
                    + "from now on the student may enroll in the pack.")
    MeetingView approve(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody ApproveRequest body) {
        return MeetingView.of(meetings.approve(user, id, body.startsAt(), body.durationMinutes(), body.meetingUrl()));
    }

    @PostMapping("/api/v1/tutor/preliminary-meetings/{id}/reject")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(
            summary = "Reject a preliminary meeting",
            description = "TUTOR of the pack, with a `reason` the student reads. Only a REQUESTED meeting (409 "
                    + "`preliminary_meeting.not_requested`). Final: the student cannot ask again for this pack.")
    MeetingView reject(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody RejectRequest body) {
        return MeetingView.of(meetings.reject(user, id, body.reason()));
    }
}
