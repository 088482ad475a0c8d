package io.lyceum.accounts;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

@Service
class AccountsFacade implements AccountsApi {

    private final UserStore users;
    private final GuardianLinks links;

    AccountsFacade(UserStore users, GuardianLinks links) {
        this.users = users;
        this.links = links;
    }

    @Override
    public Optional<UserSummary> findUser(UUID userId) {
        return users.findById(userId).map(User::summary);
    }

    @Override
    public boolean mayActFor(UUID guardianId, UUID studentId) {
        return links.mayActFor(guardianId, studentId);
    }

    @Override
    public List<UUID> studentsOf(UUID guardianId) {
        return links.activeStudentsOf(guardianId);
    }

    @Override
    public Optional<String> chosenDisplayCurrency(UUID userId) {
        return users.findById(userId).map(User::displayCurrency);
    }
}
