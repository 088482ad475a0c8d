package io.lyceum.catalog;

import java.util.Map;

/**
 * One condition of the public tutor search ({@code GET /api/v1/tutors}) over a row of {@code tutor_search}, aliased
 * {@code ts}. Every built-in filter (subject, level, price, currency, language, teaching mode, rating, free text) is
 * one of these, and any further {@code SearchFilter} bean in this module is applied to every search as well.
 *
 * <p>This is the place for the scheduling issue's "has free time between X and Y" filter: it adds the two instants to
 * {@link SearchCriteria} (and to the controller's parameters), and contributes a bean whose condition, when both are
 * present, narrows the rows with {@code ts.tutor_id = ANY(:freeTutorIds)} (or an {@code EXISTS} over its own table),
 * binding its parameters into the given map under names of its own. The cache key and the ETag already cover every
 * criterion, so nothing else has to change.
 */
interface SearchFilter {

    /**
     * The facet this filter narrows ({@link #SUBJECT}, {@link #LEVEL}, {@link #PRICE}), or {@code null}. A facet is
     * counted over the rows that match every filter except the ones narrowing that same facet.
     */
    default String facet() {
        return null;
    }

    /**
     * The SQL condition for these criteria, binding its values into {@code params}; {@code null} when the criteria
     * do not use this filter.
     */
    String condition(SearchCriteria criteria, Map<String, Object> params);

    String SUBJECT = "subject";
    String LEVEL = "level";
    String PRICE = "price";
}
