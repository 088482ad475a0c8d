package io.lyceum.admin;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.CatalogApi;
import io.lyceum.messaging.MessagingApi;
import io.lyceum.messaging.WarningSeverity;
import io.lyceum.reviews.ReviewsApi;
import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a resolution does, through the modules that own the target, inside the resolving transaction: a warning
 * message (messaging), hiding the content (messaging, reviews or catalog), suspending or banning the user (accounts, whose
 * {@code USER_BANNED} event then cascades to bookings, enrollments and the profile after commit, each retried by the
 * event publication registry until done). If any step fails the whole resolution rolls back and the report stays
 * open: nothing is half done.
 */
@Component
class ReportEffects {

    private final AccountsApi accounts;
    private final CatalogApi catalog;
    private final MessagingApi messaging;
    private final ReviewsApi reviews;

    ReportEffects(AccountsApi accounts, CatalogApi catalog, MessagingApi messaging, ReviewsApi reviews) {
        this.reviews = reviews;
        this.accounts = accounts;
        this.catalog = catalog;
        this.messaging = messaging;
    }

    /** Applies the resolution and returns what it did, for the report's history. */
    Map<String, Object> apply(CurrentUser admin, Report report, ReportResolution resolution, @Nullable String message) {
        if (!resolution.appliesTo(report.targetType())) {
            throw LyceumException.invalid(
                    "report.resolution_not_applicable",
                    resolution + " does not apply to a reported " + report.targetType() + ".",
                    List.of(new FieldError("resolution", "a resolution for " + report.targetType())));
        }
        // reasons go to histories and the audit log, which keep at most 1000 characters
        // a text in, a text out
        String reason =
                Objects.requireNonNull(Reports.clip("report " + report.id() + (message == null ? "" : ": " + message)));
        Map<String, Object> done = new LinkedHashMap<>();
        switch (resolution) {
            case DISMISSED, ACKNOWLEDGED -> {}
            case WARNED, CHANGES_REQUIRED -> {
                String body = message != null
                        ? message
                        : resolution == ReportResolution.WARNED
                                ? "An administrator reviewed a report about your " + subject(report)
                                        + " and is warning you. Please follow the platform's rules."
                                : "An administrator reviewed a report about your " + subject(report)
                                        + " and asks you to change it.";
                done.put(
                        "warningMessageId",
                        messaging
                                .sendWarning(
                                        admin.userId().value(),
                                        UserId.of(requireOwner(report)),
                                        body,
                                        WarningSeverity.WARNING,
                                        resolution.resolutionType,
                                        report.id())
                                .toString());
            }
            case CONTENT_REMOVED -> {
                switch (report.targetType()) {
                    case MESSAGE -> {
                        messaging.removeMessage(admin, report.targetId(), reason);
                        done.put("messageRemoved", true);
                    }
                    case REVIEW -> done.put("reviewHidden", reviews.hideReview(admin, report.targetId(), reason));
                    case COURSE_PACK ->
                        done.put(
                                "coursePackRemoved",
                                catalog.removeCoursePack(admin, CoursePackId.of(report.targetId()), reason));
                    case PROFILE ->
                        done.put(
                                "profileHidden",
                                catalog.hideTutorProfile(admin, TutorId.of(report.targetId()), reason));
                    default -> throw new IllegalStateException("checked by appliesTo");
                }
            }
            case USER_SUSPENDED -> {
                accounts.suspendUser(admin, UserId.of(requireOwner(report)), reason);
                done.put("suspendedUserId", report.targetUserId().toString());
            }
            case USER_BANNED -> {
                accounts.banUser(admin, UserId.of(requireOwner(report)), reason);
                done.put("bannedUserId", report.targetUserId().toString());
            }
        }
        return done;
    }

    private static java.util.UUID requireOwner(Report report) {
        if (report.targetUserId() == null) {
            throw LyceumException.invalid(
                    "report.no_target_user",
                    "The reported content has no author to act on.",
                    List.of(new FieldError("resolution", "a resolution that does not act on a user")));
        }
        return report.targetUserId();
    }

    private static String subject(Report report) {
        return switch (report.targetType()) {
            case USER -> "account";
            case MESSAGE -> "message";
            case REVIEW -> "review";
            case COURSE_PACK -> "course pack";
            case PROFILE -> "tutor profile";
        };
    }
}
