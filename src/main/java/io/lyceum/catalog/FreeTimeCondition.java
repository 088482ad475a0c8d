package io.lyceum.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * The tutor search's "free between X and Y" filter ({@code GET /api/v1/tutors?freeFrom=&freeTo=}), implemented by the
 * module that knows tutors' time (scheduling, which depends on the catalog and not the other way round). The catalog
 * applies it as one more SQL condition of the search, so tutors are filtered in the database, not one by one.
 */
public interface FreeTimeCondition {

    /**
     * An SQL condition over a row of {@code tutor_search} aliased {@code ts} (use {@code ts.tutor_id}), true when the
     * tutor has at least one bookable lesson of their shortest length inside {@code [from, to)}. Bind values into
     * {@code params} under names starting with {@code free}; the search's other names must not be reused. Called once
     * per computed search (both of its statements use the condition), in the current tenant and the search's read-only
     * transaction, so an implementation may run a statement of its own and hand over its result.
     */
    String condition(Instant from, Instant to, Map<String, Object> params);
}
