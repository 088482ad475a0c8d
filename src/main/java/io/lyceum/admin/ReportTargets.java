package io.lyceum.admin;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.UserSummary;
import io.lyceum.catalog.CatalogApi;
import io.lyceum.messaging.MessagingApi;
import io.lyceum.reviews.ReviewsApi;
import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Finds what a report names through the module that owns it, as the reporter may see it: a user of the tenant, a
 * message of a conversation the reporter reads, a review they may read, a published course pack, an approved tutor's
 * public profile. Anything
 * else is 404 {@code report.target_not_found}, whether it does not exist or the reporter cannot see it.
 */
@Component
class ReportTargets {

    /** The reported thing: its owner (the user a warning, suspension or ban applies to) and a short label. */
    record Target(
            ReportTargetType type,
            UUID id,
            UUID ownerUserId,
            @Nullable String label) {}

    private final AccountsApi accounts;
    private final CatalogApi catalog;
    private final MessagingApi messaging;
    private final ReviewsApi reviews;

    ReportTargets(AccountsApi accounts, CatalogApi catalog, MessagingApi messaging, ReviewsApi reviews) {
        this.reviews = reviews;
        this.accounts = accounts;
        this.catalog = catalog;
        this.messaging = messaging;
    }

    Target visibleTo(CurrentUser reporter, ReportTargetType type, UUID id) {
        Target target =
                switch (type) {
                    case USER ->
                        accounts.findUser(UserId.of(id))
                                .map(u -> new Target(type, id, id, u.fullName()))
                                .orElseThrow(ReportTargets::notFound);
                    case MESSAGE ->
                        messaging
                                .messageVisibleTo(reporter, id)
                                .map(m -> {
                                    if (m.senderId() == null || m.deleted()) {
                                        throw LyceumException.invalid(
                                                "report.target_not_reportable",
                                                "System messages and deleted messages cannot be reported.",
                                                List.of(new FieldError("targetId", "a message someone wrote")));
                                    }
                                    return new Target(type, id, m.senderId(), excerpt(m.body()));
                                })
                                .orElseThrow(ReportTargets::notFound);
                    case COURSE_PACK ->
                        catalog.coursePack(CoursePackId.of(id))
                                .filter(p -> p.open())
                                .map(p -> new Target(type, id, p.tutorId().value(), p.title()))
                                .orElseThrow(ReportTargets::notFound);
                    case PROFILE -> {
                        if (!catalog.isApprovedTutor(TutorId.of(id))) {
                            throw notFound();
                        }
                        yield new Target(
                                type,
                                id,
                                id,
                                accounts.findUser(UserId.of(id))
                                        .map(UserSummary::fullName)
                                        .orElse(null));
                    }
                    case REVIEW ->
                        reviews.reviewVisibleTo(reporter, id)
                                .filter(r -> !r.hidden())
                                .map(r -> new Target(type, id, r.authorId(), excerpt(r.body())))
                                .orElseThrow(ReportTargets::notFound);
                };
        if (reporter.userId().value().equals(target.ownerUserId())) {
            throw LyceumException.invalid(
                    "report.own_target",
                    "You cannot report yourself or your own content.",
                    List.of(new FieldError("targetId", "someone else's")));
        }
        return target;
    }

    private static String excerpt(String body) {
        String flat = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return flat.length() <= 120 ? flat : flat.substring(0, 119) + "…";
    }

    static LyceumException notFound() {
        return LyceumException.notFound("report.target_not_found", "There is nothing of that type and id to report.");
    }
}
