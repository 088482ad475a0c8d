package io.lyceum.accounts;

import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Service;

@Service
class AccountsFacade implements AccountsApi {

    private final UserStore users;
    private final GuardianLinks links;
    private final JwtDecoder accessTokens;
    private final SessionStore sessions;
    private final io.lyceum.tenancy.TenancyApi tenancy;
    private final AdminUserService adminUsers;

    AccountsFacade(
            UserStore users,
            GuardianLinks links,
            JwtDecoder accessTokens,
            SessionStore sessions,
            io.lyceum.tenancy.TenancyApi tenancy,
            AdminUserService adminUsers) {
        this.tenancy = tenancy;
        this.adminUsers = adminUsers;
        this.users = users;
        this.links = links;
        this.accessTokens = accessTokens;
        this.sessions = sessions;
    }

    @Override
    public Optional<VerifiedAccess> verifyAccessToken(@Nullable String accessToken) {
        if (accessToken == null || accessToken.isBlank() || accessToken.length() > 8192) {
            return Optional.empty();
        }
        CurrentUser user;
        Jwt jwt;
        try {
            jwt = accessTokens.decode(accessToken);
            user = TokenIssuer.userOf(jwt);
        } catch (JwtException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
        // as for every request: a suspended tenant's tokens are refused (issue 11, finding 15)
        boolean tenantActive = tenancy.findById(user.tenantId())
                .map(io.lyceum.tenancy.Tenant::isActive)
                .orElse(false);
        boolean live = tenantActive
                && TenantContext.callAs(
                        user.tenantId(),
                        () -> sessions.isLive(
                                user.requireSessionId(), user.userId().value()));
        return live && jwt.getExpiresAt() != null
                ? Optional.of(new VerifiedAccess(user, jwt.getExpiresAt()))
                : Optional.empty();
    }

    @Override
    public Optional<UserSummary> findUser(UserId userId) {
        return users.findById(userId.value()).map(User::summary);
    }

    @Override
    public Optional<UserSummary> findUserByEmail(String email) {
        return email == null || email.isBlank()
                ? Optional.empty()
                : users.findByEmail(email).map(User::summary);
    }

    @Override
    public Optional<UserSummary> findByVerifiedMobile(String e164) {
        if (e164 == null || !e164.matches(MobileNumbers.E164)) {
            return Optional.empty();
        }
        List<User> holders = users.findByVerifiedMobile(e164.trim());
        return holders.size() == 1 ? Optional.of(holders.getFirst().summary()) : Optional.empty();
    }

    @Override
    public Optional<Contact> contact(UserId userId) {
        return users.findById(userId.value()).map(User::contact);
    }

    @Override
    public List<UserId> staff() {
        return users.activeStaff().stream().map(UserId::of).toList();
    }

    @Override
    public boolean mayActFor(UserId guardianId, UserId studentId) {
        return links.mayActFor(guardianId.value(), studentId.value());
    }

    @Override
    public List<UserId> studentsOf(UserId guardianId) {
        return links.activeStudentsOf(guardianId.value()).stream()
                .map(UserId::of)
                .toList();
    }

    @Override
    public Optional<String> chosenDisplayCurrency(UserId userId) {
        return users.findById(userId.value()).map(User::displayCurrency);
    }

    @Override
    public UserSummary suspendUser(CurrentUser admin, UserId userId, String reason) {
        User current = adminUsers.get(userId.value());
        if (current.status() == UserStatus.SUSPENDED) {
            return current.summary();
        }
        return adminUsers.suspend(admin, userId.value(), reason).summary();
    }

    @Override
    public UserSummary banUser(CurrentUser admin, UserId userId, String reason) {
        User current = adminUsers.get(userId.value());
        if (current.status() == UserStatus.BANNED) {
            return current.summary();
        }
        return adminUsers.ban(admin, userId.value(), reason).summary();
    }
}
