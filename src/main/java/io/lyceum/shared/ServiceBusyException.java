package io.lyceum.shared;

import java.time.Duration;

/**
 * A 503: the service sheds this request rather than queue it (a bulkhead is full, a statement ran out of time); the
 * caller may try again after {@link #retryAfter()} (sent as {@code Retry-After}).
 */
public final class ServiceBusyException extends LyceumException {

    private final Duration retryAfter;

    public ServiceBusyException(String code, String detail, Duration retryAfter) {
        super(ErrorKind.UNAVAILABLE, code, detail);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one, as {@code Retry-After} wants them. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
