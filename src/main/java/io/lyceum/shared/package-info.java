/**
 * Shared kernel: identifiers, money, paging and error vocabulary used by every module. Pure Java, nothing
 * business-specific, no Spring beans.
 */
@NullMarked
@ApplicationModule(displayName = "Shared kernel", type = ApplicationModule.Type.OPEN)
package io.lyceum.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
