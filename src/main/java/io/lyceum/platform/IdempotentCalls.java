package io.lyceum.platform;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Idempotency-Key} store for calls that do not arrive as one HTTP request (an MCP tool call, the agents'
 * tool gateway): the same store, scopes and 24-hour life as the REST header, so a key means one operation wherever
 * it was sent. The first call with a key runs and its JSON answer is kept; a retry with the same key and the same
 * request gets that answer back; the same key with a different request is 422 {@code idempotency.key_reused}; a
 * retry while the first still runs is 409 {@code idempotency.in_progress}. A call that fails is not kept, so it may be
 * retried with the same key.
 */
public interface IdempotentCalls {

    /** The answer and whether it is a replay of an earlier call's. */
    record Answer(String json, boolean replayed) {}

    /**
     * @param scope whose keys these are, {@code user:<id>} as the REST filter scopes them
     * @param key the caller's key (1 to 255 visible ASCII characters, else 400 {@code idempotency.invalid_key})
     * @param operation what is done, such as {@code POST /api/v1/bookings}
     * @param request the request's canonical text (its arguments as JSON), compared on a retry
     * @param work runs the call and returns its JSON answer
     */
    Answer once(String scope, @Nullable String key, String operation, String request, Supplier<String> work);
}
