package io.lyceum.accounts;

import java.util.Optional;
import java.util.UUID;

/** What other modules may ask of the accounts module. Queries run in the current tenant. */
public interface AccountsApi {

    Optional<UserSummary> findUser(UUID userId);
}
