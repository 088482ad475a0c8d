package io.lyceum.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A disputed (or resolved) booking as the admin desk sees it: the booking, who opened the dispute and their
 * statement, how it was settled, and the lesson record.
 *
 * @param openedBy who disputed; their statement is {@code statement}
 * @param openedByRole STUDENT, GUARDIAN or TUTOR
 * @param previousState the state the dispute was opened from (COMPLETED, NO_SHOW_STUDENT or NO_SHOW_TUTOR)
 * @param resolution the settlement (outcome, studentRefundAmount, tutorAmount) once resolved; empty before
 * @param lesson the lesson room and what it recorded
 */
public record DisputeFacts(
        BookingSummary booking,
        UUID openedBy,
        String openedByRole,
        String statement,
        String previousState,
        Instant openedAt,
        @Nullable UUID resolvedBy,
        @Nullable String resolutionNote,
        @Nullable Instant resolvedAt,
        Map<String, Object> resolution,
        LessonRecord lesson) {

    public DisputeFacts {
        resolution = resolution == null ? Map.of() : Map.copyOf(resolution);
    }

    /**
     * What the lesson room recorded.
     *
     * @param attendance each participant's joins and leaves as the room provider reported them (empty when it reports
     *     none, as Jitsi does)
     */
    public record LessonRecord(
            @Nullable String provider,
            @Nullable String roomUrl,
            @Nullable String recordingUrl,
            List<Map<String, Object>> attendance) {

        public LessonRecord {
            attendance = attendance == null ? List.of() : List.copyOf(attendance);
        }
    }
}
