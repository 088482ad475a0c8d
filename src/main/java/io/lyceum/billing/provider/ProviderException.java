package io.lyceum.billing.provider;

import org.jspecify.annotations.Nullable;

/**
 * The payment provider refused a request or could not be reached. {@code code} is the provider's (for example
 * {@code card_declined}, {@code resource_missing}) or ours ({@code provider_unavailable},
 * {@code webhook.invalid_signature}); the message is safe to show to the caller.
 */
public class ProviderException extends RuntimeException {

    private final String code;
    private final boolean retryable;

    public ProviderException(String code, @Nullable String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    /** True when the request may succeed if repeated (network failure, provider outage, rate limit). */
    public boolean retryable() {
        return retryable;
    }
}
