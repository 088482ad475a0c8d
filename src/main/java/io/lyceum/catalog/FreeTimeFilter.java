package io.lyceum.catalog;

import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The search filter "free between freeFrom and freeTo": the condition comes from the {@link FreeTimeCondition} another
 * module provides; without one, no tutor is known to be free.
 */
@Component
class FreeTimeFilter implements SearchFilter {

    private final ObjectProvider<FreeTimeCondition> conditions;

    FreeTimeFilter(ObjectProvider<FreeTimeCondition> conditions) {
        this.conditions = conditions;
    }

    @Override
    public String condition(SearchCriteria criteria, Map<String, Object> params) {
        if (!criteria.asksFreeTime()) {
            return null;
        }
        FreeTimeCondition condition = conditions.getIfAvailable();
        return condition == null ? "FALSE" : condition.condition(criteria.freeFrom(), criteria.freeTo(), params);
    }
}
