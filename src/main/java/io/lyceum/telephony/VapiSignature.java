package io.lyceum.telephony;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How Vapi's server messages are authenticated. Vapi sends a server URL credential with every message: either the
 * plain secret in {@code x-vapi-secret}, or (a custom HMAC credential) the hex HMAC-SHA256 of
 * {@code <timestamp>.<body>} in {@code x-vapi-signature} with the Unix timestamp in {@code x-vapi-timestamp}. Every
 * comparison runs in constant time.
 */
final class VapiSignature {

    static final String SECRET_HEADER = "x-vapi-secret";
    static final String SIGNATURE_HEADER = "x-vapi-signature";
    static final String TIMESTAMP_HEADER = "x-vapi-timestamp";

    private VapiSignature() {}

    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HMAC signature over the exact body, with a timestamp no further than {@code tolerance} from now. */
    static boolean hmacMatches(
            String secret, String timestamp, String signature, String body, Instant now, Duration tolerance) {
        if (blank(secret) || blank(timestamp) || blank(signature)) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return false;
        }
        return equal(sign(secret, seconds, body), signature.trim().toLowerCase(java.util.Locale.ROOT));
    }

    static boolean secretMatches(String secret, String presented) {
        return !blank(secret) && !blank(presented) && equal(secret, presented.trim());
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
