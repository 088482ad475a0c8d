package io.lyceum.analytics;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the dashboards and reports ({@code lyceum.analytics.*}), checked when bound: a bad value stops start-up
 * naming the property.
 *
 * @param maxSpan the longest period a dashboard or report may cover (at least a day)
 * @param reportSweepInterval how often the report worker looks for requested reports
 * @param reportLease how long a worker owns a report it is generating; a report still RUNNING past it (its instance
 *     died) is taken up again
 * @param reportMaxAttempts attempts before a report is FAILED (1 to 20)
 */
@Validated
@ConfigurationProperties("lyceum.analytics")
record AnalyticsProperties(
        @NotNull @DurationMin(days = 1) @DefaultValue("P731D")
        Duration maxSpan,

        @NotNull @DurationMin(millis = 100) @DefaultValue("PT5S")
        Duration reportSweepInterval,

        @NotNull @DurationMin(seconds = 10) @DefaultValue("PT10M")
        Duration reportLease,

        @Min(1) @Max(20) @DefaultValue("3") int reportMaxAttempts) {}
