/**
 * Notifications: email and SMS leave Lyceum through a transactional outbox (a message is stored in the same
 * transaction as the change that caused it, then delivered), in-app notifications, preferences and templates.
 */
@ApplicationModule(
        displayName = "Notifications",
        allowedDependencies = {"shared", "platform", "tenancy"})
package io.lyceum.notifications;

import org.springframework.modulith.ApplicationModule;
