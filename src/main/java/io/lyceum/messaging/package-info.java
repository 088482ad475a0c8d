/**
 * Messaging: conversations between two people (student–tutor, guardian–tutor, the admin notice channel to a student,
 * admin–tutor), their messages with read state, edits, attachments and search, the realtime WebSocket hub at
 * {@code /api/v1/ws} with PostgreSQL LISTEN/NOTIFY fan-out between instances, and chat moderation. Other modules post
 * system messages and admin warnings through {@link io.lyceum.messaging.MessagingApi}; conversations open on
 * scheduling's booking events.
 */
@NullMarked
@ApplicationModule(
        displayName = "Messaging",
        allowedDependencies = {"shared", "platform", "tenancy", "accounts", "scheduling"})
package io.lyceum.messaging;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
