package io.lyceum.billing.provider;

import io.lyceum.billing.provider.PaymentProvider.ProviderEvent;

/**
 * Reacts to verified provider webhook events. The webhook endpoint records each event id once and calls every handler
 * in the same transaction, with the event's tenant bound (from the object's {@code tenantId} metadata); a handler
 * ignores types it does not know. Events come at least once and in any order: a handler must converge to the same
 * state whatever the order (read the object's current status from the event, never assume a predecessor arrived).
 */
public interface ProviderEventHandler {

    void handle(ProviderEvent event);
}
