package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.scheduling.OpenHours.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Long open intervals are stored as overlapping pieces; no lesson may be lost in the cutting. */
class OpenTimePiecesProperties {

    private static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void everyLessonInsideAnIntervalLiesInsideOnePiece(
            @ForAll @IntRange(min = 1, max = 60 * 24 * 30) int lengthMinutes,
            @ForAll @IntRange(min = 0, max = 60 * 24 * 30) int lessonStartMinutes,
            @ForAll @IntRange(min = 15, max = AvailabilityRules.MAX_LESSON) int lessonMinutes) {
        Interval interval = new Interval(BASE, BASE.plus(Duration.ofMinutes(lengthMinutes)));
        List<Interval> pieces = OpenTimeIndex.pieces(List.of(interval));
        // pieces are short enough for the filter's index range, cover the interval and stay inside it
        assertThat(pieces).allMatch(p -> Duration.between(p.start(), p.end()).compareTo(OpenTimeIndex.PIECE) <= 0);
        assertThat(pieces.getFirst().start()).isEqualTo(interval.start());
        assertThat(pieces.getLast().end()).isEqualTo(interval.end());
        for (int i = 1; i < pieces.size(); i++) {
            assertThat(pieces.get(i).start()).isBefore(pieces.get(i - 1).end());
        }
        Instant start = BASE.plus(Duration.ofMinutes(lessonStartMinutes));
        Instant end = start.plus(Duration.ofMinutes(lessonMinutes));
        if (interval.contains(start, end)) {
            assertThat(pieces).anyMatch(p -> p.contains(start, end));
        }
    }
}
