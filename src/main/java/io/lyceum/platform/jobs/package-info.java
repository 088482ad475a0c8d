@NullMarked
package io.lyceum.platform.jobs;

import org.jspecify.annotations.NullMarked;
