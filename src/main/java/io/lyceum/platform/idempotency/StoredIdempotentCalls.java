package io.lyceum.platform.idempotency;

import io.lyceum.platform.IdempotentCalls;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** {@link IdempotentCalls} on the store the REST {@code Idempotency-Key} filter uses. */
@Service
class StoredIdempotentCalls implements IdempotentCalls {

    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final String JSON = "application/json";

    private final IdempotencyStore store;

    StoredIdempotentCalls(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    public Answer once(String scope, @Nullable String key, String operation, String request, Supplier<String> work) {
        if (key == null || !VALID_KEY.matcher(key).matches()) {
            throw new LyceumException(
                    ErrorKind.BAD_REQUEST,
                    "idempotency.invalid_key",
                    "An idempotency key must be 1 to 255 visible ASCII characters.");
        }
        String hash = sha256(operation + "\n" + request);
        String[] parts = operation.split(" ", 2);
        String method = parts[0];
        String path = parts.length > 1 ? parts[1] : operation;
        boolean claimed = store.claim(scope, key, hash, method, path)
                || (store.releaseIfAbandoned(scope, key) && store.claim(scope, key, hash, method, path));
        if (!claimed) {
            return replay(scope, key, hash);
        }
        boolean stored = false;
        try {
            String json = work.get();
            store.complete(scope, key, 200, JSON, null, json.getBytes(StandardCharsets.UTF_8));
            stored = true;
            return new Answer(json, false);
        } finally {
            if (!stored) {
                store.release(scope, key);
            }
        }
    }

    private Answer replay(String scope, String key, String hash) {
        var stored = store.find(scope, key).orElseThrow(StoredIdempotentCalls::inProgress);
        if (!stored.requestHash().equals(hash)) {
            throw new LyceumException(
                    ErrorKind.UNPROCESSABLE,
                    "idempotency.key_reused",
                    "This idempotency key was already used with a different request. Use a new key for a new request.");
        }
        if (!stored.completed()) {
            throw inProgress();
        }
        return new Answer(new String(stored.body(), StandardCharsets.UTF_8), true);
    }

    private static LyceumException inProgress() {
        return new LyceumException(
                ErrorKind.CONFLICT,
                "idempotency.in_progress",
                "A call with this idempotency key is still being processed; retry shortly.");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
