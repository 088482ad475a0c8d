package io.lyceum.scheduling;

import io.lyceum.catalog.FreeTimeCondition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The catalog search's "free between X and Y" filter, evaluated in PostgreSQL: each tutor's precomputed open time
 * ({@link OpenTimeIndex}) minus the occupying bookings widened by the buffer, checked for a quarter-hour-aligned gap
 * of the shortest lesson length inside [X, Y), the minimum notice and the horizon (function
 * {@code scheduling_has_free_time}, the same rules as {@link SlotFinder}).
 */
@Component
class FreeTimeSearch implements FreeTimeCondition {

    private final Clock clock;

    FreeTimeSearch(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String condition(Instant from, Instant to, Map<String, Object> params) {
        params.put("freeFrom", from.atOffset(ZoneOffset.UTC));
        params.put("freeTo", to.atOffset(ZoneOffset.UTC));
        params.put("freeNow", clock.instant().atOffset(ZoneOffset.UTC));
        return "EXISTS (SELECT 1 FROM tutor_open_time o WHERE o.tutor_id = ts.tutor_id"
                + " AND scheduling_has_free_time(o, :freeFrom, :freeTo, :freeNow))";
    }
}
