package io.lyceum.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.catalog.TutorProfileFacts;
import io.lyceum.reviews.StudentRatings;
import io.lyceum.reviews.TutorRatings;
import io.lyceum.scheduling.SchedulingApi.ClientRecord;
import io.lyceum.scheduling.SchedulingApi.TutorRecord;
import io.lyceum.shared.TutorId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The strategies against scores computed by hand (default weights; the arithmetic is in the comments). */
class StrategyTests {

    static final TrustProperties.TutorWeights TUTOR =
            new TrustProperties.TutorWeights(10, 10, 25, 15, 10, 10, 10, 5, 5);
    static final TrustProperties.ClientWeights CLIENT = new TrustProperties.ClientWeights(30, 20, 20, 10, 20);
    static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    static Map<String, BigDecimal> points(Breakdown b) {
        return b.components().stream()
                .collect(Collectors.toMap(Breakdown.Component::name, Breakdown.Component::points));
    }

    @Test
    void aBrandNewTutorHasOnlyTheProfileTheCleanRecordAndANeutralResponseTime() {
        // profile 5/8 × 10 = 6.25; credentials 0; reviews 0; lessons 0; cancellations, no-shows: no agreed lesson = 1
        // → 10 + 10; response time unknown = 0.5 × 10 = 5; tenure 0; disputes 1 × 5 = 5. Sum 36.25 → 36
        Breakdown b = TutorStrategy.score(
                new TutorStrategy.Inputs(
                        new TutorProfileFacts(TutorId.of(UUID.randomUUID()), true, 5, 0, NOW),
                        new TutorRatings(0, null, null),
                        new TutorRecord(0, 0, 0, 0, 0, null),
                        NOW),
                TUTOR);
        assertThat(b.score()).isEqualTo(36);
        assertThat(points(b))
                .containsEntry("profile", new BigDecimal("6.25"))
                .containsEntry("reviews", new BigDecimal("0.00"))
                .containsEntry("responseTime", new BigDecimal("5.00"))
                .containsEntry("disputes", new BigDecimal("5.00"));
        assertThat(b.components())
                .filteredOn(c -> c.name().equals("cancellations"))
                .singleElement()
                .satisfies(c -> assertThat(c.hint()).isNull());
        assertThat(b.components())
                .filteredOn(c -> c.name().equals("reviews"))
                .singleElement()
                .satisfies(c -> assertThat(c.hint()).contains("review"));
    }

    @Test
    void anEstablishedTutor() {
        // profile 8/8 → 10; credentials 4 ≥ 3 → 10; reviews Bayesian 4.6 → (4.6 − 1)/4 = 0.9 × 25 = 22.5;
        // lessons 30 ≥ 20 → 15; agreed 30 + 2 + 1 = 33: cancellations (1 − 2/33) × 10 = 9.3939, no-shows
        // (1 − 1/33) × 10 = 9.6970; response 30 min ≤ 1 h → 10; tenure 730 days → 5; disputes 1 lost → 0.75 × 5 = 3.75.
        // Sum 95.3409 → 95
        Breakdown b = TutorStrategy.score(
                new TutorStrategy.Inputs(
                        new TutorProfileFacts(
                                TutorId.of(UUID.randomUUID()), true, 8, 4, NOW.minus(Duration.ofDays(730))),
                        new TutorRatings(40, new BigDecimal("4.70"), new BigDecimal("4.600")),
                        new TutorRecord(30, 2, 1, 1, 12, Duration.ofMinutes(30)),
                        NOW),
                TUTOR);
        assertThat(b.score()).isEqualTo(95);
        assertThat(points(b))
                .containsEntry("reviews", new BigDecimal("22.50"))
                .containsEntry("cancellations", new BigDecimal("9.39"))
                .containsEntry("noShows", new BigDecimal("9.70"))
                .containsEntry("disputes", new BigDecimal("3.75"));
    }

    @Test
    void anUnreliableTutor() {
        // profile 6/8 × 10 = 7.5; credentials 1/3 × 10 = 3.3333; reviews Bayesian 2.2 → 0.3 × 25 = 7.5;
        // lessons 5/20 × 15 = 3.75; agreed 5 + 3 + 2 = 10: cancellations 0.7 × 10 = 7, no-shows 0.8 × 10 = 8;
        // response 24.5 h → 1 − 23.5/47 = 0.5 × 10 = 5; tenure 73/365 = 0.2 × 5 = 1; disputes 5 lost → 0 (floor).
        // Sum 43.0833 → 43
        Breakdown b = TutorStrategy.score(
                new TutorStrategy.Inputs(
                        new TutorProfileFacts(
                                TutorId.of(UUID.randomUUID()), true, 6, 1, NOW.minus(Duration.ofDays(73))),
                        new TutorRatings(6, new BigDecimal("1.50"), new BigDecimal("2.200")),
                        new TutorRecord(5, 3, 2, 5, 4, Duration.ofMinutes(24 * 60 + 30)),
                        NOW),
                TUTOR);
        assertThat(b.score()).isEqualTo(43);
        assertThat(points(b))
                .containsEntry("responseTime", new BigDecimal("5.00"))
                .containsEntry("disputes", new BigDecimal("0.00"))
                .containsEntry("tenure", new BigDecimal("1.00"));
    }

    @Test
    void clients() {
        // a new client: payments, late cancellations, no-shows, disputes at 1 (30 + 20 + 20 + 10), unrated 0.5 × 20
        // = 10. Sum 90
        assertThat(ClientStrategy.score(
                                new ClientStrategy.Inputs(
                                        new ClientRecord(0, 0, 0, 0, 0, 0), new StudentRatings(0, null)),
                                CLIENT)
                        .score())
                .isEqualTo(90);
        // 6 to pay, 1 lapsed: (5/6) × 30 = 25; held 3 + 1 + 1 = 5: late 0.8 × 20 = 16, no-shows 0.8 × 20 = 16;
        // disputes 10; rated 3.0 → 0.5 × 20 = 10. Sum 77
        Breakdown b = ClientStrategy.score(
                new ClientStrategy.Inputs(
                        new ClientRecord(6, 1, 3, 1, 1, 0), new StudentRatings(2, new BigDecimal("3.00"))),
                CLIENT);
        assertThat(b.score()).isEqualTo(77);
        assertThat(points(b))
                .containsEntry("payments", new BigDecimal("25.00"))
                .containsEntry("tutorRatings", new BigDecimal("10.00"));
        // weights are relative: only payments weighed, half the bookings lapsed → 50
        assertThat(ClientStrategy.score(
                                new ClientStrategy.Inputs(
                                        new ClientRecord(4, 2, 2, 0, 0, 3),
                                        new StudentRatings(1, new BigDecimal("1.00"))),
                                new TrustProperties.ClientWeights(1, 0, 0, 0, 0))
                        .score())
                .isEqualTo(50);
    }
}
