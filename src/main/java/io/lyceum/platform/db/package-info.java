@NullMarked
package io.lyceum.platform.db;

import org.jspecify.annotations.NullMarked;
