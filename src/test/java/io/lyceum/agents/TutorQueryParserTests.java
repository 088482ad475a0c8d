package io.lyceum.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.catalog.CatalogToolsApi.SubjectName;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The deterministic reading of tutor requests into search filters. */
class TutorQueryParserTests {

    private static final UUID CHEMISTRY = UUID.randomUUID();
    private static final UUID FURTHER_MATHS = UUID.randomUUID();
    private static final UUID MATHS = UUID.randomUUID();
    private static final List<SubjectName> SUBJECTS = List.of(
            new SubjectName(CHEMISTRY, "Chemistry", List.of("GCSE", "A_LEVEL")),
            new SubjectName(MATHS, "Maths", List.of("GCSE")),
            new SubjectName(FURTHER_MATHS, "Further Maths", List.of("A_LEVEL")));
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** A Sunday, 10:00 in London. */
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void readsTheIssuesExample() {
        var c = TutorQueryParser.parse(
                "a patient chemistry tutor for A-level, evenings, under 40 pounds", SUBJECTS, LONDON, NOW);
        assertThat(c.subjectId()).isEqualTo(CHEMISTRY);
        assertThat(c.level()).isEqualTo("A_LEVEL");
        assertThat(c.maxPrice()).isEqualTo(4000);
        assertThat(c.minPrice()).isNull();
        assertThat(c.currency()).isEqualTo("GBP");
        // the next evening: today 18:00–22:00 London time
        assertThat(c.freeFrom()).isEqualTo(Instant.parse("2026-12-06T18:00:00Z"));
        assertThat(c.freeTo()).isEqualTo(Instant.parse("2026-12-06T22:00:00Z"));
        assertThat(c.q()).isEqualTo("patient");
    }

    @Test
    void pricesWithSymbolsRangesAndDecimals() {
        var range = TutorQueryParser.parse("maths GCSE between $20 and $35.50", SUBJECTS, LONDON, NOW);
        assertThat(range.subjectId()).isEqualTo(MATHS);
        assertThat(range.minPrice()).isEqualTo(2000);
        assertThat(range.maxPrice()).isEqualTo(3550);
        assertThat(range.currency()).isEqualTo("USD");

        var euros = TutorQueryParser.parse("ib maths at most 30 euros, at least €15", SUBJECTS, LONDON, NOW);
        assertThat(euros.level()).isEqualTo("IB");
        assertThat(euros.maxPrice()).isEqualTo(3000);
        assertThat(euros.minPrice()).isEqualTo(1500);
        assertThat(euros.currency()).isEqualTo("EUR");

        var pounds = TutorQueryParser.parse("£25 max", SUBJECTS, LONDON, NOW);
        assertThat(pounds.maxPrice()).isEqualTo(2500);
        assertThat(pounds.currency()).isEqualTo("GBP");
    }

    @Test
    void theLongestSubjectNameWins() {
        var c = TutorQueryParser.parse("further maths for university", SUBJECTS, LONDON, NOW);
        assertThat(c.subjectId()).isEqualTo(FURTHER_MATHS);
        assertThat(c.level()).isEqualTo("UNIVERSITY");
        assertThat(c.q()).isNull();
    }

    @Test
    void weekdaysAndTimesOfDayMakeTheNextWindow() {
        var monday = TutorQueryParser.parse("chemistry on Monday mornings", SUBJECTS, LONDON, NOW);
        assertThat(monday.freeFrom()).isEqualTo(Instant.parse("2026-12-07T06:00:00Z"));
        assertThat(monday.freeTo()).isEqualTo(Instant.parse("2026-12-07T12:00:00Z"));

        var weekend = TutorQueryParser.parse("weekends", SUBJECTS, LONDON, Instant.parse("2026-12-07T10:00:00Z"));
        assertThat(weekend.freeFrom()).isEqualTo(Instant.parse("2026-12-12T00:00:00Z"));

        // this morning is over: the next morning
        var morning = TutorQueryParser.parse("mornings", SUBJECTS, LONDON, Instant.parse("2026-12-06T13:00:00Z"));
        assertThat(morning.freeFrom()).isEqualTo(Instant.parse("2026-12-07T06:00:00Z"));

        // summer time: evenings in London are 17:00–21:00 UTC
        var summer = TutorQueryParser.parse("evening", SUBJECTS, LONDON, Instant.parse("2026-07-01T09:00:00Z"));
        assertThat(summer.freeFrom()).isEqualTo(Instant.parse("2026-07-01T17:00:00Z"));
    }

    @Test
    void nothingUnderstoodIsNoFilter() {
        var c = TutorQueryParser.parse("a tutor please", SUBJECTS, LONDON, NOW);
        assertThat(c.subjectId()).isNull();
        assertThat(c.level()).isNull();
        assertThat(c.minPrice()).isNull();
        assertThat(c.maxPrice()).isNull();
        assertThat(c.freeFrom()).isNull();
        assertThat(c.q()).isNull();
        assertThat(c.understood()).isEmpty();
    }
}
