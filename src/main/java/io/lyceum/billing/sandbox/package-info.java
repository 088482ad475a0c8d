/**
 * Billing's sandbox provider: a Stripe emulator implementing the provider port for development and tests (test cards,
 * 3-D Secure pages, signed webhooks delivered back to this server), and the start-up check that refuses a production
 * install without an explicitly chosen provider and warns loudly whenever the sandbox runs.
 *
 * <p>Uses only the provider port; nothing in billing uses the sandbox (the port's callers never know which adapter
 * answers).
 */
@NullMarked
@ApplicationModule(
        displayName = "Billing: sandbox provider",
        allowedDependencies = {"billing", "billing.provider", "shared", "platform"})
package io.lyceum.billing.sandbox;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
