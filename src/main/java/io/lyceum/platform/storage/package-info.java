@NullMarked
package io.lyceum.platform.storage;

import org.jspecify.annotations.NullMarked;
