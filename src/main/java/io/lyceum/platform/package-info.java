/**
 * Technical platform shared by all modules: the embedded database, HTTP conventions (problem details, request ids,
 * paging, idempotency keys), the PostgreSQL-backed job scheduler and the demo-data loader. No business logic.
 */
@ApplicationModule(displayName = "Platform", allowedDependencies = "shared")
package io.lyceum.platform;

import org.springframework.modulith.ApplicationModule;
