package io.lyceum.reviews;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of reviews ({@code lyceum.reviews.*}).
 *
 * @param window how long after a lesson's end its student may review it and its tutor rate the student; the reviews
 *     stay blind until both sides have reviewed or this window ends
 * @param editWindow how long after writing it the author may change a review
 * @param priorMean the mean rating the Bayesian average starts from
 * @param priorWeight how many reviews the prior counts as
 * @param revealInterval how often the sweep reveals reviews whose window has ended
 */
@Validated
@ConfigurationProperties("lyceum.reviews")
record ReviewProperties(
        @NotNull @DurationMin(hours = 1) @DefaultValue("P14D")
        Duration window,

        @NotNull @DurationMin(minutes = 1) @DefaultValue("PT48H")
        Duration editWindow,

        @NotNull @DecimalMin("1") @DecimalMax("5") @DefaultValue("4.0")
        BigDecimal priorMean,

        @Min(0) @Max(1000) @DefaultValue("5") int priorWeight,

        @NotNull @DurationMin(seconds = 1) @DefaultValue("PT1M")
        Duration revealInterval) {}
