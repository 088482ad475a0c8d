/**
 * Technical platform shared by all modules: the embedded database, HTTP conventions (problem details, request ids,
 * paging, idempotency keys), the PostgreSQL-backed job scheduler and the demo-data loader. No business logic.
 */
@NullMarked
@ApplicationModule(displayName = "Platform", allowedDependencies = "shared")
package io.lyceum.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
