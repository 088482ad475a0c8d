package io.lyceum.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The search filter "free between freeFrom and freeTo": the tutors come from the {@link FreeTutors} another module
 * provides; without one, no tutor is known to be free.
 */
@Component
class FreeTimeFilter implements SearchFilter {

    private final ObjectProvider<FreeTutors> freeTutors;

    FreeTimeFilter(ObjectProvider<FreeTutors> freeTutors) {
        this.freeTutors = freeTutors;
    }

    @Override
    public @Nullable String condition(SearchCriteria criteria, Map<String, Object> params) {
        Instant from = criteria.freeFrom();
        Instant to = criteria.freeTo();
        if (from == null || to == null) { // the criteria do not ask for free time
            return null;
        }
        FreeTutors provider = freeTutors.getIfAvailable();
        List<UUID> free = provider == null ? List.of() : provider.freeBetween(from, to);
        if (free.isEmpty()) {
            return "FALSE";
        }
        params.put("freeTutors", free.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")));
        // a semi-join on the unnested ids (hashed), not = ANY over a long array parameter (a linear scan per row)
        return "ts.tutor_id IN (SELECT unnest(CAST(:freeTutors AS uuid[])))";
    }
}
