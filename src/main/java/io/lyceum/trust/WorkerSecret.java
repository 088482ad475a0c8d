package io.lyceum.trust;

import io.lyceum.platform.ProductionMode;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The shared secret of the internal worker endpoint (seed 000's cron secret): {@code lyceum.trust.worker-secret}
 * ({@code LYCEUM_CAAS_WORKER_SECRET}). Production refuses to start without one, or with one that is short or published;
 * development generates one at start-up and logs it once. Compared as SHA-256 digests with {@link
 * MessageDigest#isEqual}, so neither content nor length leaks through timing.
 */
@Component
class WorkerSecret {

    static final String PROPERTY = "lyceum.trust.worker-secret";
    static final String VARIABLE = "LYCEUM_CAAS_WORKER_SECRET";
    private static final Logger log = LoggerFactory.getLogger(WorkerSecret.class);

    private final byte[] digest;

    WorkerSecret(TrustProperties properties, Environment environment) {
        String secret = properties.workerSecret();
        if (secret == null || secret.isBlank()) {
            if (ProductionMode.isProduction(environment)) {
                throw new IllegalStateException(PROPERTY + " is not set. Production needs the internal worker's shared"
                        + " secret: set " + VARIABLE + " to a random value (openssl rand -base64 32).");
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.warn(
                    "Generated a development secret for POST /api/v1/internal/caas-worker (set {} to keep one): {}",
                    VARIABLE,
                    secret);
        } else if (ProductionMode.isProduction(environment)) {
            ProductionMode.refuseWeakSecret(PROPERTY, VARIABLE, secret);
        }
        this.digest = sha256(secret.trim());
    }

    /** Whether the request carries the secret as {@code Authorization: Bearer <secret>}. */
    boolean presentedBy(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(header.substring(7).trim()));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
