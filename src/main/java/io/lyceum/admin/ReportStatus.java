package io.lyceum.admin;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a report is in its workflow, and the moves out of each state: the one table of the report's state machine.
 * OPEN and INVESTIGATING are live (assignable); RESOLVED and DISMISSED are final.
 */
enum ReportStatus {
    OPEN,
    INVESTIGATING,
    RESOLVED,
    DISMISSED;

    /** The states a report in this state may move to. */
    Set<ReportStatus> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(INVESTIGATING, RESOLVED, DISMISSED);
            case INVESTIGATING -> EnumSet.of(RESOLVED, DISMISSED);
            case RESOLVED, DISMISSED -> EnumSet.noneOf(ReportStatus.class);
        };
    }

    boolean live() {
        return this == OPEN || this == INVESTIGATING;
    }

    boolean mayMoveTo(ReportStatus target) {
        return next().contains(target);
    }
}
