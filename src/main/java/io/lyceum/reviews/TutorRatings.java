package io.lyceum.reviews;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A tutor's public review aggregates.
 *
 * @param average the mean rating; null without reviews
 * @param bayesianAverage {@code (priorWeight × priorMean + sum of ratings) / (priorWeight + count)}: the mean pulled
 *     towards the prior, so a few reviews count for less than many; null without reviews
 */
public record TutorRatings(
        int count, @Nullable BigDecimal average, @Nullable BigDecimal bayesianAverage) {}
