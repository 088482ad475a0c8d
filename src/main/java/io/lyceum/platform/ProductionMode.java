package io.lyceum.platform;

import java.util.Set;
import org.springframework.core.env.Environment;

/**
 * Whether this installation runs in production mode, and the start-up refusals that go with it. Production mode is an
 * external database ({@code lyceum.db.embedded=false}); development conveniences (the sandbox provider by default,
 * the open outbox, generated owner passwords) belong to the embedded database only. Each module refuses to start in
 * production with settings that would expose it; docs/security.md lists every refusal.
 */
public final class ProductionMode {

    /** The property that decides the mode: an external database is production. */
    public static final String EMBEDDED_DATABASE = "lyceum.db.embedded";

    /** The shortest secret production accepts for signing webhooks (HMAC keys). */
    public static final int MIN_SECRET_LENGTH = 24;

    /**
     * Secret values that were once written in this repository's sources or docs as defaults. Anyone can read them, so
     * they sign nothing in production, whatever the setting they appear in.
     */
    private static final Set<String> PUBLISHED_SECRETS = Set.of("whsec_lyceum_sandbox_development_secret");

    private ProductionMode() {}

    public static boolean isProduction(Environment environment) {
        return !environment.getProperty(EMBEDDED_DATABASE, Boolean.class, true);
    }

    /** Whether a property was set at all (blank counts as not set). */
    public static boolean isSet(Environment environment, String property) {
        String value = environment.getProperty(property);
        return value != null && !value.isBlank();
    }

    /** Whether a secret value is one of the defaults published in the source code. */
    public static boolean isPublished(String secret) {
        return secret != null && PUBLISHED_SECRETS.contains(secret.trim());
    }

    /**
     * Refuses (throws {@link IllegalStateException}, which stops start-up) a configured signing secret that is a
     * published default or too short to resist guessing. A blank value passes: each caller decides what "not set"
     * means (a disabled webhook, a generated secret).
     *
     * @param property the property's name, for the message
     * @param environmentVariable the environment variable that sets it, for the message
     */
    public static void refuseWeakSecret(String property, String environmentVariable, String secret) {
        if (secret == null || secret.isBlank()) {
            return;
        }
        if (isPublished(secret)) {
            throw new IllegalStateException(property + " is a secret published in Lyceum's source code: anyone can "
                    + "sign requests with it. Set " + environmentVariable + " to the provider's secret or a random "
                    + "value (openssl rand -base64 32).");
        }
        if (secret.trim().length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException(property + " is shorter than " + MIN_SECRET_LENGTH + " characters. Set "
                    + environmentVariable + " to the provider's secret or a random value (openssl rand -base64 32).");
        }
    }
}
