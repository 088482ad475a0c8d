/**
 * Mail: email leaves Lyceum through a transactional outbox (a message is stored in the same transaction as the change
 * that caused it, then delivered). A low-level channel that accounts, catalog, scheduling and billing write to; the
 * notifications module decides who hears about what and sends through it.
 */
@NullMarked
@ApplicationModule(
        displayName = "Mail",
        allowedDependencies = {"shared", "platform", "tenancy"})
package io.lyceum.mail;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
