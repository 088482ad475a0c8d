package io.lyceum.accounts;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated with a personal API key: the key's user with their current role, and the key's scope. */
final class PersonalKeyAuthentication extends AbstractAuthenticationToken {

    private final CurrentUser user;

    PersonalKeyAuthentication(CurrentUser user, boolean readOnly) {
        super(authorities(user, readOnly));
        this.user = user;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(CurrentUser user, boolean readOnly) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(user.role().authority()));
        if (readOnly) {
            authorities.add(new SimpleGrantedAuthority(PersonalKeys.READ_ONLY_AUTHORITY));
        }
        return authorities;
    }

    @Override
    public Object getCredentials() {
        return ""; // the key itself is never kept past the check
    }

    @Override
    public CurrentUser getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user.getName();
    }
}
