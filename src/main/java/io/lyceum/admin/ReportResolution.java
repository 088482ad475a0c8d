package io.lyceum.admin;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How an admin closes a report (seed 002's resolutions), what status that gives it, which targets it applies to and
 * the {@code resolutionType} a warning message carries (seed 002's {@code sendSystemMessage} names).
 */
enum ReportResolution {
    /** Nothing wrong found. */
    DISMISSED(ReportStatus.DISMISSED, null, EnumSet.allOf(ReportTargetType.class)),
    /** The user is sent a warning message. */
    WARNED(ReportStatus.RESOLVED, "warn", EnumSet.allOf(ReportTargetType.class)),
    /** The author is told (by a warning message) to change the content. */
    CHANGES_REQUIRED(
            ReportStatus.RESOLVED,
            "requireEdit",
            EnumSet.of(
                    ReportTargetType.MESSAGE,
                    ReportTargetType.REVIEW,
                    ReportTargetType.COURSE_PACK,
                    ReportTargetType.PROFILE)),
    /**
     * The content is hidden: the message deleted, the review hidden, the pack removed (refunding its enrollments), the
     * profile hidden.
     */
    CONTENT_REMOVED(
            ReportStatus.RESOLVED,
            "removeContent",
            EnumSet.of(
                    ReportTargetType.MESSAGE,
                    ReportTargetType.REVIEW,
                    ReportTargetType.COURSE_PACK,
                    ReportTargetType.PROFILE)),
    /** The user (or the content's author) is suspended: signed out, cannot sign in until reinstated. */
    USER_SUSPENDED(ReportStatus.RESOLVED, "suspend", EnumSet.allOf(ReportTargetType.class)),
    /** The user is banned: future lessons cancelled and refunded, enrollments refunded pro rata, profile hidden. */
    USER_BANNED(ReportStatus.RESOLVED, "ban", EnumSet.allOf(ReportTargetType.class)),
    /** Taken note of, with no action on anyone (for example feedback that is not a complaint). */
    ACKNOWLEDGED(ReportStatus.RESOLVED, null, EnumSet.allOf(ReportTargetType.class));

    final ReportStatus closesAs;
    final @Nullable String resolutionType;
    private final Set<ReportTargetType> appliesTo;

    ReportResolution(ReportStatus closesAs, @Nullable String resolutionType, Set<ReportTargetType> appliesTo) {
        this.closesAs = closesAs;
        this.resolutionType = resolutionType;
        this.appliesTo = appliesTo;
    }

    boolean appliesTo(ReportTargetType type) {
        return appliesTo.contains(type);
    }
}
