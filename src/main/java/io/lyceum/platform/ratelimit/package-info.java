@NullMarked
package io.lyceum.platform.ratelimit;

import org.jspecify.annotations.NullMarked;
