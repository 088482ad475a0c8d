package io.lyceum.analytics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the dashboards and reports ({@code lyceum.analytics.*}).
 *
 * @param maxSpan the longest period a dashboard or report may cover
 * @param reportSweepInterval how often the report worker looks for requested reports
 * @param reportLease how long a worker owns a report it is generating; a report still RUNNING past it (its instance
 *     died) is taken up again
 * @param reportMaxAttempts attempts before a report is FAILED
 */
@ConfigurationProperties("lyceum.analytics")
record AnalyticsProperties(
        @DefaultValue("P731D") Duration maxSpan,
        @DefaultValue("PT5S") Duration reportSweepInterval,
        @DefaultValue("PT10M") Duration reportLease,
        @DefaultValue("3") int reportMaxAttempts) {}
