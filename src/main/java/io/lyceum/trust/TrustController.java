package io.lyceum.trust;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.LyceumException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Trust")
class TrustController {

    private final Scoring scoring;
    private final TrustStore store;

    TrustController(Scoring scoring, TrustStore store) {
        this.scoring = scoring;
        this.store = store;
    }

    @Schema(name = "TrustScore")
    record ScoreView(
            UUID subjectId,
            @Schema(description = "TUTOR or CLIENT") String kind,
            @Schema(description = "0–100") int score,

            @Schema(
                    description =
                            "when the stored score was computed; null: computed for this answer (none stored" + " yet)")
            @Nullable
            Instant computedAt,

            List<Breakdown.Component> components) {}

    @Schema(name = "CaasWorkerRun")
    record WorkerRun(int recalculated, long remaining) {}

    @GetMapping("/api/v1/trust/me")
    @Transactional(readOnly = true)
    @Operation(
            summary = "My credibility score and its breakdown",
            description = "A tutor's tutor score, a student's client score: the score (0–100), each component with its"
                    + " weight, value (0–1), points, the facts it was computed from and, below its best, what would"
                    + " raise it. The stored score when there is one (recalculated after every change of an input),"
                    + " else computed for this answer. 404 `trust.no_score` for other roles.")
    ScoreView mine(@AuthenticationPrincipal CurrentUser user) {
        SubjectKind kind =
                switch (user.role()) {
                    case TUTOR -> SubjectKind.TUTOR;
                    case STUDENT -> SubjectKind.CLIENT;
                    default -> throw noScore();
                };
        return view(kind, user.userId().value());
    }

    @GetMapping("/api/v1/admin/trust/tutors/{userId}")
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "A tutor's credibility score (admins)",
            description = "As `GET /api/v1/trust/me` shows it to the tutor. 404 `trust.no_score` for a user without a"
                    + " tutor profile; 403 `auth.forbidden` for non-admins.")
    ScoreView tutor(@PathVariable UUID userId) {
        return view(SubjectKind.TUTOR, userId);
    }

    @GetMapping("/api/v1/admin/trust/clients/{userId}")
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "A client's credibility score (admins)",
            description = "The client score of a student, as `GET /api/v1/trust/me` shows it to them. 403"
                    + " `auth.forbidden` for non-admins.")
    ScoreView client(@PathVariable UUID userId) {
        return view(SubjectKind.CLIENT, userId);
    }

    @PostMapping(CaasWorkerSecurity.ROUTE)
    @Operation(
            summary = "Drain the score recalculation queue (internal worker)",
            description = "Seed 000's internal worker: a scheduler calls it with `Authorization: Bearer"
                    + " <lyceum.trust.worker-secret>` (compared in constant time; anything else 401"
                    + " `trust.invalid_worker_secret`). Recalculates the queued subjects of every tenant in batches"
                    + " and answers how many were recalculated and how many are still queued. The built-in scheduler"
                    + " does the same every lyceum.trust.worker-interval.",
            security = @SecurityRequirement(name = "caasWorker"))
    WorkerRun work() {
        Scoring.Drained drained = scoring.drainAll();
        return new WorkerRun(drained.recalculated(), drained.remaining());
    }

    private ScoreView view(SubjectKind kind, UUID subjectId) {
        return store.find(kind, subjectId)
                .map(s -> new ScoreView(
                        subjectId,
                        kind.name(),
                        s.breakdown().score(),
                        s.computedAt(),
                        s.breakdown().components()))
                .or(() -> scoring.compute(kind, subjectId)
                        .map(b -> new ScoreView(subjectId, kind.name(), b.score(), null, b.components())))
                .orElseThrow(TrustController::noScore);
    }

    private static LyceumException noScore() {
        return LyceumException.notFound("trust.no_score", "There is no credibility score for this user.");
    }
}
