package io.lyceum.accounts;

import java.util.Map;
import java.util.UUID;

/**
 * A module's share of a user's personal-data export ({@code GET /api/v1/users/me/export}). Declare one as a bean; the
 * export collects every contributor into {@code sections.<section()>}. Runs with the user's tenant bound, in a
 * read-only transaction. Return plain JSON-serialisable values (maps, lists, strings, numbers, booleans, instants),
 * everything the module holds about the user, and never secrets such as password or token hashes.
 */
public interface PersonalDataContributor {

    /** The section name, unique across contributors; by convention the module name, such as {@code bookings}. */
    String section();

    /** Everything this contributor holds about the user. */
    Map<String, Object> collect(UUID userId);
}
