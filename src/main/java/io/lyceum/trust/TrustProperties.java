package io.lyceum.trust;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the credibility scores ({@code lyceum.trust.*}).
 *
 * @param workerSecret the shared secret of {@code POST /api/v1/internal/caas-worker} ({@code Authorization: Bearer});
 *     required in production; empty in development: one is generated at start-up and logged
 * @param workerInterval how often the scheduler drains the recalculation queue
 * @param batchSize how many subjects one worker transaction recalculates
 * @param tutorWeights the weight of each tutor component (relative; the score divides by their sum)
 * @param clientWeights the weight of each client component
 */
@Validated
@ConfigurationProperties("lyceum.trust")
record TrustProperties(
        String workerSecret,

        @NotNull @DurationMin(seconds = 1) @DefaultValue("PT30S")
        Duration workerInterval,

        @Min(1) @Max(1000) @DefaultValue("100") int batchSize,
        @Valid @NotNull @DefaultValue TutorWeights tutorWeights,
        @Valid @NotNull @DefaultValue ClientWeights clientWeights) {

    record TutorWeights(
            @Min(0) @Max(1000) @DefaultValue("10") int profile,
            @Min(0) @Max(1000) @DefaultValue("10") int credentials,
            @Min(0) @Max(1000) @DefaultValue("25") int reviews,
            @Min(0) @Max(1000) @DefaultValue("15") int lessons,
            @Min(0) @Max(1000) @DefaultValue("10") int cancellations,
            @Min(0) @Max(1000) @DefaultValue("10") int noShows,
            @Min(0) @Max(1000) @DefaultValue("10") int responseTime,
            @Min(0) @Max(1000) @DefaultValue("5") int tenure,
            @Min(0) @Max(1000) @DefaultValue("5") int disputes) {

        @AssertTrue(message = "at least one tutor weight must be positive")
        boolean isAnyPositive() {
            return profile
                            + credentials
                            + reviews
                            + lessons
                            + cancellations
                            + noShows
                            + responseTime
                            + tenure
                            + disputes
                    > 0;
        }
    }

    record ClientWeights(
            @Min(0) @Max(1000) @DefaultValue("30") int payments,
            @Min(0) @Max(1000) @DefaultValue("20") int lateCancellations,
            @Min(0) @Max(1000) @DefaultValue("20") int noShows,
            @Min(0) @Max(1000) @DefaultValue("10") int disputes,
            @Min(0) @Max(1000) @DefaultValue("20") int tutorRatings) {

        @AssertTrue(message = "at least one client weight must be positive")
        boolean isAnyPositive() {
            return payments + lateCancellations + noShows + disputes + tutorRatings > 0;
        }
    }
}
