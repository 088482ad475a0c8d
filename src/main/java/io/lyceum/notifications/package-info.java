/**
 * Notifications: who hears about what, on which channel. Listens to the events of scheduling, billing, accounts,
 * catalog, messaging, reviews and telephony (SMS and call reports); writes each recipient's in-app notification and queues their email, SMS and voice
 * deliveries (a durable queue in PostgreSQL, claimed with {@code FOR UPDATE SKIP LOCKED} by any instance, retried with
 * backoff, every attempt recorded); keeps each user's preferences (per category and channel, quiet hours, daily
 * digest). Texts are templates in the message bundle {@code notifications/templates}. See docs/notifications.md.
 */
@NullMarked
@ApplicationModule(
        displayName = "Notifications",
        allowedDependencies = {
            "shared",
            "platform",
            "tenancy",
            "accounts",
            "catalog",
            "scheduling",
            "billing",
            "messaging",
            "reviews",
            "mail",
            "telephony"
        })
package io.lyceum.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
