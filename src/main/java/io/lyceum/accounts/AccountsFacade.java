package io.lyceum.accounts;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

@Service
class AccountsFacade implements AccountsApi {

    private final UserStore users;

    AccountsFacade(UserStore users) {
        this.users = users;
    }

    @Override
    public Optional<UserSummary> findUser(UUID userId) {
        return users.findById(userId).map(User::summary);
    }
}
