package io.lyceum.accounts;

import io.lyceum.shared.Ids;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.NewTenant;
import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Creates a tenant together with its first OWNER, in one transaction (tenancy creates the tenant and hands back
 * control with the new tenant bound; accounts creates the owner). An owner created by the platform operator starts
 * with a verified email; a self-service owner is sent a verification code like any registration.
 */
@Service
class TenantOnboarding {

    private final TenancyApi tenancy;
    private final UserStore users;
    private final AuthService auth;
    private final PasswordPolicy policy;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TenantOnboarding(
            TenancyApi tenancy,
            UserStore users,
            AuthService auth,
            PasswordPolicy policy,
            PasswordEncoder passwords,
            ApplicationEventPublisher events,
            Clock clock) {
        this.tenancy = tenancy;
        this.users = users;
        this.auth = auth;
        this.policy = policy;
        this.passwords = passwords;
        this.events = events;
        this.clock = clock;
    }

    record NewOwner(String email, String password, String fullName) {}

    record Onboarded(Tenant tenant, User owner, boolean emailVerificationNeeded) {}

    Onboarded create(NewTenant request, NewOwner owner, boolean byOperator) {
        policy.check("owner.password", owner.password(), owner.email());
        String hash = passwords.encode(owner.password()); // slow on purpose: before the transaction opens
        return tenancy.create(request, tenant -> {
            Instant now = clock.instant();
            User user = new User(
                    Ids.newId(),
                    tenant.id(),
                    owner.email().trim(),
                    hash,
                    owner.fullName().trim(),
                    Role.OWNER,
                    UserStatus.ACTIVE,
                    byOperator ? now : null,
                    null,
                    null,
                    tenant.timeZone(),
                    "en",
                    null,
                    null,
                    now,
                    0);
            users.insert(user);
            events.publishEvent(new UserRegistered(UserId.of(user.id()), tenant.id(), Role.OWNER, user.email()));
            events.publishEvent(new AccountAdministered(
                    tenant.id(),
                    null,
                    AccountAdministered.OWNER_CREATED,
                    UserId.of(user.id()),
                    Map.of(),
                    Map.of("email", user.email(), "role", Role.OWNER.name(), "tenant", tenant.slug()),
                    byOperator ? "tenant created by the platform operator" : "self-service sign-up",
                    now,
                    MDC.get("requestId")));
            if (!byOperator) {
                auth.resendEmailVerification(user.email());
            }
            return new Onboarded(tenant, users.findById(user.id()).orElseThrow(), !byOperator);
        });
    }
}
