package io.lyceum.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest (accounts' TOTP secrets and token signing keys, the webhooks module's endpoint signing
 * secrets) with AES-256-GCM when {@code lyceum.auth.secret-encryption-key}
 * is set (the AES key is the SHA-256 of that value). The owner's id (the user's, or the signing key's id) is bound in
 * as associated data, so a sealed value copied onto another row does not open. Without a key, values are stored in
 * plain text and a warning is logged: allowed with the embedded database only, production refuses to start. Sealed values start with {@code v1:}; plain Base32 secrets never contain a colon, so both forms
 * can be read after a key is introduced.
 */
@Component
public class SecretCipher {

    public static final int MIN_KEY_LENGTH = 32;
    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

    private final @Nullable SecretKey key;

    @org.springframework.beans.factory.annotation.Autowired
    SecretCipher(Environment environment) {
        this(
                environment.getProperty("lyceum.auth.secret-encryption-key", ""),
                ProductionMode.isProduction(environment));
    }

    public SecretCipher(String configured, boolean production) {
        if ((configured == null || configured.isBlank()) && production) {
            throw new IllegalStateException(
                    "Production mode (an external database) needs"
                            + " LYCEUM_AUTH_SECRET_ENCRYPTION_KEY (lyceum.auth.secret-encryption-key, at least "
                            + MIN_KEY_LENGTH
                            + " random characters: openssl rand -base64 32): it seals TOTP secrets, the"
                            + " token signing keys and webhook signing secrets at rest. Keep it: without it they cannot be opened.");
        }
        if (configured == null || configured.isBlank()) {
            this.key = null;
            log.warn(
                    "lyceum.auth.secret-encryption-key is not set: TOTP secrets, signing keys and webhook secrets are stored unencrypted. Set it to a "
                            + "random value of at least {} characters in production.",
                    MIN_KEY_LENGTH);
        } else {
            if (configured.length() < MIN_KEY_LENGTH) {
                throw new IllegalStateException(
                        "lyceum.auth.secret-encryption-key must be at least " + MIN_KEY_LENGTH + " characters");
            }
            this.key = new SecretKeySpec(sha256(configured), "AES");
        }
    }

    /** Whether values are sealed (a key is configured). */
    public boolean sealing() {
        return key != null;
    }

    public static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    /** Seals {@code secret}, binding {@code owner} in (plain text when no key is configured). */
    public String seal(String secret, UUID owner) {
        if (key == null) {
            return secret;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(owner.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                                    .put(iv)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a secret", e);
        }
    }

    /** Opens a value sealed for {@code owner}; a plain value is returned as it is. */
    public String open(String stored, UUID owner) {
        if (!stored.startsWith(PREFIX)) {
            return stored;
        }
        if (key == null) {
            throw new IllegalStateException("A secret is encrypted but lyceum.auth.secret-encryption-key is not set");
        }
        try {
            byte[] raw = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
            cipher.updateAAD(owner.toString().getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "Cannot decrypt a secret: wrong lyceum.auth.secret-encryption-key or damaged data", e);
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
