package io.lyceum.shared;

import java.time.Duration;

/** A 429: the caller must wait {@link #retryAfter()} before trying again (sent as {@code Retry-After}). */
public final class TooManyRequestsException extends LyceumException {

    private final Duration retryAfter;

    public TooManyRequestsException(String code, String detail, Duration retryAfter) {
        super(ErrorKind.TOO_MANY_REQUESTS, code, detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, at least one, as {@code Retry-After} wants them. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
