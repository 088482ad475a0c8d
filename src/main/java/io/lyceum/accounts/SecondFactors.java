package io.lyceum.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What sign-in asks about second factors: whether a user needs one and, if so, a challenge to answer instead of
 * tokens. Answering it is {@link TwoFactorService#verify}.
 */
@Component
class SecondFactors {

    static final Duration CHALLENGE_TTL = Duration.ofMinutes(5);
    static final int MAX_CHALLENGE_ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecondFactorStore store;
    private final Clock clock;

    SecondFactors(SecondFactorStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * A sign-in waiting for its second factor: the opaque {@code challengeId} to answer with, the methods the user
     * can answer with, and when it expires.
     */
    record Challenge(String challengeId, List<SecondFactorMethod> methods, Instant expiresAt, long expiresIn)
            implements AuthService.LoginOutcome {}

    boolean isRequired(User user) {
        return store.settings(user.id()).anyEnabled();
    }

    /** Opens a challenge for a user whose password was right; call inside the sign-in transaction. */
    Challenge challenge(User user, String ip, String userAgent) {
        var settings = store.settings(user.id());
        List<SecondFactorMethod> methods = new ArrayList<>();
        if (settings.totpEnabled()) {
            methods.add(SecondFactorMethod.TOTP);
        }
        if (settings.emailEnabled()) {
            methods.add(SecondFactorMethod.EMAIL);
        }
        if (store.recoveryCodesLeft(user.id()) > 0) {
            methods.add(SecondFactorMethod.RECOVERY_CODE);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        store.createChallenge(user.id(), SessionStore.hash(token), CHALLENGE_TTL, ip, userAgent);
        return new Challenge(
                token, List.copyOf(methods), clock.instant().plus(CHALLENGE_TTL), CHALLENGE_TTL.toSeconds());
    }
}
