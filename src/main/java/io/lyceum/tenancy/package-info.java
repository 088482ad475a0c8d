/**
 * Tenants (agencies or marketplaces sharing one installation), resolution of the current tenant for a request, and
 * the plumbing that confines queries to it.
 */
@NullMarked
@ApplicationModule(
        displayName = "Tenancy",
        allowedDependencies = {"shared", "platform"})
package io.lyceum.tenancy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
