package io.lyceum.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who is free between two instants, for the tutor search's filter ({@code GET /api/v1/tutors?freeFrom=&freeTo=}):
 * implemented by the module that knows tutors' time (scheduling, which depends on the catalog and not the other way
 * round). The catalog keeps its own SQL: it asks once per computed search for the ids and filters the search's rows by
 * them in the database.
 */
public interface FreeTutors {

    /**
     * The tutors of the current tenant with at least one bookable lesson of their shortest length inside {@code [from,
     * to)}. Called in the current tenant and the search's read-only transaction.
     */
    List<UUID> freeBetween(Instant from, Instant to);
}
