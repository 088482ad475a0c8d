@NullMarked
package io.lyceum.platform.idempotency;

import org.jspecify.annotations.NullMarked;
