package io.lyceum.admin;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.messaging.MessageFacts;
import io.lyceum.platform.BoundedList;
import io.lyceum.scheduling.DisputeFacts;
import io.lyceum.scheduling.DisputeOutcome;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
@Tag(name = "Admin: disputes desk")
class DisputeController {

    static final String SETTLE_ROUTE = "/api/v1/admin/bookings/{id}/resolve";

    private final DisputeDesk desk;
    private final AccountsApi accounts;

    DisputeController(DisputeDesk desk, AccountsApi accounts) {
        this.desk = desk;
        this.accounts = accounts;
    }

    @Schema(description = "A disputed booking in the desk's list")
    record DisputeSummary(
            UUID bookingId,
            String state,
            UUID tutorId,
            UUID studentId,
            Instant startsAt,
            Instant endsAt,
            Money price,
            UUID openedBy,
            String openedByRole,
            String statement,
            Instant openedAt,
            @Nullable Instant resolvedAt,
            Map<String, Object> resolution) {

        static DisputeSummary of(DisputeFacts f) {
            return new DisputeSummary(
                    f.booking().bookingId().value(),
                    f.booking().state().name(),
                    f.booking().tutorId().value(),
                    f.booking().studentId().value(),
                    f.booking().startsAt(),
                    f.booking().endsAt(),
                    f.booking().price(),
                    f.openedBy(),
                    f.openedByRole(),
                    f.statement(),
                    f.openedAt(),
                    f.resolvedAt(),
                    f.resolution());
        }
    }

    @Schema(description = "A party's statement; `opening` marks the one the dispute was opened with")
    record StatementView(
            UUID authorId,
            @Nullable String authorName,
            String authorRole,
            String statement,
            Instant at,
            boolean opening) {}

    @Schema(description = "How to settle the dispute: scheduling's resolve route and its outcomes")
    record Settlement(String method, String path, List<DisputeOutcome> outcomes) {}

    @Schema(description = "A disputed booking with both parties' statements, the lesson record and the messages")
    record DisputeDetail(
            DisputeSummary dispute,
            ReportViews.@Nullable Person tutor,
            ReportViews.@Nullable Person student,
            ReportViews.@Nullable Person bookedBy,
            List<StatementView> statements,
            DisputeFacts.LessonRecord lesson,

            @Schema(
                    description = "The tutor's conversations with the student and the booking guardian, from a week "
                            + "before the lesson until the dispute was resolved (or now), oldest first, at most 100")
            List<MessageFacts> messages,

            @Nullable UUID resolvedBy,
            @Nullable String resolutionNote,
            Settlement settle) {}

    record StatementRequest(@NotBlank @Size(max = 4000) String statement) {}

    @GetMapping("/api/v1/admin/disputes")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Disputed bookings",
            description = "ADMIN or OWNER. status OPEN (default: DISPUTED bookings, the longest waiting first) or "
                    + "RESOLVED (most recently resolved first). Paged. A non-admin is 403 `auth.forbidden`.")
    PageResponse<DisputeSummary> list(
            @Parameter(description = "OPEN or RESOLVED") @RequestParam(defaultValue = "OPEN") DeskStatus status,
            PageQuery query) {
        return desk.list(status == DeskStatus.OPEN, query.requireSortable(Set.of()))
                .map(DisputeSummary::of);
    }

    enum DeskStatus {
        OPEN,
        RESOLVED
    }

    @GetMapping("/api/v1/admin/disputes/{bookingId}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "One disputed booking",
            description = "ADMIN or OWNER. Both parties' statements (the opening one and those added since), the "
                    + "lesson record (room, recording link, attendance reported by the room provider) and the messages "
                    + "around the lesson; reading them is written to each conversation's moderation log. Settle it "
                    + "with `settle` (scheduling's POST " + SETTLE_ROUTE + "). A booking that was never disputed is "
                    + "404 `dispute.not_found`.")
    DisputeDetail get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID bookingId) {
        DisputeDesk.Detail d = desk.detail(user, bookingId);
        Map<UUID, ReportViews.Person> people = new HashMap<>();
        var b = d.facts().booking();
        List<StatementView> statements = d.statements().stream()
                .map(s -> new StatementView(
                        s.authorId(),
                        fullName(people, s.authorId()),
                        s.authorRole(),
                        s.statement(),
                        s.at(),
                        s.opening()))
                .toList();
        return new DisputeDetail(
                DisputeSummary.of(d.facts()),
                person(people, b.tutorId().value()),
                person(people, b.studentId().value()),
                person(people, b.bookedBy()),
                statements,
                d.facts().lesson(),
                d.messages(),
                d.facts().resolvedBy(),
                d.facts().resolutionNote(),
                new Settlement(
                        "POST",
                        SETTLE_ROUTE.replace("{id}", b.bookingId().toString()),
                        Arrays.asList(DisputeOutcome.values())));
    }

    @PostMapping("/api/v1/disputes/{bookingId}/statements")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Give my statement on a disputed lesson",
            description = "The tutor, the student or their guardian, once per person, while the booking is DISPUTED "
                    + "(the one who opened the dispute already gave their reason and may add one statement more). "
                    + "Someone else, or a booking that is not disputed, is 404 `dispute.not_found`; after the "
                    + "resolution 409 `dispute.closed`; a second statement 409 `dispute.statement_exists`.")
    StatementView addStatement(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID bookingId,
            @Valid @RequestBody StatementRequest body) {
        var s = desk.addStatement(user, bookingId, body.statement());
        var author = ReportViews.Person.of(user.userId().value(), accounts);
        return new StatementView(
                s.authorId(), author == null ? null : author.fullName(), s.authorRole(), s.statement(), s.at(), false);
    }

    /** The opening statement and one per party (the tutor, the student, the student's guardians). */
    static final int MAX_PARTY_STATEMENTS = 50;

    @GetMapping("/api/v1/disputes/{bookingId}/statements")
    @Operation(
            summary = "The statements on a disputed lesson, for its parties",
            description = "The tutor, the student or their guardian: the opening statement (`opening`) then each "
                    + "party's, oldest first, while the dispute is open and after the decision. The lesson record, the "
                    + "messages and the admin's settlement stay on the admin desk. Anyone else, or a booking that was "
                    + "never disputed, is 404 `dispute.not_found`. One statement per person, so the list is short.")
    @BoundedList(MAX_PARTY_STATEMENTS)
    List<StatementView> partyStatements(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID bookingId) {
        Map<UUID, ReportViews.Person> people = new HashMap<>();
        return desk.partyStatements(user, bookingId).stream()
                .map(s -> {
                    ReportViews.Person author = person(people, s.authorId());
                    return new StatementView(
                            s.authorId(),
                            author == null ? null : author.fullName(),
                            s.authorRole(),
                            s.statement(),
                            s.at(),
                            s.opening());
                })
                .limit(MAX_PARTY_STATEMENTS)
                .toList();
    }

    private @Nullable String fullName(Map<UUID, ReportViews.Person> cache, @Nullable UUID id) {
        ReportViews.Person person = person(cache, id);
        return person == null ? null : person.fullName();
    }

    private ReportViews.@Nullable Person person(Map<UUID, ReportViews.Person> cache, @Nullable UUID id) {
        if (id == null) {
            return null;
        }
        return cache.computeIfAbsent(id, x -> ReportViews.Person.of(x, accounts));
    }
}
