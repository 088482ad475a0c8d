package io.lyceum.platform;

import io.lyceum.shared.LyceumException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The guard of the development inboxes (the email outbox, the SMS and call sandbox): they show verification codes and
 * reset links, so they answer only a caller on the server's own machine (a loopback address, as seen after any
 * trusted proxy) or an owner's access token. Everyone else gets 403 {@code outbox.local_only}.
 */
public final class DevelopmentInbox {

    private DevelopmentInbox() {}

    /** Throws 403 {@code outbox.local_only} unless the request comes from this machine or carries an owner's token. */
    public static void requireLocalOrOwner(HttpServletRequest request) {
        if (!isLoopback(request.getRemoteAddr()) && !callerIsOwner()) {
            throw LyceumException.forbidden(
                    "outbox.local_only",
                    "The development outbox answers callers on this machine, or an owner's access token.");
        }
    }

    static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.ofLiteral(address).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** An owner's token (bearer or cookie) authenticated this request: its authorities carry the role. */
    private static boolean callerIsOwner() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.isAuthenticated()
                && authentication.getAuthorities().stream().anyMatch(a -> "ROLE_OWNER".equals(a.getAuthority()));
    }
}
