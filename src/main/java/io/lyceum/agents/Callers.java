package io.lyceum.agents;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the current request, from its security context: the only identity a tool ever runs with. */
final class Callers {

    private Callers() {}

    static CurrentUser current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            return user;
        }
        throw new LyceumException(
                ErrorKind.UNAUTHORIZED, "auth.unauthenticated", "Sign in first: send an access token.");
    }
}
