package io.lyceum.catalog;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One condition of the public tutor search ({@code GET /api/v1/tutors}) over a row of {@code tutor_search}, aliased
 * {@code ts}. Every built-in filter (subject, level, price, currency, language, teaching mode, rating, free text) is
 * one of these, and any further {@code SearchFilter} bean in this module is applied to every search as well.
 *
 * <p>The "free between freeFrom and freeTo" filter of the scheduling issue is one of these ({@link FreeTimeFilter}),
 * adapting the public {@link FreeTutors} that the scheduling module implements (the catalog cannot depend on
 * scheduling). Free time changes with every booking and with the clock, so {@link TutorSearch} never caches a search
 * that asks for it; every other criterion is covered by the cache key and the ETag.
 */
interface SearchFilter {

    /**
     * The facet this filter narrows ({@link #SUBJECT}, {@link #LEVEL}, {@link #PRICE}), or {@code null}. A facet is
     * counted over the rows that match every filter except the ones narrowing that same facet.
     */
    default @Nullable String facet() {
        return null;
    }

    /**
     * The SQL condition for these criteria, binding its values into {@code params}; {@code null} when the criteria
     * do not use this filter.
     */
    @Nullable
    String condition(SearchCriteria criteria, Map<String, Object> params);

    String SUBJECT = "subject";
    String LEVEL = "level";
    String PRICE = "price";
}
