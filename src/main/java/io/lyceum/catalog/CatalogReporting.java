package io.lyceum.catalog;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** The catalog's read-only figures for dashboards and reports, for the current tenant. */
public interface CatalogReporting {

    /** The names of the subjects given that exist in this tenant. */
    Map<UUID, String> subjectNames(Collection<UUID> subjectIds);

    /** Tutor profiles per approval state; every state is present. */
    Map<TutorProfileStatus, Long> tutorProfilesByStatus();

    /**
     * Tutor searches served in the period, by whole hours: searches are counted in memory and flushed every {@code
     * lyceum.catalog.search-counts.flush-interval}, so the last interval's searches may not be counted yet.
     */
    long searches(Instant from, Instant to);
}
