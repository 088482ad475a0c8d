/**
 * Webhooks: outgoing webhooks for integrators. Owners and admins subscribe HTTPS endpoints to event types; every event
 * of another module that matches a subscription becomes a message in a durable PostgreSQL queue, written in the
 * transaction that handles the event, and is delivered by any instance (claimed with {@code FOR UPDATE SKIP LOCKED},
 * the HTTP call made with no transaction or lock held) with Standard Webhooks signatures, retried with exponential
 * backoff for a day, logged attempt by attempt, replayable; an endpoint that keeps failing is disabled and its owner
 * told. See docs/webhooks.md.
 *
 * <p>Incoming webhooks (the payment provider's, Lessonspace's) are not this module's: they stay with the module that
 * receives them (billing, scheduling). This module only listens to the others' public events; none depends on it.
 */
@NullMarked
@ApplicationModule(
        displayName = "Webhooks",
        allowedDependencies = {"shared", "platform", "tenancy", "accounts", "scheduling", "billing", "reviews", "mail"})
package io.lyceum.webhooks;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
