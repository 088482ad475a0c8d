package io.lyceum.scheduling;

import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Signatures of incoming webhooks, in the header {@code t=<unix seconds>,v1=<hex>}: {@code v1} is the HMAC-SHA256,
 * keyed with the shared secret, of {@code <t>.<raw body>}. Several {@code v1} entries may be given (while a secret is
 * being rotated); one must match. The timestamp must lie within the tolerance of now, so a captured delivery cannot be
 * replayed later; within the tolerance the event id's uniqueness stops replays.
 */
final class WebhookSignature {

    private WebhookSignature() {}

    /** Checks the header against the raw body; throws 401 {@code webhook.invalid_signature} or {@code .stale}. */
    static void verify(@Nullable String header, byte[] body, String secret, Instant now, Duration tolerance) {
        if (header == null || header.isBlank() || header.length() > 1000) {
            throw invalid();
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            try {
                if (key.equals("t")) {
                    timestamp = Long.parseLong(value);
                } else if (key.equals("v1")) {
                    signatures.add(HexFormat.of().parseHex(value));
                }
            } catch (IllegalArgumentException e) {
                throw invalid();
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw invalid();
        }
        byte[] expected = sign(secret, timestamp, body);
        boolean matches = false;
        for (byte[] signature : signatures) {
            matches |= MessageDigest.isEqual(expected, signature); // constant time
        }
        if (!matches) {
            throw invalid();
        }
        Instant signedAt = Instant.ofEpochSecond(timestamp);
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            throw new LyceumException(
                    ErrorKind.UNAUTHORIZED,
                    "webhook.stale_signature",
                    "The signature's timestamp is more than " + tolerance.toSeconds() + " seconds from now.");
        }
    }

    /** The header value for a body signed now: what the sender computes (tests and the docs use it). */
    static String header(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(sign(secret, unixSeconds, body));
    }

    private static byte[] sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LyceumException invalid() {
        return new LyceumException(
                ErrorKind.UNAUTHORIZED, "webhook.invalid_signature", "The webhook signature is missing or wrong.");
    }
}
