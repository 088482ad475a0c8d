package io.lyceum.catalog;

import java.math.BigDecimal;
import java.util.UUID;

/** The validated filters of one tutor search; every field is optional. Prices are minor units. */
record SearchCriteria(
        UUID subjectId,
        Level level,
        Long minPrice,
        Long maxPrice,
        String currency,
        String language,
        ProfileDocument.TeachingMode teachingMode,
        BigDecimal minRating,
        String q) {

    static final SearchCriteria NONE = new SearchCriteria(null, null, null, null, null, null, null, null, null);

    /** A stable text form of the criteria, part of the cache key and the ETag. */
    String canonical() {
        return subjectId + "|" + level + "|" + minPrice + "|" + maxPrice + "|" + currency + "|" + language + "|"
                + teachingMode + "|"
                + (minRating == null ? null : minRating.stripTrailingZeros().toPlainString())
                + "|" + q;
    }
}
