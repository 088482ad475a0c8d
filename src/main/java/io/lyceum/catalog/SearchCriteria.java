package io.lyceum.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The validated filters of one tutor search; every field is optional. Prices are minor units; freeFrom and freeTo come
 * together.
 */
record SearchCriteria(
        @Nullable UUID subjectId,
        @Nullable Level level,
        @Nullable Long minPrice,
        @Nullable Long maxPrice,
        @Nullable String currency,
        @Nullable String language,
        ProfileDocument.@Nullable TeachingMode teachingMode,
        @Nullable BigDecimal minRating,
        @Nullable String q,
        @Nullable Instant freeFrom,
        @Nullable Instant freeTo) {

    static final SearchCriteria NONE =
            new SearchCriteria(null, null, null, null, null, null, null, null, null, null, null);

    /** Whether the search asks for free time: its answer then changes with every booking, so it is never cached. */
    boolean asksFreeTime() {
        return freeFrom != null && freeTo != null;
    }

    /** A stable text form of the criteria, part of the cache key and the ETag. */
    String canonical() {
        return subjectId + "|" + level + "|" + minPrice + "|" + maxPrice + "|" + currency + "|" + language + "|"
                + teachingMode + "|"
                + (minRating == null ? null : minRating.stripTrailingZeros().toPlainString())
                + "|" + q + "|" + freeFrom + "|" + freeTo;
    }
}
